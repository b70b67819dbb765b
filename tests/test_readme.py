"""The README and docs/ tell a newcomer what is true: the commands CI runs, configs that parse,
every chat command, the bundled sample post, links that land, and nothing about our own history."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot import texts
from digests.config import SAMPLE_POSTS_DIR
from digests.config_file import parse_config
from tests.helpers import REPO

README = REPO / "README.md"
USER_DOCS = [README, *sorted((REPO / "docs").glob("*.md"))]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _section(title: str) -> str:
    return _text(README).split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.M | re.S)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


# Our own history has no place in user docs: issue numbers, commit hashes, the research data path.
_HISTORY = [
    re.compile(r"\bissues?\s*#?\d+", re.I),
    re.compile(r"(?<![\w/.-])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}(?![\w-])"),
    re.compile(r"(?:\.\./)?shared/data|\.\./shared"),
]


def history_references(text: str) -> list[str]:
    return [m.group() for pattern in _HISTORY for m in pattern.finditer(text)]


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda p: p.name)
def test_user_docs_refer_to_no_issue_commit_or_research_data_path(path: Path) -> None:
    assert history_references(_text(path)) == []


def test_the_history_finder_finds_each_kind() -> None:
    found = history_references("fixed in issue 17 (commit fc3d254), data from ../shared/data; 2021 posts")
    assert found == ["issue 17", "fc3d254", "../shared/data"]


def test_the_quick_start_runs_what_ci_runs() -> None:
    quick_start = _blocks(_section("Quick start"), "sh")
    assert quick_start[0] == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/newsbot run\n"
    ci = _text(REPO / ".ci" / "run")
    checks = ci.strip().splitlines()[-1]  # ruff, format, mypy, pytest
    assert quick_start[1].strip() == ("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && " + checks)
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'" in ci


def test_the_python_version_is_the_packages() -> None:
    requires = tomllib.loads(_text(REPO / "pyproject.toml"))["project"]["requires-python"]
    assert requires == ">=3.11"
    assert "You need Python 3.11 or newer" in _section("Quick start")


def test_every_command_in_help_has_a_row_in_the_chat_commands_tables() -> None:
    commands = re.findall(r"^/(\w+) — ", texts.help_text(True), flags=re.M)
    assert len(commands) >= 15
    rows = _section("Chat commands")
    missing = [c for c in commands if not re.search(rf"^\| `/{c}[` \[<]", rows, flags=re.M)]
    assert missing == []


def test_the_example_configs_parse() -> None:
    for block in _blocks(_text(README), "toml"):
        config = parse_config(tomllib.loads(block), base_dir=REPO, env={})
        assert config.telegram is not None


def test_the_local_webhook_tour_talks_to_the_stand_in_in_webhook_mode() -> None:
    from tests.fake_telegram import FakeTelegram

    [block] = _blocks(_section("See webhook mode, /healthz, /metrics and the dashboard on your machine"), "toml")
    config = parse_config(tomllib.loads(block), base_dir=REPO, env={})
    fake = FakeTelegram(port=8081)
    assert config.telegram.token == fake.token
    assert config.telegram.base_url == "http://127.0.0.1:8081/bot"
    assert config.telegram.webhook_url and config.telegram.admins == (42,)


def test_the_example_post_is_a_bundled_sample_word_for_word() -> None:
    [post] = _blocks(_section("Posts"), "markdown")
    assert any(_text(p).startswith(post) for p in SAMPLE_POSTS_DIR.glob("*.md"))
    assert f"{len(list(SAMPLE_POSTS_DIR.glob('*.md')))} sample posts" in _section("Quick start")


def test_links_into_docs_land_on_a_heading() -> None:
    for path in USER_DOCS:
        for target, anchor in re.findall(r"\]\(((?:\.\./)?(?:README|docs/\w+)\.md|)#([\w-]+)\)", _text(path)):
            file = path if not target else (path.parent / target).resolve()
            headings = re.findall(r"^#+ (.+)$", _text(file), flags=re.M)
            assert anchor in {_slug(h) for h in headings}, f"{path.name}: {target}#{anchor}"


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda p: p.name)
def test_every_file_the_docs_name_exists(path: Path) -> None:
    named = set(re.findall(r"`((?:bot|digests|tests|benchmarks|docs)/[\w/.\-]*\w/?)`", _text(path)))
    named |= set(re.findall(r"\]\(((?:bot|digests|tests|benchmarks|docs)/[\w/.\-]+)\)", _text(path)))
    assert sorted(p for p in named if not (REPO / p).exists()) == []
