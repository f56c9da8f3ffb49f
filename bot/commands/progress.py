"""`/progress`: a chart of a member's weeks on one exercise."""

from __future__ import annotations

import asyncio

from bot.commands.registry import Context, Needs, Router
from bot.errors import AmbiguousMember, NotJoined, UnknownExercise, UnknownMember
from bot.messages import Reply
from bot.rules.naming import Person, named
from bot.services import lifts
from bot.services.progress import progress as weekly_progress
from bot.store.tables import MemberRow
from bot.views import chart as view
from bot.views import standings as standings_view

router = Router("Progress")


@router.command("progress", usage="[member] [exercise]", needs=Needs.GROUP)
async def progress(ctx: Context) -> Reply:
    """A chart of your (or a member's) weekly load, estimated 1RM and volume: /progress ana squat.

    Records are starred; the chart is in the viewer's unit."""
    member, rest, viewer = await _whose(ctx)
    if member.private and member.user_id != ctx.incoming.user_id:
        return standings_view.private_refused(member.name)
    if rest:
        exercise = ctx.catalogue.find(rest) or ctx.catalogue.leading(rest)[0]
        if exercise is None:
            raise UnknownExercise(rest, tuple(e.name for e in ctx.catalogue.exercises))
    else:
        exercise = lifts.program_exercises(ctx.group, ctx.catalogue)[0]
    found = await weekly_progress(ctx.tx, member, exercise, viewer.unit if viewer else None)
    # Drawing takes about a tenth of a second of CPU: off the event loop, so other chats go on.
    return await asyncio.to_thread(view.progress, found)


async def _whose(ctx: Context) -> tuple[MemberRow, str, MemberRow | None]:
    """The member the arguments name first (else the asker), the rest of the arguments, and the
    asker's own membership (whose unit the chart is drawn in)."""
    args = ctx.args.strip()
    members = await ctx.tx.members(ctx.group)
    asker = next((m for m in members if m.user_id == ctx.incoming.user_id), None)
    if args and ctx.catalogue.leading(args)[0] is None:
        ref = named(args, [Person(m.user_id, m.name, m.username) for m in members])
        if len(ref.people) > 1:
            raise AmbiguousMember(ref.said, tuple((p.name, p.handle) for p in ref.people))
        if ref.people:
            (person,) = ref.people
            return next(m for m in members if m.user_id == person.user_id), ref.rest, asker
        if asker is None or ctx.catalogue.find(args) is None:
            raise UnknownMember(ref.said)
    if asker is None:
        raise NotJoined(ctx.incoming.user_name)
    return asker, args, asker
