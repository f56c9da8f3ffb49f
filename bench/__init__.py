"""Benchmarks: commands that print figures. Tests assert behaviour; numbers live here."""
