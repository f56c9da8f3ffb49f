"""Set reports: what lifters type after a set, turned into sets, loads and hints.

The parser reads a message as a stream of tokens and collects *set groups*:

* `S x R x L` (three numbers): the middle one is reps. The end carrying a unit is the load;
  with no unit, the larger end is the load and the other the sets (`3x10x60`, `60x10x3`).
* `A x B` (two numbers) is **weight × reps** (one set) when A carries a unit (`60kg x 10`), or
  when A is above 10 and no `@ load` follows (`60x10, 70x8`); otherwise it is **sets × reps**
  (`3x10`, `5x5 @ 100`).
* `S sets of R` / `S sets x R` is always sets × reps; `R reps` alone is one set, and
  `R reps [@ L] x S sets` is reps then sets. `3 by 10` is `3x10`; `135#` is 135 lb.
* A rep list `10,10,8`, `10/10/8`, `8-8-7` or `8 8 8` is one set per number.
* `L for R` (`315 for 3`, `100kg for 5x5`, `225 for 5,5,4`) is a load for reps or for sets × reps.
* A unit after `A x B` (`95x12 lb`, `8x100kg`) makes the larger number the load in that unit and
  the smaller the reps: one set.
* A bare number right after a sets × reps group without a load is its load (`5x5 315`).
* A load list matching a rep list gives each set its own load (`8/6/4 @ 70/80/90`).

A load is `@`/`at`/`with`/`w/` followed by a number, or any number with a unit; it belongs to the
group before it, or (when that group already has one, or there is none yet) to the next. Other
hints: `rpe 8` (or `rir 2`, read as RPE 8), `bw`/`bodyweight`, variation words (`banded`,
`single leg`, `dumbbell`, `kettlebell`, `machine`, `deficit`, `barbell`), and `each side`/`per leg`
for per-side reps.
Everything else (chatter, emoji) is ignored, but a message needs at least one set group to be a
report. Loads are stored in kilograms; a bare number takes the member's default unit. `nan`,
`inf` and zero counts or loads are refused, not guessed around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from bot.domain import Unit
from bot.rules.loads import LoadError, checked_kg
from bot.rules.problems import RuleError
from bot.rules.vocabulary import UNIT_WORDS, VARIATION_WORDS

MAX_TEXT = 4096
# No count or load a lifter types has more digits than this before the decimal point.
MAX_DIGITS = 6
MAX_SETS = 20
REPS_RANGE = (1, 100)
RPE_RANGE = (1.0, 10.0)


class ReportError(RuleError):
    """Text that is not a usable report; `bot.views.problems` words the reason."""


class NotAReport(ReportError):
    """No sets at all: in free chat this is ordinary conversation, not a mistake."""


@dataclass(frozen=True, slots=True)
class LoggedSet:
    reps: int
    load_kg: float | None = None


@dataclass(frozen=True, slots=True)
class Report:
    sets: tuple[LoggedSet, ...]
    rpe: float | None = None
    variation: str | None = None  # a canonical variation word (`bot.rules.vocabulary`)
    per_side: bool = False

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `spotter parse` prints."""
        return {
            "sets": [{"reps": s.reps, "load_kg": s.load_kg} for s in self.sets],
            "rpe": self.rpe,
            "variation": self.variation,
            "per_side": self.per_side,
        }


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
        "sixty": "60",
        "seventy": "70",
        "eighty": "80",
        "ninety": "90",
    }
)
_UNIT_PATTERN = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_PREP = r"(?:@|\bat\b|\bwith\b|\bw/)"

# Rewrites applied in order before tokenising; each makes one spelling canonical.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[×✕✖*]", " x "),
        (r"(\d)\s*#", r"\1 lb"),  # `135#`: the pound sign
        (r"(\d)\s+by\s+(?=\d)", r"\1 x "),  # `3 by 10`
        (r"\bbody\s*weight\b", " bw "),
        (r"\b(?:single|one|1)[\s-]*leg(?:ged)?\b|\bsl\b", " singleleg "),
        (rf"(\d),(\d{{1,2}})(?=\s*(?:{_UNIT_PATTERN})\b)", r"\1.\2"),
        (rf"({_PREP}\s*(?:an?\s+)?\d+),(\d{{1,2}})\b(?![,/-]?\d)", r"\1.\2"),
        (r"\b(?:each|ea\.?|per|a)\s+(?:side|leg|arm)\b|/\s*(?:side|leg|arm)\b|\beach\b", " perside "),
        (r"\bw/", " @ "),
        (r"\b(?:at|with)\b", " @ "),
        (r"\bset\s*\d+\s*[:.)]", " ; "),  # `set 1: 10 @ 60` labels a set, it is no count
        (r"\brounds?\b", " sets "),
        (r"(\d)\s*\+\s*(?=\d)", r"\1,"),  # `10+10+8`
        (r"\bsets?\s*(?:of|x|:|,)\s*", " sets "),
        (r"(\d)\s*x\s*(?=\d)", r"\1 x "),
        (r"(\d)x\b", r"\1 x "),
    )
)
_NOT_FINITE = {"nan", "inf", "infinity"}
# `1e308x1` must not be read as a load: scientific notation is refused outright.
_EXPONENT = re.compile(r"\d[e][+-]?\d")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+|[@,/;+\-]")


@dataclass
class _Group:
    reps: list[int]
    load: tuple[float, Unit | None] | None = None
    loads: list[tuple[float, Unit | None]] | None = None  # one per set (`8/6/4 @ 70/80/90`)

    def load_of(self, index: int) -> tuple[float, Unit | None] | None:
        return self.loads[index] if self.loads else self.load


@dataclass
class _Tok:
    kind: str  # "num", "word", "x", "@", "sep", "part", "neg"
    text: str
    value: float = 0.0
    unit: Unit | None = None


@dataclass
class _State:
    groups: list[_Group] = field(default_factory=list)
    pending_load: tuple[float, Unit | None] | None = None
    rpe: float | None = None
    variation: str | None = None
    per_side: bool = False
    # Where the last group ended, so a bare number right after it reads as its load.
    group_end: int = -1


def parse_report(text: str, default_unit: Unit) -> Report:
    """Parse a set report; raises ReportError with a short reason when it is not one."""
    if len(text) > MAX_TEXT:
        raise ReportError("text_too_long", limit=MAX_TEXT)
    tokens = _tokenise(text)
    state = _State()
    _scan(tokens, state)
    if not state.groups:
        raise NotAReport("no_sets")
    if state.pending_load is not None:
        raise ReportError("load_without_sets")
    sets = tuple(
        LoggedSet(reps, _to_kg(group.load_of(index), default_unit))
        for group in state.groups
        for index, reps in enumerate(group.reps)
    )
    if not sets:
        raise ReportError("zero_sets")
    _check(sets, state.rpe)
    return Report(sets, state.rpe, state.variation, state.per_side)


def canonical_text(report: Report) -> str:
    """The report in one unambiguous spelling (kg, `N sets of R`) that parses back to itself."""
    parts = []
    for (reps, load), run in groupby(report.sets, key=lambda s: (s.reps, s.load_kg)):
        part = f"{len(list(run))} sets of {reps}"
        parts.append(part if load is None else f"{part} @ {_plain(load)}kg")
    text = ", ".join(parts)
    if report.variation is not None:
        text = f"{report.variation} {text}"
    if report.rpe is not None:
        text += f" rpe {_plain(report.rpe)}"
    return text + (" each side" if report.per_side else "")


def _plain(value: float) -> str:
    """Exact positional notation (`1e-05` would not survive the tokeniser)."""
    return format(Decimal(repr(value)), "f")


def looks_like_report(text: str) -> bool:
    """Cheap pre-check for free chat: a question or text without a digit is never a report."""
    stripped = text.strip()
    return bool(stripped) and not stripped.endswith("?") and any(ch.isdigit() for ch in stripped)


def _tokenise(text: str) -> list[_Tok]:
    lowered = text.lower()
    lowered = re.sub(r"[a-z]+", lambda m: _NUMBER_WORDS.get(m[0], m[0]), lowered)
    for pattern, replacement in _REWRITES:
        lowered = pattern.sub(replacement, lowered)
    if _EXPONENT.search(lowered):
        raise ReportError("exponent")
    raw = _TOKEN.findall(lowered)
    tokens: list[_Tok] = []
    for word in raw:
        if word[0].isdigit():
            # Bounded before conversion: a 309-digit "number" would overflow int(float(...)).
            if len(word.partition(".")[0]) > MAX_DIGITS:
                raise ReportError("number_too_long", digits=MAX_DIGITS)
            tokens.append(_Tok("num", word, float(word)))
        elif word in UNIT_WORDS and tokens and tokens[-1].kind == "num" and tokens[-1].unit is None:
            tokens[-1].unit = UNIT_WORDS[word]
        elif word == "x":
            tokens.append(_Tok("x", word))
        elif word == "@":
            tokens.append(_Tok("@", word))
        elif word in {",", "/", "-"}:
            tokens.append(_Tok("sep", word))
        elif word in {";", "+", "then", "and"}:
            tokens.append(_Tok("part", word))
        elif word in _NOT_FINITE:
            raise ReportError("not_finite")
        else:
            tokens.append(_Tok("word", word))
    return tokens


def _scan(tokens: list[_Tok], state: _State) -> None:
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "num":
            groups = len(state.groups)
            end = _number(tokens, i, state)
            if len(state.groups) > groups:
                state.group_end = end
            i = end
        elif tok.kind == "@":
            i = _at(tokens, i, state)
        elif tok.kind == "sep" and tok.text == "-" and _num_at(tokens, i + 1) and not _num_at(tokens, i - 1):
            raise ReportError("negative_number")
        elif tok.kind == "word":
            i = _word(tokens, i, state)
        else:
            i += 1


def _number(tokens: list[_Tok], i: int, state: _State) -> int:
    first = tokens[i]
    if _is_word(tokens, i + 1, "for") and _num_at(tokens, i + 2):
        return _load_for(tokens, i, state)
    if _is(tokens, i + 1, "x") and _num_at(tokens, i + 2):
        if _is(tokens, i + 3, "x") and _num_at(tokens, i + 4):
            _triple(first, tokens[i + 2], tokens[i + 4], state)
            return i + 5
        _pair(first, tokens[i + 2], tokens, i + 3, state)
        return i + 3
    if _is_word(tokens, i + 1, "sets") and _num_at(tokens, i + 2):
        count = _int(first.value, "sets")
        listed, end = _rep_list(tokens, i + 2)
        if len(listed) == count > 1:  # `3 sets: 10, 9, 8`
            _add_group(state, _Group([_int(v) for v in listed]))
            return _skip_word(tokens, end, "reps", "rep")
        _add_group(state, _Group([_int(tokens[i + 2].value)] * count))
        return _skip_word(tokens, i + 3, "reps", "rep")
    if first.unit is not None:
        _load(state, (first.value, first.unit))
        return i + 1
    if _is_word(tokens, i + 1, "reps", "rep"):
        return _reps_first(tokens, i, state)
    reps_list, end = _rep_list(tokens, i)
    if len(reps_list) >= 2:
        _add_group(state, _Group([_int(v) for v in reps_list]))
        return end
    if _bare_load_of_last_group(tokens, i, state):
        _load(state, (first.value, None))
    elif _is(tokens, i + 1, "@") and _num_at(tokens, i + 2) and first.unit is None:
        _add_group(state, _Group([_int(first.value)]))  # `AMRAP 15 @ 40`, `set 2: 8 @ 65`
    return i + 1


def _reps_first(tokens: list[_Tok], i: int, state: _State) -> int:
    """`10 reps`, one set; `10 reps x 3 sets` or `10 reps @ 60kg x 3 sets`, reps then sets."""
    reps = _int(tokens[i].value)
    j = i + 2
    load: tuple[float, Unit | None] | None = None
    if _is(tokens, j, "@") and _num_at(tokens, j + 1):
        load, j = (tokens[j + 1].value, tokens[j + 1].unit), j + 2
    elif _num_at(tokens, j) and tokens[j].unit is not None and _is(tokens, j + 1, "x"):
        load, j = (tokens[j].value, tokens[j].unit), j + 1
    if _is(tokens, j, "x") and _num_at(tokens, j + 1) and _is_word(tokens, j + 2, "sets", "set"):
        _add_group(state, _Group([reps] * _int(tokens[j + 1].value, "sets"), load))
        return j + 3
    _add_group(state, _Group([reps]))
    return i + 2


def _bare_load_of_last_group(tokens: list[_Tok], i: int, state: _State) -> bool:
    """`5x5 315`: a lone number right after a group that has no load (and is no RIR/RPE)."""
    if not state.groups or state.group_end != i or state.groups[-1].load is not None:
        return False
    return not _is_word(tokens, i + 1, "rir", "rpe", "reps", "rep", "sets")


def _load_for(tokens: list[_Tok], i: int, state: _State) -> int:
    """`315 for 3`, `100kg for 5x5`, `225 for 3 sets 5`, `225 for 5,5,4`."""
    load = (tokens[i].value, tokens[i].unit)
    j = i + 2
    if _is(tokens, j + 1, "x") and _num_at(tokens, j + 2):
        sets, reps, end = tokens[j], tokens[j + 2], j + 3
        if reps.unit is not None and load[1] is None:
            load = (load[0], reps.unit)
        _add_group(state, _Group([_int(reps.value)] * _int(sets.value, "sets"), load))
        return end
    if _is_word(tokens, j + 1, "sets") and _num_at(tokens, j + 2):
        _add_group(state, _Group([_int(tokens[j + 2].value)] * _int(tokens[j].value, "sets"), load))
        return _skip_word(tokens, j + 3, "reps", "rep")
    reps_list, end = _rep_list(tokens, j)
    unit = next((t.unit for t in tokens[j:end] if t.unit is not None), None)
    if unit is not None and load[1] is None:  # `315 for 3 lb`: the unit can only be the load's
        load = (load[0], unit)
    _add_group(state, _Group([_int(v) for v in reps_list], load))
    return _skip_word(tokens, end, "reps", "rep")


def _rep_list(tokens: list[_Tok], i: int) -> tuple[list[float], int]:
    values = [tokens[i].value]
    j = i + 1
    while True:
        starts_group = _is(tokens, j + 2, "x") or _is_word(tokens, j + 2, "sets", "for")
        if _is(tokens, j, "sep") and _plain_num_at(tokens, j + 1) and not starts_group:
            values.append(tokens[j + 1].value)
            j += 2
        elif _plain_num_at(tokens, j) and not _is(tokens, j + 1, "x") and not _is_word(tokens, j + 1, "sets"):
            values.append(tokens[j].value)
            j += 1
        else:
            return values, j


def _pair(a: _Tok, b: _Tok, tokens: list[_Tok], after: int, state: _State) -> None:
    if b.unit is not None and a.unit is None:
        # `95x12 lb`, `8x100kg`: the unit names a load, the larger number; the other is reps.
        load, reps = (a, b) if a.value > b.value else (b, a)
        _add_group(state, _Group([_int(reps.value)], (load.value, b.unit)))
        return
    load_follows = _is(tokens, after, "@") or (_num_at(tokens, after) and tokens[after].unit is not None)
    if a.unit is not None or (a.value > 10 and not load_follows):
        _add_group(state, _Group([_int(b.value)], (a.value, a.unit)))
    else:
        _add_group(state, _Group([_int(b.value)] * _int(a.value, "sets")))


def _triple(a: _Tok, b: _Tok, c: _Tok, state: _State) -> None:
    # A unit typed after the whole triple (`135x5x3 lb`) names the load's unit, not the sets'.
    if a.unit is not None or a.value > c.value:
        load, unit, sets = a, a.unit or c.unit, c
    else:
        load, unit, sets = c, c.unit, a
    _add_group(state, _Group([_int(b.value)] * _int(sets.value, "sets"), (load.value, unit)))


def _at(tokens: list[_Tok], i: int, state: _State) -> int:
    j = i + 1
    while _is(tokens, j, "word") and tokens[j].text in {"a", "an", "the", "rpe"}:
        if tokens[j].text == "rpe":
            return j
        j += 1
    if _num_at(tokens, j) and not _is(tokens, j + 1, "x"):
        loads, end = _load_list(tokens, j)
        last = state.groups[-1] if state.groups else None
        shorthand_rpe = last is not None and last.load is not None and tokens[j].unit is None
        if shorthand_rpe and len(loads) == 1 and RPE_RANGE[0] <= tokens[j].value <= RPE_RANGE[1]:
            state.rpe = tokens[j].value  # `3x10 @ 60kg @8`: a second @ is the RPE
            return j + 1
        if len(loads) > 1 and last is not None and last.load is None and len(loads) == len(last.reps):
            last.loads = loads  # `8/6/4 @ 70/80/90`: one load per set
            return end
        if len(loads) > 1:
            raise ReportError("loads_do_not_match", loads=len(loads), sets=len(last.reps) if last else 0)
        _load(state, (tokens[j].value, tokens[j].unit))
        return j + 1
    return i + 1


def _load_list(tokens: list[_Tok], j: int) -> tuple[list[tuple[float, Unit | None]], int]:
    """`70/80/90kg` → three loads (a unit at the end is every load's)."""
    found = [tokens[j]]
    end = j + 1
    while _is(tokens, end, "sep") and tokens[end].text in {"/", ","} and _num_at(tokens, end + 1):
        if _is(tokens, end + 2, "x") or _is_word(tokens, end + 2, "sets", "for", "reps", "rep"):
            break  # the number starts the next group
        found.append(tokens[end + 1])
        end += 2
    unit = found[-1].unit
    return [(t.value, t.unit or unit) for t in found], end


def _word(tokens: list[_Tok], i: int, state: _State) -> int:
    word = tokens[i].text
    if word == "rpe" and _num_at(tokens, i + 1):
        state.rpe = tokens[i + 1].value
        return i + 2
    if word == "rir":  # reps in reserve: `rir 2` or `2 rir` is RPE 8
        if _num_at(tokens, i + 1):
            state.rpe = _rpe_from_rir(tokens[i + 1].value)
            return i + 2
        if _num_at(tokens, i - 1):
            state.rpe = _rpe_from_rir(tokens[i - 1].value)
    if word in VARIATION_WORDS:
        state.variation = VARIATION_WORDS[word]
    elif word == "perside":
        state.per_side = True
    return i + 1


def _rpe_from_rir(rir: float) -> float:
    if not 0 <= rir <= 9:
        raise ReportError("rir_out_of_range", rir=rir)
    return 10 - rir


def _load(state: _State, load: tuple[float, Unit | None]) -> None:
    if state.groups and state.groups[-1].load is None and state.pending_load is None:
        state.groups[-1].load = load
    else:
        state.pending_load = load


def _add_group(state: _State, group: _Group) -> None:
    if group.load is None and state.pending_load is not None:
        group.load, state.pending_load = state.pending_load, None
    state.groups.append(group)


def _to_kg(load: tuple[float, Unit | None] | None, default_unit: Unit) -> float | None:
    if load is None:
        return None
    value, unit = load
    try:
        return checked_kg(value, unit or default_unit)
    except LoadError as exc:
        raise ReportError(exc.code, **exc.params) from None


def _check(sets: tuple[LoggedSet, ...], rpe: float | None) -> None:
    low, high = REPS_RANGE
    if len(sets) > MAX_SETS:
        raise ReportError("too_many_sets", sets=len(sets), most=MAX_SETS)
    for s in sets:
        if not low <= s.reps <= high:
            raise ReportError("reps_out_of_range", reps=s.reps, low=low, high=high)
    if rpe is not None and not RPE_RANGE[0] <= rpe <= RPE_RANGE[1]:
        raise ReportError("rpe_out_of_range", rpe=rpe, low=RPE_RANGE[0], high=RPE_RANGE[1])


def _int(value: float, what: str = "reps") -> int:
    if value != int(value):
        raise ReportError("not_whole", value=value, what=what)
    if value > 10_000:
        raise ReportError("far_too_many", value=value, what=what)
    return int(value)


def _is(tokens: list[_Tok], i: int, kind: str) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind == kind


def _num_at(tokens: list[_Tok], i: int) -> bool:
    return _is(tokens, i, "num")


def _plain_num_at(tokens: list[_Tok], i: int) -> bool:
    return _num_at(tokens, i) and tokens[i].unit is None


def _is_word(tokens: list[_Tok], i: int, *words: str) -> bool:
    return _is(tokens, i, "word") and tokens[i].text in words


def _skip_word(tokens: list[_Tok], i: int, *words: str) -> int:
    return i + 1 if _is_word(tokens, i, *words) else i
