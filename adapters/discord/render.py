"""The core's markup as Discord markdown, cut to Discord's limits.

Everything users typed is escaped (markdown characters, and mentions are never pinged: every
send also carries `allowed_mentions` with nothing allowed). Short replies are plain messages
(2000 characters); a longer or many-line reply is a card: an embed whose description holds up
to 4096 characters, one embed per message so no message passes the 6000-character total.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.markup import spans
from bot.messages import Reply

MAX_CONTENT = 2000
MAX_EMBED_DESCRIPTION = 4096
# Lines above which a reply reads better as a card (an embed) than as chat.
CARD_LINES = 4
_MARKS = {"bold": "**", "italic": "*", "code": "`"}
# Characters Discord reads as markdown anywhere in a line (`<` starts mentions and timestamps).
_SPECIAL = set("\\*_`~|[<")


@dataclass(frozen=True, slots=True)
class Piece:
    """One message to send: plain `content`, or an embed `description` (markdown)."""

    content: str = ""
    description: str = ""


def to_markdown(markup: str) -> str:
    """Discord markdown; text is escaped where Discord would read it as markdown."""
    parts = []
    for span in spans(markup):
        if span.style == "code":
            parts.append(f"`{span.text.replace('`', 'ˋ')}`")
            continue
        mark = _MARKS.get(span.style, "")
        parts.append(f"{mark}{_escaped(span.text)}{mark}")
    return "\n".join(_line_start_escaped(line) for line in "".join(parts).split("\n"))


def _escaped(text: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def _line_start_escaped(line: str) -> str:
    """A line that starts like a heading, a quote or a list (`# `, `> `, `- `) stays literal."""
    stripped = line.lstrip()
    if stripped[:1] in {"#", ">", "-"}:
        cut = len(line) - len(stripped)
        return f"{line[:cut]}\\{stripped}"
    return line


def pieces(reply: Reply) -> list[Piece]:
    """The messages `reply` becomes: plain when short, embeds (cards) when long or many-lined."""
    text = to_markdown(reply.text)
    is_card = not reply.private and (text.count("\n") + 1 > CARD_LINES or len(text) > MAX_CONTENT)
    if not is_card:
        return [Piece(content=chunk) for chunk in _chunks(text, MAX_CONTENT)]
    return [Piece(description=chunk) for chunk in _chunks(text, MAX_EMBED_DESCRIPTION)]


def _chunks(text: str, limit: int) -> list[str]:
    """Cut at line breaks under `limit`; a longer line is cut where it must be."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    chunks.append(current)
    return [c for c in chunks if c] or [""]
