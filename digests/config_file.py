"""Reading the configuration: find the TOML file, validate it into :class:`digests.config.Config`.

Lookup order for the file: ``--config FILE``, then ``$NEWSBOT_CONFIG``, then
``./newsbot.toml``, then ``~/.config/newsbot/config.toml``; with none of them the
built-in defaults apply.  Parsing is generic over the section dataclasses of
:mod:`digests.config` (each field's ``setting(...)`` says how it is checked).
"""

from __future__ import annotations

import os
import tomllib
import types
from collections.abc import Mapping
from dataclasses import Field, fields
from datetime import time
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from digests.config import CONFIG_ENV, WEBHOOK_SECRET_ENV, Config, sections
from digests.config_values import ConfigError


def find_config_file(explicit: str | Path | None = None) -> Path | None:
    """The config file to read, or None for built-in defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return path
    env = os.environ.get(CONFIG_ENV)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV} points to a missing file: {path}")
        return path
    for candidate in (Path("newsbot.toml"), Path.home() / ".config" / "newsbot" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_config(explicit: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read, validate and return the configuration (see module docstring for lookup)."""
    env = os.environ if env is None else env
    path = find_config_file(explicit)
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: not UTF-8 text") from None
    return parse_config(raw, base_dir=path.parent if path else Path.cwd(), env=env, source=path)


def parse_config(
    raw: dict[str, Any],
    *,
    base_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    source: Path | None = None,
) -> Config:
    """Validate a parsed TOML document; relative paths (defaults included) are relative to ``base_dir``."""
    env = {} if env is None else env
    base_dir = base_dir or Path.cwd()
    known = {*sections(), "categories"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{key}: unknown section (expected one of {', '.join(sorted(known))})")
    parsed = {name: _parse_section(name, cls, raw.get(name, {}), base_dir, env) for name, cls in sections().items()}
    telegram = parsed["telegram"]
    if telegram.webhook_url and not telegram.secret_token:
        # Without it anyone who finds the URL could post fake updates.
        raise ConfigError(f"telegram.secret_token: required with webhook_url (or set ${WEBHOOK_SECRET_ENV})")
    return Config(**parsed, categories=_parse_categories(raw.get("categories", {})), source=source)


def _parse_section(name: str, cls: type, table: Any, base_dir: Path, env: Mapping[str, str]) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: expected a table")
    settings = fields(cls)
    names = {f.name for f in settings}
    for key in table:
        if key not in names:
            raise ConfigError(f"{name}.{key}: unknown setting")
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in settings:
        key = f"{name}.{f.name}"
        value = env.get(f.metadata["env"]) if f.metadata["env"] else None
        if not value and f.name in table:
            value = table[f.name]
        values[f.name] = f.default if value is None else _check(key, value, f, hints[f.name])
        values[f.name] = _resolve_paths(values[f.name], base_dir)
    return cls(**values)


def _check(key: str, value: Any, f: Field[Any], hint: Any) -> Any:
    """One TOML value: its type, then its minimum, then the field's converter."""
    kind: Any = _toml_kind(hint)  # Any: isinstance() against it must not narrow value to object
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ConfigError(f"{key}: expected {_KIND_NAMES[kind]}, got {value!r}")
    minimum = f.metadata["minimum"]
    if minimum is not None and value < minimum:
        raise ConfigError(f"{key}: must be at least {minimum}, got {value!r}")
    convert = f.metadata["convert"]
    if convert is not None:
        return convert(value, key)
    return Path(value) if hint is Path else value


def _toml_kind(hint: Any) -> type:
    """The TOML type a field is written as: tuples as arrays, paths and times as strings."""
    if get_origin(hint) is tuple:
        return list
    if get_origin(hint) in (Union, types.UnionType):
        [inner] = [arg for arg in get_args(hint) if arg is not type(None)]
        return _toml_kind(inner)
    return {Path: str, time: str}.get(hint, hint)


def _resolve_paths(value: Any, base: Path) -> Any:
    if isinstance(value, Path):
        path = value.expanduser()
        return path if path.is_absolute() else base / path
    if isinstance(value, tuple) and value and all(isinstance(v, Path) for v in value):
        return tuple(_resolve_paths(v, base) for v in value)
    return value


def _parse_categories(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"categories: expected a table, got {table!r}")
    for slug, name in table.items():
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"categories.{slug}: display name must be a non-empty string")
    return {str(k): v.strip() for k, v in table.items()}


_KIND_NAMES = {
    str: "a string",
    list: "a list",
    dict: "a table",
    bool: "true or false",
    int: "an integer",
    float: "a number",
}
