"""Which exercises a group's program holds, and each member's track (prescription) on each.

A group whose program names no exercises keeps the program it had before programs existed: the
hip thrust on every training day. Every member has a track for every exercise of the program;
a track added later (an admin extends the program) starts where a new member would, with the
load to be found in the first session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.rules.membership import JoinRequest, StartNote, first_prescription
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow, TrackRow

DEFAULT_EXERCISE = "hip-thrust"


@dataclass(frozen=True, slots=True)
class Lifted:
    """A track with the content of its exercise: what services and views work from."""

    exercise: Exercise
    track: TrackRow


def program_exercises(group: GroupRow, catalogue: Catalogue) -> tuple[Exercise, ...]:
    """Every exercise of the program, Monday's first, each once."""
    if not group.program:
        return _known([DEFAULT_EXERCISE], catalogue)
    return _known(dict.fromkeys(i for day in sorted(group.program) for i in group.program[day]), catalogue)


def exercises_on(group: GroupRow, catalogue: Catalogue, weekday: int) -> tuple[Exercise, ...]:
    """The exercises of a training day, in the program's order (none on a rest day)."""
    if not group.program:
        return _known([DEFAULT_EXERCISE], catalogue)
    return _known(group.program.get(str(weekday), []), catalogue)


def day_exercises(group: GroupRow, catalogue: Catalogue, day: date) -> tuple[Exercise, ...]:
    """The exercises a report or a tap on `day` may be about: the day's, or on a rest day
    (a make-up session) the whole program's."""
    return exercises_on(group, catalogue, day.weekday()) or program_exercises(group, catalogue)


async def tracks(tx: Tx, group: GroupRow, member: MemberRow, catalogue: Catalogue) -> list[Lifted]:
    """The member's tracks for the program's exercises, in program order, creating missing ones."""
    have = {t.exercise: t for t in await tx.tracks(member)}
    found = []
    for exercise in program_exercises(group, catalogue):
        track = have.get(exercise.id) or await start_track(tx, group, member, exercise)
        found.append(Lifted(exercise, track))
    return found


async def track_for(
    tx: Tx, group: GroupRow, member: MemberRow, exercise: Exercise, known: list[TrackRow] | None = None
) -> TrackRow:
    """The member's track on `exercise`, started now if they have none (a report names a lift
    outside the program: it is logged, and its first log sets the load)."""
    for track in known if known is not None else await tx.tracks(member):
        if track.exercise == exercise.id:
            return track
    return await start_track(tx, group, member, exercise)


async def start_track(
    tx: Tx,
    group: GroupRow,
    member: MemberRow,
    exercise: Exercise,
    request: JoinRequest | None = None,
) -> TrackRow:
    """A new track where a member of this level starts; `request` carries what `/join` said."""
    track, _ = new_track(group, member, exercise, request)
    await tx.add(track)
    return track


def new_track(
    group: GroupRow, member: MemberRow, exercise: Exercise, request: JoinRequest | None = None
) -> tuple[TrackRow, StartNote | None]:
    """A member's starting track on `exercise` (not yet stored), and why it starts there."""
    asked = request or JoinRequest(member.level, None, None, None)
    prescription, note = first_prescription(
        exercise.lift, asked, member.unit, exercise.goal(group.goal).rep_range, group.sets
    )
    track = TrackRow(
        member_id=member.pk,
        exercise=exercise.id,
        variation=prescription.variation.id,
        load_kg=prescription.load_kg,
        sets=prescription.sets,
        target_reps=prescription.reps,
    )
    return track, note


def _known(ids: Iterable[str], catalogue: Catalogue) -> tuple[Exercise, ...]:
    """The exercises of `ids` the catalogue still has (an operator may have removed a file)."""
    return tuple(found for i in ids if (found := catalogue.get(i)) is not None)
