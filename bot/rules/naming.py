"""Who a command means: `@handle`, a platform mention `<@id>`, or a display name of any shape.

Pure matching over the group's members; the command layer supplies the people and, when the
message is a reply, the person replied to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# How a platform writes a mention by id in text (Discord's syntax; the Telegram adapter writes
# a mention of someone without a username the same way).
_MENTION = re.compile(r"<@!?(?P<id>[^>\s]+)>")


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    name: str
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """The people a command's first words name, and the words after them."""

    people: tuple[Person, ...]
    rest: str
    said: str  # the words taken as the name, for "no member called …"


def named(args: str, people: Sequence[Person]) -> Reference:
    """Read who `args` starts with. Several people in `people` means the name is ambiguous;
    none means the first word is nobody's (then `said` is that word and `rest` the others)."""
    text = args.strip()
    first, _, after = text.partition(" ")
    mention = _MENTION.fullmatch(first)
    if mention:
        return Reference(tuple(p for p in people if p.user_id == mention["id"]), after.strip(), first)
    if first.startswith("@"):
        wanted = first[1:].lower()
        by_handle = tuple(p for p in people if p.handle and p.handle.lower() == wanted)
        by_name = tuple(p for p in people if _squashed(p.name) == wanted)
        return Reference(by_handle or by_name, after.strip(), first)
    return _by_display_name(text, people)


def _by_display_name(text: str, people: Sequence[Person]) -> Reference:
    """The longest run of first words that is someone's whole display name (names have spaces,
    emoji and markup characters: `<b>Zoë & Co</b> 💪`); one word may also be a name squashed."""
    words = text.split()
    for length in range(len(words), 0, -1):
        candidate = " ".join(words[:length]).lower()
        found = tuple(p for p in people if " ".join(p.name.split()).lower() == candidate)
        if found:
            return Reference(found, " ".join(words[length:]), candidate)
    first = words[0] if words else ""
    squashed = tuple(p for p in people if first and _squashed(p.name) == first.lower())
    return Reference(squashed, " ".join(words[1:]), first)


def exercise_named(text: str, names: Mapping[str, str]) -> str | None:
    """The exercise a report names (`RDL 3x8 @ 80`, `squats 5x5 100kg`), by `names` (any name
    or alias, lower case → exercise id); None when it names none.

    Only words before the first number count, and not after "on"/"the" ("3x10 on the bench" is
    where, not what): the longest name found wins (`bench press` over `press`).
    """
    head = re.split(r"\d", text.lower(), maxsplit=1)[0]
    words = re.findall(r"[a-z]+", head.replace("-", " "))
    best: tuple[int, str] | None = None
    for start in range(len(words)):
        if start and words[start - 1] in {"on", "the", "a"}:
            continue
        for end in range(len(words), start, -1):
            found = names.get(" ".join(words[start:end]))
            if found is not None and (best is None or end - start > best[0]):
                best = (end - start, found)
                break
    return None if best is None else best[1]


def _squashed(name: str) -> str:
    return "".join(name.split()).lower()
