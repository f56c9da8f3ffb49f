"""Render the core's markup for a terminal: ANSI styles when colour is on, plain text otherwise."""

from __future__ import annotations

from bot.markup import spans
from bot.messages import Reply

_ANSI = {
    "bold": ("\x1b[1m", "\x1b[22m"),
    "italic": ("\x1b[3m", "\x1b[23m"),
    "code": ("\x1b[36m", "\x1b[39m"),
}


def render(reply: Reply, *, colour: bool) -> str:
    parts = []
    for span in spans(reply.text):
        if colour and span.style in _ANSI:
            start, end = _ANSI[span.style]
            parts.append(f"{start}{span.text}{end}")
        else:
            parts.append(span.text)
    return "".join(parts)
