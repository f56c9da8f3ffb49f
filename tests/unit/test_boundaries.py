"""The core must stay free of chat libraries, the scheduler and the adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FORBIDDEN_IN_CORE = ("telegram", "discord", "apscheduler", "adapters", "scheduler", "aiohttp", "typer")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "bot").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_modules_import_no_chat_library_scheduler_or_adapter(path: Path) -> None:
    offending = {name for name in _imports(path) if name.split(".")[0] in FORBIDDEN_IN_CORE}
    assert offending == set()


def test_the_boundary_check_sees_both_import_forms(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import discord\nfrom telegram.ext import Application\nfrom . import local\n")
    assert _imports(sample) == {"discord", "telegram.ext"}
