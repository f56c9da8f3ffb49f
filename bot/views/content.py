"""Exercise content rendered as chat replies in the core's markup.

One function per command, so each command's text can be read (and tested) on its own. Text from
the content file is ours, not a user's, but it is still escaped: an underscore in a cue must
not turn the rest of a message italic.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.content.model import Exercise, FaqEntry, VariationInfo
from bot.markup import bold, escape, italic

_DIFFICULTY = {1: "easiest", 2: "easy", 3: "standard", 4: "hard", 5: "hardest"}


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _span(pair: tuple[int, int], unit: str = "") -> str:
    low, high = pair
    return f"{low}–{high}{unit}"


def overview(ex: Exercise, others: tuple[str, ...] = (), *, coached: bool = True) -> str:
    """The exercise at a glance; `coached` when it is the one the program coaches (whose
    details the other commands show), `others` the rest of the catalogue."""
    muscles = _bullets(f"{bold(m.name)} ({escape(m.role)}): {escape(m.detail)}" for m in ex.muscles)
    benefits = _bullets(f"{bold(b.title)}: {escape(b.detail)}" for b in ex.benefits)
    equipment = _bullets(
        f"{bold(e.name)}{' (optional)' if e.optional else ''}: {escape(e.detail)}" for e in ex.equipment
    )
    return "\n\n".join(
        (
            f"{bold(ex.name)}\n{escape(ex.summary)}",
            f"{bold('Muscles')}\n{muscles}",
            f"{bold('Why do it')}\n{benefits}",
            f"{bold('Equipment')}\n{equipment}",
            programming(ex),
            *(("More: /form /cues /mistakes /variations /warmup /safety /faq",) if coached else ()),
            *((f"Also in the catalogue: {escape(', '.join(others))} (/exercise NAME)",) if others else ()),
        )
    )


def programming(ex: Exercise) -> str:
    p = ex.programming
    goals = _bullets(
        f"{bold(g.id.value.title())}: {_span(g.reps)} reps, {escape(g.load)} load; rest {escape(g.rest)}"
        for g in ex.goals
    )
    return (
        f"{bold('Programming')}\n{goals}\n"
        f"• {bold('Sets')}: {_span(p.sets)} per session\n"
        f"• {bold('Frequency')}: {_span(p.sessions_per_week)} sessions a week\n"
        f"• Pairs well with {escape(', '.join(p.pairs_with))}. {escape(p.placement)}\n"
        f"{italic(p.rest_note)}"
    )


def form(ex: Exercise) -> str:
    s = ex.setup
    setup = "\n".join(f"{i}. {escape(step)}" for i, step in enumerate(s.steps, 1))
    bench = (
        f"Bench height: {_span(s.bench_height_cm, ' cm')} ({_span(s.bench_height_in, ' in')})."
        if s.bench_height_cm and s.bench_height_in
        else ""
    )
    steps = "\n".join(f"{i}. {bold(st.phase)}: {escape(st.how)}" for i, st in enumerate(ex.steps, 1))
    return "\n\n".join(
        (
            f"{bold('Setup')}\n" + (f"{escape(bench)}\n" if bench else "") + setup,
            f"{bold('Feet')}\n{_bullets(escape(f) for f in s.foot_placement)}",
            f"{bold('The rep')}\n{steps}",
            f"{bold('Tempo')}: {escape(ex.tempo.summary)}",
        )
    )


def cues(ex: Exercise) -> str:
    return f"{bold('Coaching cues')}\n{_bullets(escape(c) for c in ex.cues)}"


def mistakes(ex: Exercise) -> str:
    items = _bullets(f"{bold(m.name)}: {escape(m.why)}\n  Fix: {escape(m.fix)}" for m in ex.mistakes)
    return f"{bold('Common mistakes')}\n{items}"


def variations(ex: Exercise) -> str:
    ordered = sorted(ex.variations, key=lambda v: v.difficulty)
    items = _bullets(f"{bold(v.name)} ({_DIFFICULTY[v.difficulty]}): {escape(v.emphasis)}" for v in ordered)
    return f"{bold('Variations')}, easiest first\n{items}\n\nDetails: /variations single-leg"


def variation(info: VariationInfo) -> str:
    load = "loaded" if info.loaded else "unloaded"
    return (
        f"{bold(info.name)}: {_DIFFICULTY[info.difficulty]}, {load}\n"
        f"{escape(info.emphasis)}\n{escape(info.how)}"
    )


def warmup(ex: Exercise) -> str:
    drills = _bullets(f"{bold(d.name)} ({escape(d.dose)}): {escape(d.how)}" for d in ex.warmup.drills)
    return f"{bold('Warm-up')}\n{escape(ex.warmup.summary)}\n{drills}\n\n{escape(ex.warmup.ramp_rule)}"


def safety(ex: Exercise) -> str:
    items = _bullets(f"{bold(n.topic)}: {escape(n.advice)}" for n in ex.safety)
    return f"{bold('Safety')}\n{items}"


PAIN_TOPIC = "Pain means stop"


def pain_advice(ex: Exercise) -> str:
    """The content's own words on pain, for answers to pain reports."""
    note = next(n for n in ex.safety if n.topic == PAIN_TOPIC)
    return escape(note.advice)


def faq_answer(entry: FaqEntry, about: str | None = None) -> str:
    """The answer; `about` names the exercise when it is not the program's."""
    title = f"{about}: {entry.question}" if about else entry.question
    return f"{bold(title)}\n{escape(entry.answer)}"


def faq_topics(ex: Exercise, asked: str | None) -> str:
    lead = (
        f"I don't have an answer to {italic(asked)} yet. " if asked else ""
    ) + "Ask me about any of these:"
    return f"{lead}\n{_bullets(escape(e.question) for e in ex.faq)}\n\nExample: /faq where do my feet go?"
