"""What readers type after a command: category names, time zones, /latest arguments.

Everything is matched after NFKC normalisation and casefolding, so full-width input
and any letter case work; typos get suggestions instead of a bare "unknown".
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import available_timezones

from digests.records import Category

LATEST_DEFAULT = 5
LATEST_MAX = 20
QUERY_CHARS = 200  # longer keywords are cut: nobody types more, and FTS cost grows with length
ALL_WORDS = frozenset({"all", "全部", "所有"})
DEFAULT_WORDS = frozenset({"default", "reset", "默认"})


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def is_all(text: str) -> bool:
    return norm(text) in ALL_WORDS


def is_default(text: str) -> bool:
    return norm(text) in DEFAULT_WORDS


# --- categories -----------------------------------------------------------------------------------


def resolve_category(name: str, categories: Sequence[Category]) -> Category | None:
    """A category by slug or display name, case-insensitively."""
    key = norm(name)
    for cat in categories:
        if key in (norm(cat.slug), norm(cat.display_name)):
            return cat
    return None


def suggest_categories(name: str, categories: Sequence[Category], n: int = 3) -> list[Category]:
    """Closest categories: names containing the input first, then difflib over slugs and names."""
    key = norm(name)[:64]
    if not key:
        return []
    out: list[Category] = []
    for cat in categories:
        if key in norm(cat.slug) or key in norm(cat.display_name) or norm(cat.display_name) in key:
            out.append(cat)
    by_label: dict[str, Category] = {}
    for cat in categories:
        by_label.setdefault(norm(cat.slug), cat)
        by_label.setdefault(norm(cat.display_name), cat)
    for label in difflib.get_close_matches(key, list(by_label), n=n * 2, cutoff=0.5):
        out.append(by_label[label])
    return list(dict.fromkeys(out))[:n]


@dataclass(frozen=True)
class CategoryArgs:
    found: list[Category]
    unknown: list[str]


def resolve_categories(args: Sequence[str], categories: Sequence[Category]) -> CategoryArgs:
    """Categories named by ``args`` (the whole phrase first, then word by word) and unknown words."""
    whole = resolve_category(" ".join(args), categories)
    if whole is not None:
        return CategoryArgs([whole], [])
    found: list[Category] = []
    unknown: list[str] = []
    for arg in args:
        cat = resolve_category(arg, categories)
        if cat is None:
            unknown.append(arg)
        elif cat not in found:
            found.append(cat)
    return CategoryArgs(found, unknown)


# --- time zones -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    # Built once: ~600 names; casefolded → canonical spelling.
    return {z.casefold(): z for z in available_timezones() if not z.startswith(("posix/", "right/"))}


def resolve_timezone(raw: str) -> tuple[str | None, list[str]]:
    """(canonical zone name or None, suggestions for typos)."""
    key = unicodedata.normalize("NFKC", raw).strip().replace(" ", "_").casefold()[:64]
    zones = _zones()
    if key in zones:
        return zones[key], []
    by_city: dict[str, list[str]] = {}
    for folded, name in zones.items():
        by_city.setdefault(folded.rsplit("/", 1)[-1], []).append(name)
    suggestions = list(by_city.get(key, []))
    suggestions += [zones[z] for z in difflib.get_close_matches(key, list(zones), n=3, cutoff=0.6)]
    for city in difflib.get_close_matches(key, list(by_city), n=3, cutoff=0.7):
        suggestions += by_city[city]
    return None, list(dict.fromkeys(suggestions))[:3]


# --- /latest --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LatestArgs:
    query: str
    count: int
    capped: bool  # the reader asked for more than LATEST_MAX


def parse_latest_args(args: Sequence[str]) -> LatestArgs:
    """'/latest 京津冀 10' → ('京津冀', 10); a trailing number is the count."""
    words = list(args)
    n = LATEST_DEFAULT
    capped = False
    if len(words) >= 2:
        last = unicodedata.normalize("NFKC", words[-1])
        if last.isascii() and last.isdigit() and len(last) <= 6:
            words.pop()
            n = int(last)
            if n > LATEST_MAX:
                n, capped = LATEST_MAX, True
            n = max(n, 1)
    return LatestArgs(" ".join(words).strip()[:QUERY_CHARS], n, capped)
