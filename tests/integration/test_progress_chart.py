"""`/progress`: a PNG a phone shows well, plotting exactly what the member logged."""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PIL import Image

from bot.app import Spotter
from bot.clock import ManualClock
from bot.markup import plain_text
from bot.messages import Reply
from bot.services.progress import progress
from bot.views import chart
from tests.helpers import GroupChat


async def _three_weeks(chat: GroupChat, clock: ManualClock, user: str, reports: list[str]) -> None:
    for report in reports:
        await chat.say(user, report)
        clock.advance(timedelta(days=7))


async def _chart(chat: GroupChat, user: str, args: str = "") -> Reply:
    (reply,) = await chat.replies(user, f"/progress {args}".strip())
    return reply


async def test_progress_is_a_1080_pixel_png_with_a_summary(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    await _three_weeks(berlin_group, clock, "ana", ["3x8 @ 60kg", "3x8 @ 62.5kg", "3x8 @ 65kg"])
    reply = await _chart(berlin_group, "ana")
    assert reply.attachment is not None
    assert reply.attachment.image
    image = Image.open(io.BytesIO(reply.attachment.data))
    assert (image.format, image.size) == ("PNG", (1080, 1080))
    assert "ana · hip thrust: 3 weeks, working load 60 → 65 kg" in plain_text(reply.text)
    assert "2 record weeks" in reply.text


async def test_the_chart_plots_the_weeks_loads_and_volume_as_logged_in_the_members_unit(
    spotter: Spotter, berlin_group: GroupChat, clock: ManualClock
) -> None:
    await berlin_group.say("cara", "/join advanced 135 lb")
    await _three_weeks(berlin_group, clock, "cara", ["3x8 @ 135 lb", "10,10,8 @ 135 lb", "3x8 @ 145 lb"])
    async with spotter.store.transaction() as tx:
        _, member = await tx.group_and_member(berlin_group.address, "id-cara")
        assert member is not None
        found = await progress(tx, member, spotter.coach.exercise)
    data = chart.chart_data(found)
    assert data.mondays == (date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 21))
    assert data.working == (135.0, 135.0, 145.0)
    assert data.volume == (3 * 8 * 135, 28 * 135, 3 * 8 * 145)
    assert data.records == (date(2026, 12, 14), date(2026, 12, 21))
    top, bottom = chart.figure(data, "cara").axes
    working, e1rm = top.lines
    assert _plotted(working) == [135.0, 135.0, 145.0]
    assert _plotted(e1rm) == list(data.e1rm)
    assert [bar.get_height() for bar in bottom.patches if isinstance(bar, Rectangle)] == list(data.volume)


async def test_a_bodyweight_member_sees_reps_not_loads(
    spotter: Spotter, berlin_group: GroupChat, clock: ManualClock
) -> None:
    await berlin_group.say("ben", "/join beginner")
    await _three_weeks(berlin_group, clock, "ben", ["bw 3x10", "bw 3x12"])
    reply = await _chart(berlin_group, "ben")
    assert reply.attachment is not None
    async with spotter.store.transaction() as tx:
        _, member = await tx.group_and_member(berlin_group.address, "id-ben")
        assert member is not None
        data = chart.chart_data(await progress(tx, member, spotter.coach.exercise))
    assert data.volume == (30, 36)
    assert not data.loaded_volume
    assert all(v is None for v in data.working)
    top, _ = chart.figure(data, "ben").axes
    assert len(top.lines) == 0


async def test_a_member_names_someone_else_and_an_exercise(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("ana", "squat 3x5 @ 100kg")
    reply = await _chart(berlin_group, "ben", "ana squat")
    assert reply.attachment is not None
    assert "ana · back squat: 1 week" in plain_text(reply.text).lower()


async def test_nothing_logged_yet_is_said_in_words(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join beginner")
    reply = await _chart(berlin_group, "ana")
    assert reply.attachment is None
    assert "No hip thrust logged yet" in reply.text


async def test_an_unknown_name_is_refused_with_the_reason(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join beginner")
    answer = await berlin_group.say("ana", "/progress zed")
    assert "zed" in answer


def _plotted(line: Line2D) -> list[float]:
    return [float(y) for y in np.asarray(line.get_ydata())]


async def test_someone_elses_chart_is_drawn_in_the_viewers_unit(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await berlin_group.say("cara", "/join advanced 135 lb")
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("cara", "3x8 @ 135 lb")
    assert "working load 61.2 kg" in plain_text((await _chart(berlin_group, "ben", "cara")).text)
    assert "working load 135 lb" in plain_text((await _chart(berlin_group, "cara")).text)
