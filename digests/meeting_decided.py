"""A meeting's decisions that other reports of the day tell: what it approved.

A State Council executive meeting's readout stresses policy; the projects it approved come out the
same evening through the companies that own them (中国广核集团7月31日发布消息称，经国务院常务会议审议，
决定对…中广核福建宁德核电项目5、6号机组予以核准). The meeting's item tells them in one sentence, credited
to the report that carried them, where it fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests import hanzi
from digests.records import Article

__all__ = ["meeting_decided"]

_MEETING = hanzi.compile(r"国务院常务会议|中共中央政治局会议|中央全面深化改革委员会会议|中央财经委员会会议")
_READ = 600  # characters of each of the day's reports read: where a release says what was approved
_THING = r"[^，。；的]{4,30}"


def meeting_decided(text: str, title: str, day: Sequence[Article], budget: int) -> tuple[str, Article | None]:
    """``text`` with what the meeting its headline names approved, as another of the ``day``'s reports
    tells it (据中新网，会议核准了中广核福建宁德核电项目5、6号机组和…石岛湾…1、2号机组。: 等 for the other
    approval the report names when it will not fit), within
    ``budget``, and that report, credited beside the item's; ``(text, None)`` when no report tells an
    approval, the text tells it already or it will not fit."""
    meeting = _MEETING.search(title)
    if meeting is None or "核准" in text or "批准" in text:
        return text, None
    approved = hanzi.compile(
        rf"经{re.escape(meeting.group())}审议[，,]决定对(?:[^，。；]*的)?(?P<what>{_THING})予以(?P<act>核准|批准)"
    )
    for article in day:
        opening = "".join(article.paragraphs)[:_READ]
        found = approved.search(opening)
        if found is None:
            continue
        source = f"据{article.outlet}，" if article.outlet else ""
        more = _MORE.search(opening, found.end())  # 此外，…华能集团所属山东石岛湾核电厂…1、2号机组也同步获得核准
        act, what = found.group("act"), found.group("what")
        named = f"{source}会议{act}了{what}和{more.group('what')}。" if more else ""
        told = f"{source}会议{act}了{what}{'等' if more else ''}。"  # 等 when the other will not fit
        for telling in (named, told):
            if telling and len(text) + len(telling) <= budget:
                return text + telling, article
        return text, None
    return text, None


# 此外，由…参与建设的华能集团所属山东石岛湾核电厂扩建一期工程项目1、2号机组也同步获得核准: another approved
_MORE = hanzi.compile(rf"(?P<what>{_THING})也(?:同步|同时)?(?:获得|获)(?:核准|批准)")
