"""The pacer: per-chat and overall limits, with replies to members ahead of bulk pushes."""

from __future__ import annotations

import asyncio
import time

import pytest

from adapters.kit import pacing
from adapters.kit.pacing import Limits, Pacer

RATE = 50.0  # tokens a second: fast enough for a unit test, slow enough to queue on


def _pacer() -> Pacer:
    return Pacer(Limits(per_chat_burst=100, per_chat_rate=100, overall_burst=1, overall_rate=RATE))


async def test_a_reply_goes_before_bulk_sends_that_were_waiting_first() -> None:
    pacer = _pacer()
    await pacer.wait_turn("warm", bulk=True)  # the one token of burst is used: everyone waits now
    order: list[str] = []

    async def send(name: str, *, bulk: bool) -> None:
        await pacer.wait_turn(f"chat-{name}", bulk=bulk)
        order.append(name)

    pushes = [asyncio.create_task(send(f"push{n}", bulk=True)) for n in range(6)]
    await asyncio.sleep(0)  # the pushes are waiting
    reply = asyncio.create_task(send("reply", bulk=False))
    await asyncio.gather(reply, *pushes)
    assert order[0] == "reply"


async def test_bulk_sends_alone_keep_to_the_overall_rate() -> None:
    pacer = _pacer()
    started = time.perf_counter()
    await asyncio.gather(*(pacer.wait_turn(f"chat-{n}", bulk=True) for n in range(11)))
    assert time.perf_counter() - started >= 10 / RATE * 0.9  # one free token, then ten at the rate


async def test_a_busy_chat_waits_on_its_own_limit_while_another_chat_goes() -> None:
    pacer = Pacer(Limits(per_chat_burst=1, per_chat_rate=1, overall_burst=100, overall_rate=100))
    await pacer.wait_turn("busy")
    busy = asyncio.create_task(pacer.wait_turn("busy"))
    started = time.perf_counter()
    await pacer.wait_turn("quiet")
    assert time.perf_counter() - started < 0.1
    assert not busy.done()
    busy.cancel()


def test_a_send_holds_its_slot_until_the_platform_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The platform counts arrivals: a request slow in flight must not let the next one in early."""
    now = [100.0]
    monkeypatch.setattr("adapters.kit.pacing.time.monotonic", lambda: now[0])
    window = pacing.Window(count=1, seconds=1.0)
    slot = window.take()
    assert isinstance(slot, pacing.Slot)
    now[0] = 100.8  # the send is still in flight
    slot.close()
    now[0] = 101.2  # a second after it started, but not after it was answered
    assert window.take() == pytest.approx(0.6)
    now[0] = 101.8
    assert isinstance(window.take(), pacing.Slot)
