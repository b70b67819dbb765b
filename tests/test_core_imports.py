"""The core (digests/) never imports telegram: only bot/ talks to Telegram."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent

_PROBE = """
import importlib, json, pkgutil, sys
import digests
names = [m.name for m in pkgutil.walk_packages(digests.__path__, "digests.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "telegram": sorted(m for m in sys.modules if m.split(".")[0] == "telegram")}))
"""


def test_importing_every_digests_module_loads_no_telegram_module():
    # A fresh interpreter: this test process has long since imported telegram through bot/.
    # PYTHONPATH: works from a plain checkout, without the package installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    report = json.loads(result.stdout)
    assert {"digests.config", "digests.render", "digests.core_cli"} <= set(report["imported"])
    assert report["telegram"] == []
