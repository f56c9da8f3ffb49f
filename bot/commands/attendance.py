"""Answers to the reminder: "I'm in" and "Skipping", tapped or typed as a reply."""

from __future__ import annotations

from bot.buttons import RsvpPayload
from bot.commands.registry import Context, Needs, Router
from bot.errors import NotJoined
from bot.messages import Reply
from bot.services import attendance, sessions
from bot.views import pushes as view

router = Router("Sessions")


@router.action(RsvpPayload, needs=Needs.MEMBER)
async def rsvp(ctx: Context) -> Reply:
    """Say whether you come to a session; the reminder's list updates in place."""
    assert isinstance(ctx.payload, RsvpPayload)
    day = ctx.payload.day
    await attendance.answer(ctx.tx, ctx.member, day, ctx.payload.answer == "in", ctx.now)
    start = ctx.group.schedule().session_at(day)
    session = await sessions.session(ctx.tx, ctx.group, start, ctx.catalogue)
    answers = await attendance.attendance(ctx.tx, ctx.group, day)
    return view.reminder(session, answers, replaces=ctx.incoming.message_id)


async def typed(ctx: Context, going: bool) -> Reply:
    """A reply to the bot saying "I'm in" or "skipping": about today's session, else the next."""
    group, member = await ctx.tx.group_and_member(ctx.incoming.address, ctx.incoming.user_id)
    if group is None or member is None:
        raise NotJoined(ctx.incoming.user_name)
    day = attendance.next_session_day(group, ctx.now)
    return view.answered(await attendance.answer(ctx.tx, member, day, going, ctx.now))
