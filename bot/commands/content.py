"""Everything Spotter knows about the exercise, on request."""

from __future__ import annotations

from bot.commands.registry import Context, Refusal, Router
from bot.content import views
from bot.markup import escape
from bot.messages import Reply
from bot.rules.membership import variation_from_word

router = Router("The exercise")


@router.command("exercise", usage="[name]")
async def exercise(ctx: Context) -> Reply:
    """What the hip thrust is: muscles, benefits, equipment, programming."""
    ex = ctx.exercise
    wanted = ctx.args.strip().lower()
    if wanted and wanted not in {a.lower() for a in ex.aliases} | {ex.name.lower()}:
        variation = variation_from_word(wanted)
        if variation is not None:
            return Reply(views.variation(ex.variation(variation)))
        raise Refusal(f"I only coach the {escape(ex.name.lower())} so far (and its variations: /variations).")
    return Reply(views.overview(ex))


@router.command("form")
async def form(ctx: Context) -> Reply:
    """How to set up and perform a rep, with bench height, foot position and tempo."""
    return Reply(views.form(ctx.exercise))


@router.command("cues")
async def cues(ctx: Context) -> Reply:
    """Short coaching cues to think about during a set."""
    return Reply(views.cues(ctx.exercise))


@router.command("mistakes")
async def mistakes(ctx: Context) -> Reply:
    """Common mistakes, why they happen and how to fix each."""
    return Reply(views.mistakes(ctx.exercise))


@router.command("variations", usage="[name]")
async def variations(ctx: Context) -> Reply:
    """All seven variations by difficulty, or one in detail."""
    ex = ctx.exercise
    if not ctx.args.strip():
        return Reply(views.variations(ex))
    variation = variation_from_word(ctx.args)
    if variation is None:
        names = ", ".join(v.id.value for v in ex.variations)
        raise Refusal(f"I don't know that variation. Try one of: {escape(names)}.")
    return Reply(views.variation(ex.variation(variation)))


@router.command("warmup")
async def warmup(ctx: Context) -> Reply:
    """The dynamic warm-up and how ramp-up sets are chosen."""
    return Reply(views.warmup(ctx.exercise))


@router.command("safety")
async def safety(ctx: Context) -> Reply:
    """Spotting, pain, progression and when to get a professional."""
    return Reply(views.safety(ctx.exercise))


@router.command("faq", usage="[question]")
async def faq(ctx: Context) -> Reply:
    """Ask a question in your own words, or see the topics I can answer."""
    question = ctx.args.strip()
    match = ctx.faq.best(question) if question else None
    if match is None:
        return Reply(views.faq_topics(ctx.exercise, question or None))
    return Reply(views.faq_answer(match.entry))
