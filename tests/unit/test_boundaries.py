"""The layers' import rules, checked on the source: each layer may only lean on the ones below it.

rules (pure) ← services (data) ← views (words) ← commands / pushes / coach; adapters outside.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FORBIDDEN_IN_CORE = ("telegram", "discord", "apscheduler", "adapters", "scheduler", "aiohttp", "typer")
STORAGE = ("bot.store", "sqlalchemy", "sqlmodel", "alembic", "aiosqlite", "asyncpg")
LAYER_RULES: dict[str, tuple[str, ...]] = {
    "bot/rules": (
        *STORAGE,
        "bot.services",
        "bot.views",
        "bot.commands",
        "bot.coach",
        "bot.pushes",
        "bot.errors",
    ),
    "bot/services": ("bot.views", "bot.commands", "bot.coach", "bot.pushes"),
    "bot/views": (*STORAGE, "bot.commands", "bot.coach", "bot.pushes"),
}
CHAT_LIBRARIES = ("telegram", "discord")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("path", _modules("bot"), ids=_ids)
def test_core_modules_import_no_chat_library_scheduler_or_adapter(path: Path) -> None:
    offending = {name for name in _imports(path) if name.split(".")[0] in FORBIDDEN_IN_CORE}
    assert offending == set()


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [(path, forbidden) for folder, forbidden in LAYER_RULES.items() for path in _modules(folder)],
    ids=lambda value: _ids(value) if isinstance(value, Path) else "",
)
def test_each_layer_imports_only_the_layers_below_it(path: Path, forbidden: tuple[str, ...]) -> None:
    assert {name for name in _imports(path) if _matches(name, forbidden)} == set()


@pytest.mark.parametrize("path", _modules("adapters"), ids=_ids)
def test_adapters_use_only_public_names_of_their_chat_libraries(path: Path) -> None:
    private = {
        name
        for name in _imports(path)
        if name.split(".")[0] in CHAT_LIBRARIES and any(part.startswith("_") for part in name.split("."))
    }
    assert private == set()


def test_the_boundary_check_sees_both_import_forms(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import discord\nfrom telegram.ext import Application\nfrom . import local\n")
    assert _imports(sample) == {"discord", "telegram.ext", "telegram.ext.Application"}


def test_the_layer_check_catches_a_view_reading_the_store(tmp_path: Path) -> None:
    sample = tmp_path / "view.py"
    sample.write_text("from bot.store.tables import GroupRow\n")
    assert {name for name in _imports(sample) if _matches(name, LAYER_RULES["bot/views"])} == {
        "bot.store.tables",
        "bot.store.tables.GroupRow",
    }


def test_the_private_name_check_catches_a_private_module(tmp_path: Path) -> None:
    sample = tmp_path / "adapter.py"
    sample.write_text("from telegram.ext._baseratelimiter import BaseRateLimiter\n")
    assert any(part.startswith("_") for name in _imports(sample) for part in name.split("."))
