"""The inbox keeps updates as JSON: every field of an Incoming survives the round trip."""

from __future__ import annotations

from adapters.kit.codec import incoming_from_json, incoming_to_json, reply_from_json, reply_to_json
from bot.messages import Address, Attachment, Incoming, Kind, Reply


def test_an_incoming_with_every_field_set_survives_the_inbox() -> None:
    incoming = Incoming(
        address=Address("telegram", "-100123", "42"),
        user_id="2",
        user_name="Ana",
        is_admin=False,
        text="/set <@9> load 40kg",
        message_id="77",
        reply_to_bot=True,
        kind=Kind.EDIT,
        private=False,
        addressed=True,
        user_handle="ana_k",
        targets=("9",),
        moved_to=Address("telegram", "-1004001"),
        chat_title="Gym",
    )
    assert incoming_from_json(incoming_to_json(incoming)) == incoming


def test_an_update_stored_before_these_fields_existed_reads_as_a_plain_message() -> None:
    old = {"address": "telegram:-100123", "user_id": "2", "user_name": "Ana", "text": "/today"}
    incoming = incoming_from_json(old)
    assert (incoming.kind, incoming.private, incoming.targets, incoming.moved_to) == (
        Kind.MESSAGE,
        False,
        (),
        None,
    )


def test_a_reply_with_a_file_and_a_message_with_a_document_round_trip() -> None:
    chart = Reply("📈 ana", attachment=Attachment("progress.png", b"\x89PNG\x00\xff", image=True))
    assert reply_from_json(reply_to_json(chart)) == chart
    upload = Incoming(
        Address("telegram", "-1"), "7", "ana", False, "/import", document=Attachment("a.csv", b"x")
    )
    assert incoming_from_json(incoming_to_json(upload)) == upload
