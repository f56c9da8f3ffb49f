"""Platform-neutral messages: what adapters hand the core and what the core hands back.

Adapters translate between these and a platform's own payloads; the core never sees a
platform object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Address:
    """Where a conversation lives; `str()` gives a stable text key that `parse` inverts."""

    platform: str
    chat_id: str
    thread_id: str | None = None

    def __post_init__(self) -> None:
        if not self.platform or not self.chat_id:
            raise ValueError("an address needs a platform and a chat id")
        if ":" in self.platform or "#" in self.chat_id or "#" in (self.thread_id or ""):
            raise ValueError(f"':' in a platform or '#' in an id would not round-trip: {self!r}")

    def __str__(self) -> str:
        base = f"{self.platform}:{self.chat_id}"
        return base if self.thread_id is None else f"{base}#{self.thread_id}"

    @property
    def chat(self) -> Address:
        """The whole chat, whatever thread (forum topic) this address is in."""
        return self if self.thread_id is None else Address(self.platform, self.chat_id)

    def in_thread(self, thread_id: str | None) -> Address:
        return Address(self.platform, self.chat_id, thread_id)

    @classmethod
    def parse(cls, text: str) -> Address:
        """Invert `str(address)`; raises ValueError on text that is not an address."""
        platform, sep, rest = text.partition(":")
        if not sep:
            raise ValueError(f"not an address: {text!r}")
        chat_id, hash_sign, thread_id = rest.partition("#")
        return cls(platform, chat_id, thread_id if hash_sign else None)


class Kind(StrEnum):
    """What happened in a chat; most updates are a `MESSAGE` (or a tap, when `action` is set)."""

    MESSAGE = "message"
    EDIT = "edit"  # the sender changed a message they had sent (`message_id`) to `text`
    MOVED = "moved"  # the chat now lives at `moved_to` (a Telegram group became a supergroup)
    REMOVED = "removed"  # the bot was removed from the chat, or blocked in a private chat
    ADDED = "added"  # the bot was added to the chat, or added back


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message (or button tap, or chat event) from a chat, stripped of platform detail.

    For a tap, `action` is the button's action and `message_id` the message the button was on,
    so a double tap carries the same id twice. `addressed` says the message was meant for the
    bot (a command naming it, a reply to it, anything in a private chat); `targets` are the
    people the message points at without naming them in text (a mention of someone with no
    username, the author of the message it replies to), by user id.
    """

    address: Address
    user_id: str
    user_name: str
    is_admin: bool
    text: str
    message_id: str | None = None
    reply_to_bot: bool = False
    action: str | None = None
    kind: Kind = Kind.MESSAGE
    private: bool = False
    addressed: bool = False
    user_handle: str | None = None
    targets: tuple[str, ...] = ()
    moved_to: Address | None = None
    chat_title: str | None = None
    document: Attachment | None = None  # a file sent with the message (`/import`'s CSV)


@dataclass(frozen=True, slots=True)
class Button:
    """A tappable button; `action` comes back to the core verbatim (keep it short: 64 bytes)."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if len(self.action.encode()) > 64:
            raise ValueError(f"button action too long for Telegram: {self.action!r}")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that goes with a message: a chart (`image`) or a document such as a CSV export."""

    name: str
    data: bytes = field(repr=False)
    image: bool = False
    # A file sent to the bot above `MAX_UPLOAD_BYTES`: adapters pass its name, not its bytes.
    too_big: bool = False


# The largest file adapters fetch for a command (a training log of years is well under it).
MAX_UPLOAD_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class Reply:
    """What the core wants said. `text` uses the tiny markup of `bot.markup`.

    `private` marks a short personal answer (a button's "already logged"): platforms show it to
    the tapper only where they can (Telegram's callback answer), else in the chat.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    private: bool = False
    attachment: Attachment | None = None  # sent with `text` as its caption, where it fits
    # The id of a message the bot sent that this reply rewrites in place (the reminder's
    # list after a tap on "I'm in"); None posts a new message.
    replaces: str | None = None


@dataclass(frozen=True, slots=True)
class SentRef:
    """A handle on a message the platform accepted, so it can be edited or replied to."""

    address: Address
    message_id: str


class DeliveryError(Exception):
    """A platform refused or failed a send; adapters raise one of the subclasses."""


class Forbidden(DeliveryError):
    """The bot may not post there any more (removed from the chat, blocked): stop trying."""


class RetryAfter(DeliveryError):
    """The platform asked us to slow down; try again after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class TransientError(DeliveryError):
    """A network error or timeout: worth retrying with backoff."""


class Moved(DeliveryError):
    """The chat lives under another id now (a Telegram group upgraded to a supergroup)."""

    def __init__(self, chat_id: str) -> None:
        super().__init__(f"the chat moved to {chat_id}")
        self.chat_id = chat_id


class Undeliverable(DeliveryError):
    """The platform refuses this message for good (chat not found, bad request): do not retry."""


class Outbox(Protocol):
    """The one way out of the core, for replies and scheduled pushes alike.

    Raises `Forbidden`, `RetryAfter` or `TransientError` when the platform does not deliver.
    """

    async def send(self, to: Address, reply: Reply) -> SentRef: ...
