"""Everything Spotter knows about the exercise, on request."""

from __future__ import annotations

from bot.commands.registry import Context, Router
from bot.errors import UnknownExercise, UnknownVariation
from bot.messages import Reply
from bot.rules.vocabulary import variation_word
from bot.views import content as view

router = Router("The exercise")


@router.command("exercise", usage="[name]")
async def exercise(ctx: Context) -> Reply:
    """What an exercise is: muscles, benefits, equipment, programming (the catalogue: /exercise)."""
    wanted = ctx.args.strip()
    if not wanted:
        others = tuple(e.name for e in ctx.catalogue.exercises if e.id != ctx.exercise.id)
        return Reply(view.overview(ctx.exercise, others))
    found = ctx.catalogue.find(wanted)
    if found is not None:
        return Reply(view.overview(found, coached=found.id == ctx.exercise.id))
    word = variation_word(wanted)
    variation = ctx.exercise.lift.resolve(word) if word else None
    if variation is None:
        raise UnknownExercise(wanted, tuple(e.name for e in ctx.catalogue.exercises))
    return Reply(view.variation(ctx.exercise.variation(variation)))


@router.command("form")
async def form(ctx: Context) -> Reply:
    """How to set up and perform a rep, with bench height, foot position and tempo."""
    return Reply(view.form(ctx.exercise))


@router.command("cues")
async def cues(ctx: Context) -> Reply:
    """Short coaching cues to think about during a set."""
    return Reply(view.cues(ctx.exercise))


@router.command("mistakes")
async def mistakes(ctx: Context) -> Reply:
    """Common mistakes, why they happen and how to fix each."""
    return Reply(view.mistakes(ctx.exercise))


@router.command("variations", usage="[name]")
async def variations(ctx: Context) -> Reply:
    """All seven variations by difficulty, or one in detail."""
    ex = ctx.exercise
    if not ctx.args.strip():
        return Reply(view.variations(ex))
    word = variation_word(ctx.args)
    variation = ex.lift.resolve(word) if word else None
    if variation is None:
        raise UnknownVariation(tuple(v.id for v in ex.variations))
    return Reply(view.variation(ex.variation(variation)))


@router.command("warmup")
async def warmup(ctx: Context) -> Reply:
    """The dynamic warm-up and how ramp-up sets are chosen."""
    return Reply(view.warmup(ctx.exercise))


@router.command("safety")
async def safety(ctx: Context) -> Reply:
    """Spotting, pain, progression and when to get a professional."""
    return Reply(view.safety(ctx.exercise))


@router.command("faq", usage="[question]")
async def faq(ctx: Context) -> Reply:
    """Ask a question in your own words, or see the topics I can answer."""
    question = ctx.args.strip()
    found = ctx.answers.best(question) if question else None
    if found is None:
        return Reply(view.faq_topics(ctx.exercise, question or None))
    about = None if found.exercise.id == ctx.exercise.id else found.exercise.name
    return Reply(view.faq_answer(found.match.entry, about))
