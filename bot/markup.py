"""The tiny markup the core writes and every adapter renders.

`*bold*`, `_italic_` and `` `code` ``; a backslash escapes a marker. Anything a user typed must
go through `escape` before it is placed in a reply, so a name like `*_ana_*` stays literal on
every platform. Adapters call `spans` and render each span in their own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MARKERS = {"*": "bold", "_": "italic", "`": "code"}
Style = Literal["plain", "bold", "italic", "code"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = "plain"


# Each marker and the backslash itself, preceded by a backslash: one table, applied by
# `str.translate` in C rather than character by character in Python.
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in (*MARKERS, "\\")})


def escape(text: str) -> str:
    """Make user-supplied text literal inside markup."""
    return text.translate(_ESCAPES)


def bold(text: str) -> str:
    return f"*{escape(text)}*"


def italic(text: str) -> str:
    return f"_{escape(text)}_"


def code(text: str) -> str:
    """An example to type, shown as code (the text holds no backtick of its own)."""
    return f"`{text}`"


def spans(markup: str) -> list[Span]:
    """Split markup into styled runs; an unclosed marker is kept as a literal character."""
    result: list[Span] = []
    plain: list[str] = []
    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == "\\" and i + 1 < len(markup):
            plain.append(markup[i + 1])
            i += 2
            continue
        if ch in MARKERS:
            closing = _find_closing(markup, i + 1, ch)
            if closing is not None:
                if plain:
                    result.append(Span("".join(plain)))
                    plain = []
                inner = _unescape(markup[i + 1 : closing])
                result.append(Span(inner, MARKERS[ch]))  # type: ignore[arg-type]
                i = closing + 1
                continue
        plain.append(ch)
        i += 1
    if plain:
        result.append(Span("".join(plain)))
    return result


def plain_text(markup: str) -> str:
    """The text without markup, for logs, lengths and plain-text platforms."""
    return "".join(span.text for span in spans(markup))


def _find_closing(markup: str, start: int, marker: str) -> int | None:
    i = start
    while i < len(markup):
        if markup[i] == "\\":
            i += 2
            continue
        if markup[i] == marker:
            return i if i > start else None
        if markup[i] == "\n":
            return None
        i += 1
    return None


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
