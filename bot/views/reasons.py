"""Why a prescription changed, in words: the weekly rule's reasons and the coach's changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain import Unit
from bot.rules.progression import Reason, Why
from bot.services.values import ChangeEntry
from bot.views import format as fmt

Values = Mapping[str, object]


def _top(v: Values) -> str:
    return f"all {v['sets']} sets at {v['top']} reps"


def _weight(v: Values, key: str = "weight") -> str:
    return fmt.weight(float(str(v[key])), Unit(str(v["unit"])))


_CAUSES: dict[Why, Callable[[Values], str]] = {
    Why.PAIN: lambda v: "pain reported: holding this week, safety first",
    Why.COACH_HOLD: lambda v: "held by the coach this week",
    Why.NOT_LOGGED: lambda v: f"no {v['variation']} logs this week: holding",
    Why.SKIPPED: lambda v: "skipped this week's sessions (said so in advance): holding",
    Why.TARGET_UP: lambda v: (
        f"every set reached {v['reps']}+ reps (best {v['best']}): target {v['target']} reps next"
    ),
    Why.MISSED_ONCE: lambda v: (
        f"{v['reps']} reps not reached on all {v['sets']} sets: same again; a second miss means a deload"
    ),
    Why.MISSED_TWICE: lambda v: f"below {v['reps']} reps two weeks running",
    Why.ADD_SET: lambda v: f"{_top(v)}: one more set ({v['new_sets']})",
    Why.ADD_LOAD: lambda v: f"{_top(v)}: +{_weight(v, 'step')}, back to {v['low']} reps",
    Why.TO_BARBELL: lambda v: f"{_top(v)}: the dumbbell is outgrown, on to the barbell at {_weight(v)}",
    Why.CLIMB: lambda v: f"{_top(v)}: moving up to {v['variation']}, {v['low']} reps",
    Why.TOP_OF_LADDER: lambda v: (
        f"{_top(v)} on {v['variation']}: ask your coach about a loaded or deficit version"
    ),
    Why.LOADED_INSTEAD: lambda v: f"trained with {v['variation']} at {_weight(v)}: carrying on from there",
    Why.COACH_SET: lambda v: "set by the coach",
    Why.COACH_DELOAD: lambda v: "deload by the coach",
}


def reason(r: Reason) -> str:
    """The one-line reason (plain text), including what a deload did."""
    text = _CAUSES[r.why](r.values)
    if r.deload is None:
        return text
    if "weight" in r.deload:
        return f"{text}: deload to {_weight(r.deload)}, back to {r.deload['low']} reps"
    return f"{text}: reps back to {r.deload['low']}"


def coach_reason(r: Reason) -> str:
    """A coach's change names only its cause: the numbers are shown as before → after."""
    return _CAUSES[r.why](r.values)


def change(entry: ChangeEntry) -> str:
    """A recorded change as `/me` and the weekly summary show it (plain text)."""
    if entry.reason is None:
        return entry.legacy_text
    if not entry.by_coach:
        return reason(entry.reason)
    cause = coach_reason(entry.reason)
    if entry.before == entry.after:
        return cause
    before = fmt.short_prescription(entry.before, entry.unit)
    after = fmt.short_prescription(entry.after, entry.unit)
    return f"{before} → {after}, {cause}"
