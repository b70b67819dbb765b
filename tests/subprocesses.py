"""Running `newsbot` as a real process: its command line, its environment, a config file it reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import REPO


def write_config(path: Path, raw: dict[str, Any]) -> Path:
    """Write ``raw`` as a TOML file (only the value types our config uses)."""
    lines: list[str] = []
    for section, values in raw.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {_toml(value)}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def newsbot_command(*args: str) -> list[str]:
    """`newsbot …` as a subprocess, from an installed package or a plain checkout alike."""
    return [sys.executable, "-m", "bot.cli", *args]


def run_newsbot(
    *args: str, cwd: Path, input: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `newsbot …` to the end in ``cwd``; stdout and stderr captured as text."""
    return subprocess.run(
        newsbot_command(*args),
        cwd=cwd,
        env=subprocess_env(),
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a `newsbot` subprocess: this checkout importable, no token or config leaking in."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSBOT_TELEGRAM_TOKEN", "NEWSBOT_CONFIG")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env
