"""A browser that cannot start fails the dashboard tests; only an explicit opt-out skips them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import SKIP_ENV, _find, no_browser, start_browser


def test_a_missing_browser_fails_unless_the_developer_opts_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(SKIP_ENV, raising=False)
    monkeypatch.setattr("tests.browser.shutil.which", lambda name, path=None: None)
    with pytest.raises(pytest.fail.Exception, match=f"no chromium .*set {SKIP_ENV}=1"):
        start_browser()
    monkeypatch.setenv(SKIP_ENV, "1")
    with pytest.raises(pytest.skip.Exception, match=f"{SKIP_ENV} is set"):
        start_browser()


def test_a_browser_that_will_not_start_fails_the_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(SKIP_ENV, raising=False)
    chromedriver = _find("chromedriver") or no_browser("no chromedriver on PATH")
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'chromium: cannot open display' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr("tests.browser._find", lambda name: broken if name == "chromium" else chromedriver)
    with pytest.raises(pytest.fail.Exception, match="headless chromium did not start"):
        start_browser()


@pytest.mark.parametrize("value", ["", "0", "no"])
def test_only_a_yes_opts_out(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SKIP_ENV, value)
    with pytest.raises(pytest.fail.Exception):
        no_browser("reason")
