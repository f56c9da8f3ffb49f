"""Telegram updates to `Incoming`: whatever entities a message carries, translation never fails."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from telegram import Chat, Message, MessageEntity, Update, User

from adapters.telegram.translate import to_incoming

GROUP = Chat(-100123, Chat.SUPERGROUP, title="Gym")
ANA = User(2, "Ana", is_bot=False)
ZOE = User(9, "Zoë", is_bot=False)


def _update(text: str, entities: list[MessageEntity]) -> Update:
    message = Message(1, None, GROUP, from_user=ANA, text=text, entities=entities)  # type: ignore[arg-type]
    return Update(1, message=message)


def test_a_mention_of_someone_without_a_username_becomes_their_id() -> None:
    text = "/set Zoë & Co 💪 load 40kg"
    mention = MessageEntity(
        MessageEntity.TEXT_MENTION, 5, len("Zoë & Co 💪".encode("utf-16-le")) // 2, user=ZOE
    )
    incoming = to_incoming(_update(text, [mention]), bot_id=1000, bot_username="SpotterBot")
    assert incoming is not None
    assert incoming.text == "/set <@9> load 40kg"


def test_a_mention_starting_inside_an_emoji_translates_without_error() -> None:
    incoming = to_incoming(
        _update("💪💪 3x10", [MessageEntity(MessageEntity.TEXT_MENTION, 1, 2, user=ZOE)]),
        bot_id=1000,
        bot_username="SpotterBot",
    )
    assert incoming is not None
    assert "<@9>" in incoming.text


@given(
    text=st.text(alphabet=st.sampled_from(["a", " ", "💪", "é", "/", "3", "x"]), min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=4),
)
def test_any_mention_offsets_translate_without_error(text: str, spans: list[tuple[int, int]]) -> None:
    entities = [MessageEntity(MessageEntity.TEXT_MENTION, o, n, user=ZOE) for o, n in spans]
    incoming = to_incoming(_update(text, entities), bot_id=1000, bot_username="SpotterBot")
    assert incoming is None or isinstance(incoming.text, str)
