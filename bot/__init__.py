"""Spotter core."""
