"""Plate math: `/plates` for the gym's plates, `/plates 102.5` for a side of the bar."""

from __future__ import annotations

from bot.commands.registry import Context, Router
from bot.domain import Unit
from bot.errors import AdminOnly, NoProgram, Rejected
from bot.messages import Reply
from bot.rules.plates import NewPlateSet, PlateError, parse_plates_request
from bot.services import plates
from bot.views import plates as view

router = Router("Plates")


@router.command("plates", usage="[load] | set 25 20 15 10 5 2.5 1.25 [kg|lb]")
async def plates_(ctx: Context) -> Reply:
    """Plates a side of the bar for a load (/plates 102.5), or the gym's plates (admins: set).

    Admins set the gym's own plates per unit: /plates set 25 20 15 10 5 2.5 1.25 kg."""
    group, member = await ctx.tx.group_and_member(ctx.incoming.address, ctx.incoming.user_id)
    unit = member.unit if member is not None else Unit.KG
    try:
        request = parse_plates_request(ctx.args, unit)
    except PlateError as exc:
        raise Rejected(exc) from None
    if request is None:
        return view.plate_sets(plates.plate_sets(group))
    if isinstance(request, NewPlateSet):
        if not ctx.incoming.is_admin:
            raise AdminOnly("plates", ctx.incoming.user_name)
        if group is None:
            raise NoProgram()
        return view.plates_set(await plates.set_plates(ctx.tx, group, request, ctx.now))
    return view.on_the_bar(plates.on_the_bar(group, request))
