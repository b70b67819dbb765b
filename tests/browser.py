"""The real headless browser the dashboard tests drive: Debian's chromium through chromedriver
(selenium), and what happens when it cannot start.

A browser that cannot start FAILS the dashboard tests: in CI that is a broken machine, never a
reason to pass without looking.  A developer without chromium opts out explicitly with
``NEWSBOT_SKIP_BROWSER=1``; .ci/run unsets it, so CI never skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

SKIP_ENV = "NEWSBOT_SKIP_BROWSER"
INSTALL_HINT = "apt-get install chromium chromium-driver fonts-wqy-microhei"


def no_browser(reason: str) -> NoReturn:
    """Fail with ``reason`` and how to fix it; skip only when the developer asked to."""
    if os.environ.get(SKIP_ENV, "").strip().lower() in ("1", "true", "yes"):
        pytest.skip(f"{reason} ({SKIP_ENV} is set)")
    pytest.fail(f"{reason}: install it ({INSTALL_HINT}), or set {SKIP_ENV}=1 to skip the browser tests", pytrace=False)


def _find(name: str) -> Path | None:
    found = shutil.which(name) or shutil.which(name, path="/usr/bin:/usr/lib/chromium")
    return Path(found) if found else None


def start_browser() -> Any:
    """A headless chromium WebDriver (the caller quits it)."""
    chromium, chromedriver = _find("chromium"), _find("chromedriver")
    if chromium is None or chromedriver is None:
        no_browser("no chromium or chromedriver on PATH")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        no_browser("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,1400",
    ):
        options.add_argument(flag)
    try:
        return webdriver.Chrome(service=Service(str(chromedriver)), options=options)
    except Exception as exc:  # the machine's browser, not our code: say why
        no_browser(f"headless chromium did not start: {type(exc).__name__}: {str(exc).splitlines()[0]}")
