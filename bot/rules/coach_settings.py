"""Reading a coach's `/set` into a new prescription: pairs of field and value, any order."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain import Unit
from bot.rules.lift import Lift
from bot.rules.loads import MAX_LOAD_KG, LoadError, checked_kg
from bot.rules.membership import Prescription
from bot.rules.problems import RuleError
from bot.rules.vocabulary import read_load, variation_word

MAX_REPS = 100
MAX_SETS = 10


class SettingError(RuleError):
    """A coach's `/set` the rules cannot apply."""


def apply_settings(lift: Lift, p: Prescription, text: str, unit: Unit) -> Prescription:
    """`load 70kg reps 10 sets 4 variation barbell`, in pairs and any order, applied to `p`
    (a prescription on `lift`, whose variations the `variation` field names)."""
    words = text.lower().split()
    if not words or len(words) % 2:
        raise SettingError("bad_setting")
    for field, value in zip(words[::2], words[1::2], strict=True):
        if field == "variation":
            word = variation_word(value)
            variation = lift.resolve(word) if word else None
            if variation is None:
                raise SettingError("unknown_variation", word=value)
            p = replace(p, variation=variation, load_kg=p.load_kg if variation.loaded else None)
        elif field == "load":
            p = replace(p, load_kg=_load(value, unit))
        elif field == "reps":
            p = replace(p, reps=_count(value, "reps", MAX_REPS))
        elif field == "sets":
            p = replace(p, sets=_count(value, "sets", MAX_SETS))
        else:
            raise SettingError("unknown_setting")
    if p.variation.loaded and p.load_kg is None:
        raise SettingError("variation_needs_load", variation=p.variation.id)
    if not p.variation.loaded and p.load_kg is not None:
        p = replace(p, load_kg=None)
    return p


def _count(text: str, what: str, most: int) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= most:
        raise SettingError("count_out_of_range", what=what, most=most)
    return int(text)


def _load(text: str, unit: Unit) -> float:
    found = read_load(text)
    if found is None:
        raise SettingError("not_a_load")
    value, named = found
    try:
        return checked_kg(value, named or unit)
    except LoadError:
        raise SettingError("load_out_of_range", max_kg=MAX_LOAD_KG) from None
