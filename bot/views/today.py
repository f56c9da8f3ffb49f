"""`/today`: the group's session, or when the next one is."""

from __future__ import annotations

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.planning import SessionPlan
from bot.services.sessions import PlannedMember, RestDay, SessionDay
from bot.views import buttons
from bot.views import format as fmt

# Above this many members `/today` is one line each, so a 50-member group still fits one
# Telegram message (4096 characters) or one Discord embed.
COMPACT_FROM = 12


def _compact(session: SessionDay) -> list[str]:
    """One cue for everyone, then each member on one line: work (and, for one exercise, the
    ramp-up; for several, each lift by its initials and the ramp rule once), so fifty members
    on three lifts still read as one message. Each member's details: /today in private."""
    lines = [f"💡 Cue of the day: {escape(session.members[0].plan.cue)}"]
    several = len(session.exercises) > 1
    short = initials(session.exercises)
    if several:
        legend = " · ".join(f"{short[e.id]} {e.short_name}" for e in session.exercises)
        lines.append(
            f"{escape(legend)}. Ramp up before your first heavy lift: empty bar × 10, then about "
            "60% × 6 and 80% × 3; @ ? = find a load you could lift two more times than the reps."
        )
    lines.append("")
    for plans in by_member(session):
        if several:
            work = " · ".join(
                escape(
                    f"{short[p.member.exercise.id]} {fmt.compact_work(p.member.prescription, p.member.unit)}"
                )
                for p in plans
            )
        else:
            work = _short_work(plans[0])
        heavy = None if several else next((p.plan for p in plans if p.plan.ramp), None)
        ramp = ", ".join(f"{fmt.number(r.load)}×{r.reps}" for r in heavy.ramp) if heavy else ""
        tail = f" · ramp {escape(ramp)}" if ramp else ""
        lines.append(f"{bold(plans[0].member.name)}: {work}{tail}")
    lines.append("\nYours in detail: /today in private.")
    return lines


def _short_work(planned: PlannedMember) -> str:
    m = planned.member
    return f"{escape(m.prescription.variation.id)} {bold(fmt.work(m.prescription, m.unit))}"


def initials(exercises: tuple[Exercise, ...]) -> dict[str, str]:
    """`HT`, `RD`, `SS`: each exercise's initials, lengthened until they differ."""
    found: dict[str, str] = {}
    for exercise in exercises:
        words = exercise.short_name.replace("-", " ").split()
        base = "".join(w[0] for w in words).upper()
        short, extra = base, 1
        while short in found.values():  # RD, then Rd… from the last word, then numbered
            tail = words[-1][1 : extra + 1].lower()
            short = base + (tail if len(tail) == extra else str(extra))
            extra += 1
        found[exercise.id] = short
    return found


def by_member(session: SessionDay) -> list[tuple[PlannedMember, ...]]:
    """Each member's plans together: the session lists the day's exercises member by member."""
    size = len(session.exercises) or 1
    return [session.members[i : i + size] for i in range(0, len(session.members), size)]


def day_title(session: SessionDay) -> str:
    """`hip thrust`, or `hip thrust, Romanian deadlift and split squat`."""
    names = [e.short_name for e in session.exercises]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def rest_day(rest: RestDay) -> Reply:
    return Reply(
        f"No session today ({fmt.day_label(rest.day)}). Next: {bold(fmt.session_label(rest.next_start))} "
        f"({escape(rest.timezone)})."
    )


def session_day(session: SessionDay) -> Reply:
    program = session.program
    ex = session.exercises[0]
    goal = ex.goal(program.goal)
    several = len(session.exercises) > 1
    title = f"{fmt.day_label(session.day)}: {day_title(session)} day"
    reps = "" if several else f", {fmt.rep_range(program.reps)} reps"
    lines = [
        f"🏋️ {bold(title)} ({program.goal.value}{reps}), session at {fmt.clock_time(session.start)}.",
        f"Warm-up for everyone: {escape(fmt.drills(ex))}.",
        f"Rest {escape(goal.rest)}. Tempo: {escape(ex.tempo.summary)}",
    ]
    if several:
        lines[-1] = f"Rest {escape(goal.rest)} ({escape(ex.short_name)}); ramp up on the first heavy lift."
    if not session.members:
        lines.append("\nNobody has joined yet: /join beginner, or /join intermediate 60kg.")
        return Reply("\n".join(lines))
    if len(session.members) // len(session.exercises or (ex,)) > COMPACT_FROM:
        lines += _compact(session)
    else:
        for plans in by_member(session):
            lines.append(_member_block(plans))
    lines.append(
        "\nAfter training: tap the button, or reply to this message with what you did (3x10 @ 60kg)."
    )
    return Reply("\n".join(lines), buttons=(buttons.done(session.day),))


def _member_block(plans: tuple[PlannedMember, ...]) -> str:
    first = plans[0]
    m, plan = first.member, first.plan
    if len(plans) == 1:
        ramp = f"Ramp-up: {fmt.ramp(plan) or 'the warm-up drills are enough at this load.'}"
        return (
            f"\n{bold(m.name)}: {fmt.prescription(m.exercise, m.prescription, m.unit)}{_plates(plan)}\n"
            f"  {escape(ramp)}\n  Cue: {escape(plan.cue)}"
        )
    lines = [f"\n{bold(m.name)}"]
    lines += [
        f"  {fmt.prescription(p.member.exercise, p.member.prescription, m.unit)}{_plates(p.plan)}"
        for p in plans
    ]
    heavy = next((p for p in plans if p.plan.ramp), None)
    if heavy is not None:
        ramp = f"Ramp-up ({heavy.member.exercise.short_name}): {fmt.ramp(heavy.plan)}"
        lines.append(f"  {escape(ramp)}")
    lines.append(f"  Cue: {escape(plan.cue)}")
    return "\n".join(lines)


def _plates(plan: SessionPlan) -> str:
    """` (20 + 2.5 a side)` after a barbell load, else nothing."""
    return f" ({escape(fmt.plates(plan.plates, plan.unit))})" if plan.plates else ""
