"""What readers type after a command: category names, time zones, /latest arguments.

Everything is matched after NFKC normalisation and casefolding, so full-width input
and any letter case work; typos get suggestions instead of a bare "unknown".
"""

from __future__ import annotations

import difflib
import functools
import re
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

# What Chinese readers type for a zone: a city, region or country with one zone (北京 has no tz name
# of its own; China is Asia/Shanghai). Traditional spellings are listed since NFKC does not fold them.
_ZONE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("中国", "北京", "上海", "大陆", "内地", "天津", "重庆", "广州", "深圳", "杭州", "南京", "武汉", "成都"),
        "Asia/Shanghai",
    ),
    **dict.fromkeys(("beijing", "peking", "china", "中國", "北京時間"), "Asia/Shanghai"),
    **dict.fromkeys(("香港", "hk"), "Asia/Hong_Kong"),
    **dict.fromkeys(("澳门", "澳門"), "Asia/Macau"),
    **dict.fromkeys(("台北", "台湾", "臺北", "臺灣", "台灣", "taiwan"), "Asia/Taipei"),
    **dict.fromkeys(("东京", "東京", "日本"), "Asia/Tokyo"),
    **dict.fromkeys(("首尔", "首爾", "韩国", "韓國"), "Asia/Seoul"),
    "新加坡": "Asia/Singapore",
    **dict.fromkeys(("吉隆坡", "马来西亚"), "Asia/Kuala_Lumpur"),
    **dict.fromkeys(("曼谷", "泰国"), "Asia/Bangkok"),
    **dict.fromkeys(("河内", "胡志明市", "越南"), "Asia/Ho_Chi_Minh"),
    **dict.fromkeys(("马尼拉", "菲律宾"), "Asia/Manila"),
    **dict.fromkeys(("新德里", "孟买", "印度"), "Asia/Kolkata"),
    "迪拜": "Asia/Dubai",
    "莫斯科": "Europe/Moscow",
    **dict.fromkeys(("伦敦", "英国"), "Europe/London"),
    **dict.fromkeys(("巴黎", "法国"), "Europe/Paris"),
    **dict.fromkeys(("柏林", "法兰克福", "德国"), "Europe/Berlin"),
    **dict.fromkeys(("罗马", "意大利"), "Europe/Rome"),
    **dict.fromkeys(("马德里", "西班牙"), "Europe/Madrid"),
    **dict.fromkeys(("苏黎世", "瑞士"), "Europe/Zurich"),
    **dict.fromkeys(("纽约", "华盛顿", "美东"), "America/New_York"),
    "芝加哥": "America/Chicago",
    **dict.fromkeys(("洛杉矶", "旧金山", "西雅图", "硅谷", "美西"), "America/Los_Angeles"),
    "多伦多": "America/Toronto",
    "温哥华": "America/Vancouver",
    "悉尼": "Australia/Sydney",
    "墨尔本": "Australia/Melbourne",
    **dict.fromkeys(("奥克兰", "新西兰"), "Pacific/Auckland"),
    **dict.fromkeys(("协调世界时", "世界时", "格林尼治", "格林威治"), "UTC"),
}
# Names that mean more than one zone: offered, never guessed.
_AMBIGUOUS_ZONES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("美国", "usa", "us"), ("America/New_York", "America/Chicago", "America/Los_Angeles")),
    "加拿大": ("America/Toronto", "America/Vancouver"),
    "澳大利亚": ("Australia/Sydney", "Australia/Perth"),
    "俄罗斯": ("Europe/Moscow", "Asia/Vladivostok"),
    "cst": ("Asia/Shanghai", "America/Chicago"),
}
# Zones for offsets that are not whole hours (tzdata has fixed Etc/ zones for whole hours only).
_PART_HOUR_ZONES: dict[int, str] = {
    -210: "America/St_Johns",
    210: "Asia/Tehran",
    270: "Asia/Kabul",
    330: "Asia/Kolkata",
    345: "Asia/Kathmandu",
    390: "Asia/Yangon",
    570: "Australia/Darwin",
}
_ZONE_SUFFIXES = ("标准时间", "標準時間", "时间", "時間", "时区", "時區", "市")
_OFFSET = re.compile(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?")
_CN_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)} | {"十一": 11, "十二": 12}
_CN_OFFSET = re.compile(r"([东西東])(十[一二]|[一二三四五六七八九十])区")


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    # Built once: ~600 names; casefolded → canonical spelling.
    return {z.casefold(): z for z in available_timezones() if not z.startswith(("posix/", "right/"))}


def offset_zone(hours: int) -> str | None:
    """The fixed zone of UTC+hours (tzdata's Etc/GMT signs are inverted: Etc/GMT-8 is UTC+8)."""
    if not -12 <= hours <= 14:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def _parse_offset(key: str) -> tuple[str | None, list[str]] | None:
    """UTC+8, GMT+08:00, +0800, 东八区 → a fixed zone; None when ``key`` is not an offset at all."""
    if m := _CN_OFFSET.fullmatch(key):
        hours = _CN_NUMBERS[m.group(2)] * (-1 if m.group(1) == "西" else 1)
        return offset_zone(hours), []
    m = _OFFSET.fullmatch(key)
    if m is None:
        return None
    sign = -1 if m.group(1) == "-" else 1
    minutes = sign * (int(m.group(2)) * 60 + int(m.group(3) or 0))
    if minutes % 60 == 0:
        return offset_zone(minutes // 60), []
    near = _PART_HOUR_ZONES.get(minutes)
    return None, [near] if near else []


def resolve_timezone(raw: str) -> tuple[str | None, list[str]]:
    """(canonical zone name or None, suggestions): Area/City, a city (上海, Tokyo), UTC+8 or 东八区."""
    key = unicodedata.normalize("NFKC", raw).strip().replace("−", "-").casefold()[:64]
    compact = "".join(key.split())
    for suffix in _ZONE_SUFFIXES:
        if compact.endswith(suffix) and len(compact) > len(suffix):
            compact = compact.removesuffix(suffix)
            break
    if compact in _ZONE_WORDS:
        return _ZONE_WORDS[compact], []
    if compact in _AMBIGUOUS_ZONES:
        return None, list(_AMBIGUOUS_ZONES[compact])
    if (offset := _parse_offset(compact)) is not None:
        return offset
    key = key.replace(" ", "_")
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
