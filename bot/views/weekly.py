"""The weekly summary: each member's before → after and why, the coach's changes, the PRs."""

from __future__ import annotations

from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.progression import Change
from bot.rules.schedule import week_start
from bot.services.weekly import BumpResult, MemberBump
from bot.views import format as fmt
from bot.views import reasons, standings


def summary(bump: BumpResult) -> Reply:
    if bump.legacy_text:
        return Reply(bump.legacy_text)
    parts = [f"📈 {bold('Weekly progress')}, week of {fmt.short_day(week_start(bump.week))}"]
    if len({m.exercise for m in bump.members}) > 1:
        parts += _by_exercise(bump.members)
    elif len(bump.members) > COMPACT_FROM:
        parts += _compact(bump.members)
    else:
        parts += [_line(m) for m in bump.members] or ["Nobody has joined yet: /join to get a program."]
    if bump.coach_changes:
        coach = "\n".join(
            f"• {escape(c.member_name)}: {escape(reasons.change(c))}" for c in bump.coach_changes
        )
        parts.append(f"\n{bold('Coach changes this week')}\n{coach}")
    if bump.records:
        prs = "; ".join(
            f"{escape(r.name)} (est. 1RM {fmt.lifted(r.e1rm_kg, r.unit)}, {r.variation})"
            for r in bump.records
        )
        parts.append(f"\n🏆 PRs this week: {prs}")
    if bump.recap is not None:
        parts += standings.recap_lines(bump.recap)
    return Reply("\n".join(parts))


# Above this many members the summary lists the changes one by one and counts the holds, so a
# big group's Sunday message stays one message.
COMPACT_FROM = 12


def _compact(members: tuple[MemberBump, ...]) -> list[str]:
    changed = [_line(m) for m in members if m.change is not Change.HOLD]
    held = [m for m in members if m.change is Change.HOLD]
    lines = changed or ["No changes this week."]
    if held:  # counted, not named: a big group's summary is no list of who missed
        who = "member holds" if len(held) == 1 else "members hold"
        lines.append(f"{len(held)} {who} this week's weights; /me says why.")
    return lines


def _by_exercise(members: tuple[MemberBump, ...]) -> list[str]:
    """Several exercises: one line per member with what changed on each lift (the reasons are
    in /me), the holds counted, and one nudge for whoever logged none of their lifts."""
    lines = []
    for name in dict.fromkeys(m.name for m in members):
        changed = [m for m in members if m.name == name and m.change is not Change.HOLD]
        if changed:
            moves = " · ".join(escape(_move(m)) for m in changed)
            lines.append(f"• {bold(name)}: {moves}")
    lines = lines or ["No changes this week."]
    held = sum(m.change is Change.HOLD for m in members)
    if held:
        lines.append(f"{fmt.plural(held, 'lift')} hold this week's weights; /me says why.")
    else:
        lines.append("/me says why each one moved.")
    logged = {m.name for m in members if m.logged}
    missed = sorted({m.name for m in members if not m.new} - logged)
    if missed and len(missed) <= COMPACT_FROM:
        lines.append(f"We missed you, {escape(', '.join(missed))}: see you at the next session 💪")
    return lines


def _move(m: MemberBump) -> str:
    """`hip thrust 3×8 @ 62.5 kg`, or `hip thrust → banded 3×8` when the variation changed."""
    work = fmt.compact_work(m.after, m.unit)
    if m.after.variation != m.before.variation:
        return f"{m.exercise_name} → {m.after.variation.id} {work}"
    return f"{m.exercise_name} {work}"


def _line(m: MemberBump) -> str:
    name = bold(m.name)
    why = escape(reasons.reason(m.reason))
    if m.change is Change.HOLD:
        held = escape(fmt.short_prescription(m.after, m.unit))
        nudge = (
            "" if m.logged or m.new else f" We missed you, {escape(m.name)}: see you at the next session 💪"
        )
        return f"• {name}: holds {held} ({why}).{nudge}"
    old, new = fmt.short_prescription(m.before, m.unit), fmt.short_prescription(m.after, m.unit)
    return f"• {name}: {escape(old)} → {bold(new)} ({why})"
