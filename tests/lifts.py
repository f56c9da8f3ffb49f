"""The hip thrust's variations as the rules see them, by the names the tests use."""

from __future__ import annotations

from bot.content.model import hip_thrust
from bot.rules.lift import Variation

HIP = hip_thrust().lift


class HT:
    """`HT.BARBELL` and friends: the hip thrust's declared variations."""

    BODYWEIGHT = HIP.rung("bodyweight")
    BANDED = HIP.rung("banded")
    DUMBBELL = HIP.rung("dumbbell")
    MACHINE = HIP.rung("machine")
    BARBELL = HIP.rung("barbell")
    SINGLE_LEG = HIP.rung("single-leg")
    DEFICIT = HIP.rung("deficit")


__all__ = ["HIP", "HT", "Variation"]
