#!/usr/bin/env python3
"""Run Spotter or its checks from a fresh clone with nothing but Python 3.11+.

    python3 dev.py run     # start the bot (platforms when tokens are set, else the console chat)
    python3 dev.py test    # lint, format check, type check and the whole test suite

The first call builds a private virtualenv in `.venv/` and installs the project into it; later
calls reuse it and reinstall only when `pyproject.toml` changed. Only the standard library is
used here, because this script runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".spotter-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> Path:
    """Create or refresh `.venv` so that it matches `pyproject.toml`."""
    if not _python().exists():
        print("dev.py: creating .venv (first run only) ...", file=sys.stderr, flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:
            sys.exit(
                f"dev.py: could not create a virtualenv ({exc}); "
                "on Debian/Ubuntu install the python3-venv package."
            )
    if not STAMP.exists() or STAMP.read_text() != _wanted_stamp():
        print(
            "dev.py: installing Spotter and its test tools into .venv ...",
            file=sys.stderr,
            flush=True,
        )
        pip = [str(_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(_wanted_stamp())
    return _python()


def _run(*argv: str) -> int:
    return subprocess.run(list(argv), cwd=ROOT).returncode


def cmd_run(args: list[str]) -> int:
    python = ensure_venv()
    return _run(str(python), "-m", "adapters.cli", "run", *args)


def cmd_test(args: list[str]) -> int:
    python = ensure_venv()
    steps = [
        ("ruff check", [str(python), "-m", "ruff", "check", "."]),
        ("ruff format", [str(python), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
        ("pytest", [str(python), "-m", "pytest", *args]),
    ]
    for name, argv in steps:
        print(f"dev.py: {name}", file=sys.stderr, flush=True)
        code = _run(*argv)
        if code != 0:
            print(f"dev.py: {name} failed (exit {code})", file=sys.stderr)
            return code
    return 0


COMMANDS = {"run": cmd_run, "test": cmd_test}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must explain itself on old Pythons
        sys.exit(f"Spotter needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
