"""The deploy kit checked by what runs here: the image's build steps as a plain script, the
compose file against the Compose specification's schema, the systemd unit by systemd."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.settings import Settings

ROOT = Path(__file__).parents[2]
DEPLOY = ROOT / "deploy"
# The Compose specification's JSON schema, as published with docker-compose 1.29.2
# (compose/config/compose_spec.json, Apache License 2.0).
COMPOSE_SCHEMA = ROOT / "tests" / "data" / "compose_spec.json"


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), comments left out."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def test_the_image_runs_as_a_user_keeps_data_in_a_volume_and_checks_its_health() -> None:
    steps = dict(_instructions())
    assert steps["USER"] not in {"root", "0"}
    assert steps["VOLUME"] == "/data"
    env = steps["ENV"]
    assert "SPOTTER_DATABASE_URL=sqlite+aiosqlite:////data/spotter.db" in env
    assert "SPOTTER_OPS_LISTEN=0.0.0.0" in env
    assert set(steps["EXPOSE"].split()) == {"8443", "8080"}
    assert "/healthz" in steps["HEALTHCHECK"]


def test_the_images_build_steps_run_as_a_plain_script(tmp_path: Path) -> None:
    """WORKDIR, COPY and RUN replayed in a scratch directory with a fresh virtualenv standing in
    for the image's Python (dependencies come from this one, so no download is needed); the
    installed `spotter` then starts and knows its commands."""
    app = tmp_path / "app"
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The project's own venv holds the dependencies; the fresh one sees them through a .pth.
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    (site / "deps.pth").write_text(next(p for p in sys.path if p.endswith("site-packages")) + "\n")
    for keyword, rest in _instructions():
        if keyword == "WORKDIR":
            app.mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            *sources, target = shlex.split(rest)
            for source in sources:
                destination = app / target
                if (ROOT / source).is_dir():
                    shutil.copytree(ROOT / source, destination, dirs_exist_ok=True)
                else:
                    destination.mkdir(parents=True, exist_ok=True)
                    shutil.copy(ROOT / source, destination)
        elif keyword == "RUN" and rest.startswith("pip install"):
            command = [str(python), "-m", *shlex.split(rest), "--no-deps", "--no-build-isolation"]
            subprocess.run(command, cwd=app, check=True, capture_output=True, timeout=300)
    result = subprocess.run(
        [str(env_dir / "bin" / "spotter"), "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "run" in result.stdout
    assert "forget" in result.stdout


def test_the_compose_file_follows_the_compose_specification() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    jsonschema.validate(compose, json.loads(COMPOSE_SCHEMA.read_text()))
    assert compose["services"]["bot"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pgdata" in compose["volumes"]
    assert compose["services"]["bot"]["environment"]["SPOTTER_DATABASE_URL"].startswith(
        "postgresql+asyncpg://"
    )


def test_the_unit_reads_the_env_file_so_it_can_override_the_defaults() -> None:
    unit = (DEPLOY / "spotter.service").read_text()
    assert "EnvironmentFile=-/opt/spotter/.env" in unit


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """Verified with its paths moved under a scratch directory (the checkout is not in /opt
    here); everything else as shipped."""
    home = tmp_path / "opt" / "spotter"
    (home / ".venv" / "bin").mkdir(parents=True)
    spotter = home / ".venv" / "bin" / "spotter"
    spotter.write_text("#!/bin/sh\n")
    spotter.chmod(0o755)
    unit = tmp_path / "spotter.service"
    unit.write_text((DEPLOY / "spotter.service").read_text().replace("/opt/spotter", str(home)))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    problems = [line for line in result.stderr.splitlines() if "spotter.service" in line]
    assert result.returncode == 0, result.stderr
    assert problems == []


def test_the_env_example_sets_only_settings_spotter_reads_and_its_api_base_works() -> None:
    names = set()
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        line = line.lstrip("# ").strip()
        if "=" in line and line.split("=", 1)[0].isupper():
            names.add(line.split("=", 1)[0])
    known = {
        str(field.validation_alias)
        for field in Settings.model_fields.values()
        if isinstance(field.validation_alias, str)
    } | {"SPOTTER_DATABASE_URL"}
    assert names <= known, names - known
    assert (
        Settings(telegram_api_base="http://127.0.0.1:8081/bot").telegram_api_base == "http://127.0.0.1:8081"
    )
