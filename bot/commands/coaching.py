"""The coach's controls and the weekly bump on demand."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.errors import AmbiguousMember, BumpAlreadyApplied, Rejected, UnknownMember, WhoMissing
from bot.messages import Reply
from bot.rules.coach_settings import SettingError, apply_settings
from bot.rules.naming import Person, named
from bot.rules.schedule import iso_week
from bot.services import coaching, lifts, weekly
from bot.services.lifts import Lifted
from bot.store.tables import MemberRow
from bot.views import coaching as view
from bot.views import weekly as weekly_view
from bot.views.problems import SET_USAGE

router = Router("Coaching (admins)")


@router.command("bump", admin=True, needs=Needs.GROUP)
async def bump(ctx: Context) -> Reply:
    """Apply this week's progression now (normally automatic on Sunday evening)."""
    week = iso_week(ctx.group.schedule().local_date(ctx.now))
    result = await weekly.apply_bump(ctx.tx, ctx.group, week, ctx.now, ctx.catalogue)
    if result is None:
        raise BumpAlreadyApplied()
    return weekly_view.summary(result)


@router.command(
    "set", usage="@name [exercise] load 70kg|reps 10|sets 4|variation barbell", admin=True, needs=Needs.GROUP
)
async def set_(ctx: Context) -> Reply:
    """Change a member's prescription by hand (on the program's first exercise unless named)."""
    member, rest = await _target(ctx, SET_USAGE)
    on, rest = await _lift(ctx, member, rest)
    try:
        current = on.track.prescription(on.exercise.lift)
        after = apply_settings(on.exercise.lift, current, rest, member.unit)
    except SettingError as exc:
        raise Rejected(exc) from None
    return view.coach_change(await coaching.set_prescription(ctx.tx, ctx.group, member, on, after, ctx.now))


@router.command("hold", usage="@name", admin=True, needs=Needs.GROUP)
async def hold(ctx: Context) -> Reply:
    """Keep a member's prescriptions as they are at this week's bump."""
    member, rest = await _target(ctx, "/hold @name")
    on, _ = await _lift(ctx, member, rest)
    return view.coach_change(await coaching.hold(ctx.tx, ctx.group, member, on, ctx.now))


@router.command("deload", usage="@name [exercise]", admin=True, needs=Needs.GROUP)
async def deload(ctx: Context) -> Reply:
    """Take about 10% off a member's load now and reset their reps."""
    member, rest = await _target(ctx, "/deload @name")
    on, _ = await _lift(ctx, member, rest)
    return view.coach_change(await coaching.deload_now(ctx.tx, ctx.group, member, on, ctx.now))


async def _lift(ctx: Context, member: MemberRow, rest: str) -> tuple[Lifted, str]:
    """The exercise the arguments start with (`squat load 100kg`), else the program's first;
    and the arguments after it."""
    exercise, after = ctx.catalogue.leading(rest)
    if exercise is not None:
        return Lifted(exercise, await lifts.track_for(ctx.tx, ctx.group, member, exercise)), after
    first = (await lifts.tracks(ctx.tx, ctx.group, member, ctx.catalogue))[0]
    return first, rest


async def _target(ctx: Context, usage: str) -> tuple[MemberRow, str]:
    """The member the command names (`@handle`, a mention, a display name), else the author of
    the message it replies to; and the rest of the arguments."""
    members = await ctx.tx.members(ctx.group)
    people = [Person(m.user_id, m.name, m.username) for m in members]
    replied = next((m for m in members if m.user_id in ctx.incoming.targets), None)
    if not ctx.args.strip():
        if replied is None:
            raise WhoMissing(usage)
        return replied, ""
    ref = named(ctx.args, people)
    if not ref.people:
        if replied is not None:
            return replied, ctx.args.strip()
        raise UnknownMember(ref.said)
    if len(ref.people) > 1:
        raise AmbiguousMember(ref.said, tuple((p.name, p.handle) for p in ref.people))
    (person,) = ref.people
    return next(m for m in members if m.user_id == person.user_id), ref.rest
