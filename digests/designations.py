"""Military designations written as the services write them: 歼-10C, 运油-20, 直-20.

A report's caption may drop the hyphen (换装歼10C), while the page's other reports, and the same
item's text, write 歼-20, 歼-10S: one style on the page, the official one.
"""

from __future__ import annotations

from digests import hanzi

__all__ = ["hyphenated"]

# 歼10C, 运油20, 轰6K: a type prefix straight before its number. 歼, 运油, 空警 are never words' ends (换装歼10C);
# 运, 轰, 直 are (货运20万吨, 一直20年), so they count only opening a word and before a type's number alone.
_NUMBER = r"(?=\d{1,3}[A-Z]{0,2}(?![\d.日月年号时%万亿千百多余吨个元人次架条辆]))"
_BARE = hanzi.compile(rf"(歼轰|运油|空警|歼){_NUMBER}|(?<![\u4e00-\u9fff])(运|轰|直){_NUMBER}")


def hyphenated(text: str) -> str:
    """``text`` with each type prefix joined to its number by a hyphen (歼10C → 歼-10C)."""
    return _BARE.sub(lambda m: (m.group(1) or m.group(2)) + "-", text)
