"""A scripted scene in the console chat, printed as a transcript (`spotter demo`)."""

from __future__ import annotations

SCENE = (
    ":tz Europe/Berlin",
    ":now",
    "@Coach /start",
    "/setup hypertrophy mon,thu 18:30 Europe/Berlin",
    "@Ana /setup strength mon 07:00 UTC",
    "@Ana /join beginner",
    "@Ben /join intermediate 60kg",
    "@Cara /join advanced 135 lb",
    "@Ana /today",
    "/faq can a newbie do this?",
    ":at 2026-12-07 19:45",
    "@Ben ✅ did 3x10 @ 60kg 🔥",
    "@Cara > 10,10,8 at 140 lb",
    "@Ana :tap done",
    "@Ben /log 3x10 @ 62.5kg rpe 8",
    "/undo",
    "@Cara my lower back hurts a bit",
    ":at 2026-12-08 12:00",
    "@Ben /today",
    "@Ana /log mon bw 1x15",
    "/history",
    "/me",
    "/faq how many reps for strength?",
    ":at 2026-12-13 20:05",
    "@Ben /me",
    "@Coach /program mon: hip thrust, rdl, split squat; thu: squat, bench press",
    ":at 2026-12-14 09:00",
    "@Ana /today",
    ":at 2026-12-14 19:45",
    "@Ben 3x9 @ 60kg",
    "@Ben rdl 3x8 @ 80kg",
    "@Cara 3x10 @ 30 lb",
    "@Cara :tap split",
)
START = "2026-12-07 09:00"
ZONE = "Europe/Berlin"
