"""Everything Spotter knows about the exercise, on request."""

from __future__ import annotations

from bot.commands.registry import Context, Router
from bot.content.model import Exercise
from bot.errors import UnknownExercise, UnknownVariation
from bot.messages import Reply
from bot.rules.vocabulary import variation_word
from bot.services import lifts
from bot.views import content as view

router = Router("The exercise")


async def _subject(ctx: Context) -> tuple[Exercise, str]:
    """The exercise a content command is about: the one its arguments start with (`/cues
    squat`), else the chat's exercise of the day (its program's first on a rest day, the hip
    thrust without a program); and the rest of the arguments."""
    found, rest = ctx.catalogue.leading(ctx.args)
    return found or await _todays(ctx), rest


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


@router.command("form", usage="[exercise]")
async def form(ctx: Context) -> Reply:
    """How to set up and perform a rep, with bench height, foot position and tempo."""
    return Reply(view.form((await _subject(ctx))[0]))


@router.command("cues", usage="[exercise]")
async def cues(ctx: Context) -> Reply:
    """Short coaching cues to think about during a set."""
    return Reply(view.cues((await _subject(ctx))[0]))


@router.command("mistakes", usage="[exercise]")
async def mistakes(ctx: Context) -> Reply:
    """Common mistakes, why they happen and how to fix each."""
    return Reply(view.mistakes((await _subject(ctx))[0]))


@router.command("variations", usage="[exercise] [name]")
async def variations(ctx: Context) -> Reply:
    """An exercise's variations from easiest to hardest, or one in detail."""
    ex, rest = await _subject(ctx)
    if not rest:
        return Reply(view.variations(ex))
    word = variation_word(rest)
    variation = ex.lift.resolve(word) if word else None
    if variation is None:
        raise UnknownVariation(tuple(v.id for v in ex.variations))
    return Reply(view.variation(ex.variation(variation)))


@router.command("warmup", usage="[exercise]")
async def warmup(ctx: Context) -> Reply:
    """The dynamic warm-up and how ramp-up sets are chosen."""
    return Reply(view.warmup((await _subject(ctx))[0]))


@router.command("safety", usage="[exercise]")
async def safety(ctx: Context) -> Reply:
    """Spotting, pain, progression and when to get a professional."""
    return Reply(view.safety((await _subject(ctx))[0]))


@router.command("faq", usage="[question]")
async def faq(ctx: Context) -> Reply:
    """Ask a question in your own words, or see the topics I can answer."""
    question = ctx.args.strip()
    subject = await _todays(ctx)
    found = ctx.answers.best(question, subject) if question else None
    if found is None:
        return Reply(view.faq_topics(subject, question or None))
    about = None if found.exercise.id == subject.id else found.exercise.name
    return Reply(view.faq_answer(found.match.entry, about))


async def _todays(ctx: Context) -> Exercise:
    """The chat's exercise of the day, which a question names no other exercise is about."""
    group = await ctx.tx.group(ctx.incoming.address)
    if group is None:
        return ctx.exercise
    return lifts.day_exercises(group, ctx.catalogue, group.schedule().local_date(ctx.now))[0]
