from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.messages import Address, Button

ids = st.text(min_size=1).filter(lambda s: "#" not in s)


@given(st.text(min_size=1).filter(lambda s: ":" not in s), ids, st.none() | ids)
def test_an_address_round_trips_through_text(platform: str, chat: str, thread: str | None) -> None:
    address = Address(platform, chat, thread)
    assert Address.parse(str(address)) == address


def test_a_discord_sized_id_survives_as_text() -> None:
    assert Address.parse("discord:1234567890123456789#987654321098765432").thread_id == ("987654321098765432")


@pytest.mark.parametrize("text", ["", "telegram", ":123"])
def test_text_that_is_not_an_address_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="address"):
        Address.parse(text)


def test_a_button_action_must_fit_telegram_callback_data() -> None:
    with pytest.raises(ValueError, match="too long"):
        Button("Undo", "x" * 65)
