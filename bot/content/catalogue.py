"""The exercise catalogue: every exercise file Spotter ships, plus an operator's own.

An operator adds an exercise by dropping a TOML file (the schema of `bot.content.model`) into
the directory named by `SPOTTER_EXERCISES_DIR`. Every file is validated at start-up; a bad one
stops it with the file, the field and the reason, rather than failing later in a chat.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bot.content.model import EXERCISES_DIR, Exercise
from bot.rules.naming import exercise_named


class ContentError(Exception):
    """A catalogue file that cannot be used; says which file, which field and why."""

    def __init__(self, path: Path, field: str, reason: str) -> None:
        super().__init__(f"{path}: {field}: {reason}")
        self.path, self.field, self.reason = path, field, reason


@dataclass(frozen=True, slots=True)
class Catalogue:
    exercises: tuple[Exercise, ...]
    # Every name and alias (lower case, hyphens as spaces) → exercise id, built once: every set
    # report is checked against it.
    names: Mapping[str, str] = field(init=False)

    def __post_init__(self) -> None:
        table = {" ".join(n.replace("-", " ").split()): e.id for e in self.exercises for n in e.names}
        object.__setattr__(self, "names", table)

    def by_id(self, exercise_id: str) -> Exercise:
        return next(e for e in self.exercises if e.id == exercise_id)

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, None when no file declares it (any more)."""
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def named_in(self, text: str) -> Exercise | None:
        """The exercise a report or question names, if any (see `bot.rules.naming.exercise_named`)."""
        found = exercise_named(text, self.names)
        return None if found is None else self.by_id(found)

    def leading(self, text: str) -> tuple[Exercise | None, str]:
        """The exercise `text` starts with, by a name of up to three words (`back squat load
        100kg`), and the rest of the text; (None, the text) when it starts with none."""
        words = text.split()
        for size in (3, 2, 1):
            found = self.find(" ".join(words[:size])) if len(words) >= size else None
            if found is not None:
                return found, " ".join(words[size:])
        return None, text.strip()

    def find(self, name: str) -> Exercise | None:
        """The exercise `name` is the id, name or an alias of (any case)."""
        wanted = " ".join(name.lower().split())
        return next((e for e in self.exercises if wanted in e.names), None)


def load_catalogue(extra: Path | None = None) -> Catalogue:
    """The bundled exercises and those in `extra`, each file validated."""
    files = sorted(EXERCISES_DIR.glob("*.toml"))
    if extra is not None:
        if not extra.is_dir():
            raise ContentError(extra, "SPOTTER_EXERCISES_DIR", "not a directory")
        files += sorted(extra.glob("*.toml"))
    return Catalogue(tuple(_distinct(_load(path) for path in files)))


def _load(path: Path) -> tuple[Path, Exercise]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return path, Exercise.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path, "(file)", f"not valid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise ContentError(path, field, first["msg"]) from None


def _distinct(loaded: Iterable[tuple[Path, Exercise]]) -> list[Exercise]:
    """Every name may mean one exercise only: a second file claiming one is refused."""
    owners: dict[str, str] = {}
    exercises = []
    for path, exercise in loaded:
        for name in exercise.names:
            if name in owners and owners[name] != exercise.id:
                raise ContentError(path, "aliases", f"{name!r} already names {owners[name]!r}")
            if name == exercise.id and name in owners:
                raise ContentError(path, "id", f"{name!r} is already an exercise")
            owners[name] = exercise.id
        exercises.append(exercise)
    return exercises
