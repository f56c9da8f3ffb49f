"""Your data, in and out: `/export` a CSV of your history, `/import` one from Strong or Hevy."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.errors import AdminOnly, NotJoined, Rejected
from bot.messages import MAX_UPLOAD_BYTES, Reply
from bot.rules.csvlog import CsvError, read_csv
from bot.services import transfer
from bot.views import transfer as view

router = Router("Your data")

_WHOLE_GROUP = {"group", "all", "everyone"}


@router.command("export", usage="[group]", needs=Needs.GROUP)
async def export(ctx: Context) -> Reply:
    """Your history as a CSV file in Strong's columns; admins: /export group for everyone's."""
    member = await ctx.tx.member(ctx.group, ctx.incoming.user_id)
    whole_group = ctx.args.strip().lower() in _WHOLE_GROUP or member is None
    if whole_group and not ctx.incoming.is_admin:
        if member is None:
            raise NotJoined(ctx.incoming.user_name)
        raise AdminOnly("export", ctx.incoming.user_name)
    if whole_group:
        found = await transfer.export_group(ctx.tx, ctx.group, ctx.catalogue)
    else:
        assert member is not None
        found = await transfer.export_member(ctx.tx, ctx.group, member, ctx.catalogue)
    return view.export(found, ctx.group.schedule().local_date(ctx.now))


@router.command("import", usage="(a CSV file sent with the command)", needs=Needs.MEMBER)
async def import_(ctx: Context) -> Reply:
    """Import your history from a Strong, Hevy or Spotter CSV sent with /import as its caption.

    Sessions already logged are skipped; exercise names are matched by name or alias."""
    document = ctx.incoming.document
    if document is None:
        return view.how_to_import()
    if document.too_big or len(document.data) > MAX_UPLOAD_BYTES:
        raise Rejected(CsvError("csv_too_big", most_mb=MAX_UPLOAD_BYTES // 1_000_000))
    try:
        text = document.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = document.data.decode("latin-1")
    try:
        sets = read_csv(text, ctx.member.unit)
    except CsvError as exc:
        raise Rejected(exc) from None
    result = await transfer.import_sets(ctx.tx, ctx.group, ctx.member, sets, ctx.catalogue, ctx.now)
    return view.imported(result)
