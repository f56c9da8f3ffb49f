"""The core's markup as Telegram HTML, cut into messages Telegram accepts.

Every character of text is HTML-escaped, so a member called `<b>Ana & Co</b>` shows literally.
Long replies are cut at line breaks (markup never spans a line) under Telegram's 4096-character
limit, counting the rendered HTML, so no chunk can be refused for length.
"""

from __future__ import annotations

import html

from bot.markup import spans

MAX_MESSAGE = 4096
_TAGS = {"bold": "b", "italic": "i", "code": "code"}


def to_html(markup: str) -> str:
    parts = []
    for span in spans(markup):
        text = html.escape(span.text, quote=False)
        tag = _TAGS.get(span.style)
        parts.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(parts)


def split_markup(markup: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut markup into pieces whose rendered HTML fits `limit`; lines longer than that are cut."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in _short_lines(markup, limit):
        rendered = len(to_html(line)) + 1
        if current and size + rendered > limit:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += rendered
    if current:
        chunks.append("\n".join(current))
    return chunks or [""]


def _short_lines(markup: str, limit: int) -> list[str]:
    lines = []
    for line in markup.split("\n"):
        while len(to_html(line)) > limit:
            cut = limit // 6  # the worst case: every character escapes to `&quot;`-sized entities
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines
