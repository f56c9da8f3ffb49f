"""docs/design.md names real code: every `file:function` in it exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
DESIGN = ROOT / "docs" / "design.md"
STEP = re.compile(r"`([\w/]+\.py):([\w.]+)`")


def _definitions(path: Path) -> set[str]:
    """Qualified names of the functions and classes a module defines (`Class.method`)."""
    names: set[str] = set()

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                names.add(name)
                visit(child, f"{name}.")

    visit(ast.parse(path.read_text()), "")
    return names


def test_every_step_the_design_names_exists() -> None:
    steps = STEP.findall(DESIGN.read_text())
    assert len(steps) >= 20, "the walks name their steps as `file:function`"
    missing = [
        f"{file}:{name}"
        for file, name in steps
        if not (ROOT / file).exists() or name not in _definitions(ROOT / file)
    ]
    assert missing == []


def test_the_design_points_at_no_file_outside_the_repository() -> None:
    assert "../" not in DESIGN.read_text()
    assert "shared/" not in DESIGN.read_text()
