"""The README's configuration table and config.example.toml agree with the settings in digests/config.py.

Like sqlite-utils' tests/test_docs.py: the dataclasses are the one source, the docs are checked against them.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from digests.config import sections
from digests.config_file import parse_config

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
EXAMPLE = ROOT / "config.example.toml"

SETTINGS = [(f"{section}.{f.name}", f) for section, cls in sections().items() for f in dataclasses.fields(cls)]


def shown_default(f: dataclasses.Field[Any]) -> str:
    """A default as the docs write it: a TOML literal in backticks, or the field's own wording."""
    if f.metadata["shown"]:
        return f.metadata["shown"]
    return f"`{toml_literal(f.default)}`"


def toml_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    return str(value)


def readme_rows() -> dict[str, tuple[str, str]]:
    """`section.key` → (default, doc) from the README's configuration table."""
    section = README.read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (.*?) \| (.*?) \|$", section, flags=re.M)
    return {key: (default, doc) for key, default, doc in rows}


def example_keys() -> dict[str, str]:
    """`section.key` → the line that sets it in config.example.toml (commented out or not)."""
    keys: dict[str, str] = {}
    section = ""
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if header := re.fullmatch(r"\[(\w+)\]", line):
            section = header.group(1)
        elif setting := re.fullmatch(r"(?:# )?(\w+) = .*", line):
            keys.setdefault(f"{section}.{setting.group(1)}", line)
    return keys


@pytest.mark.parametrize("key, f", SETTINGS, ids=[key for key, _ in SETTINGS])
def test_readme_table_shows_each_setting_with_its_default_and_doc(key, f):
    rows = readme_rows()
    assert key in rows, f"README configuration table lacks {key}"
    assert rows[key] == (shown_default(f), f.metadata["doc"])


def test_readme_table_has_no_setting_the_code_lacks():
    assert set(readme_rows()) == {key for key, _ in SETTINGS}


def test_example_file_sets_or_shows_every_setting_and_nothing_else():
    keys = example_keys()
    assert {k for k in keys if not k.startswith("categories.")} == {key for key, _ in SETTINGS}


def test_example_file_parses_to_the_defaults():
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert parse_config(raw, base_dir=ROOT) == parse_config({}, base_dir=ROOT)


def test_example_file_comments_out_only_defaults_toml_cannot_spell():
    # A commented-out line is an example of a non-default value; only settings whose default has
    # no TOML spelling (shown in words in the docs) may be left out that way.
    commented = {key for key, line in example_keys().items() if line.startswith("#")}
    allowed = {key for key, f in SETTINGS if f.metadata["shown"]} | {
        key for key in example_keys() if key.startswith("categories.")
    }
    assert commented <= allowed
