"""A draft put out for comment, or a document, dated by the day it was published.

A report retells the issuer's notice (国家互联网信息办公室起草了《个人信息保护合规审计管理办法(征求意见稿)》)
without a date: the notice itself gave none, it was the news of the day it appeared. Read the next
morning, 起草了 leaves the reader asking when; the story's reports that say the issuer released it
(国家互联网信息办公室发布关于…公开征求意见的通知) date it by the day they were published.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.records import Article

__all__ = ["document_dated", "draft_dated"]

# 国家互联网信息办公室起草了《…(征求意见稿)》: who drafted it, and the draft
_DRAFTED = hanzi.compile(r"(?P<who>[\u4e00-\u9fff]{2,14}?)起草了(?P<doc>《[^》]{2,60}征求意见稿[)）]?》)")
# 发布关于《…》公开征求意见的通知 / 就《…》公开征求意见: the issuer put it out
_RELEASED = hanzi.compile(r"(?:发布|公布)[^。]{0,60}?征求意见|就《[^》]{2,60}》(?:公开|向社会)征求意见")
_OPENING = 200  # characters of a report's opening where it tells the release


def draft_dated(text: str, reports: Sequence[Article], *, tz: ZoneInfo = NEWS_ZONE) -> str:
    """``text`` with a draft it says was only drafted told as published on the day the story's earliest
    report of its release appeared (国家互联网信息办公室3日公布《…(征求意见稿)》); unchanged when no report
    of the story tells the release."""
    drafted = _DRAFTED.search(text)
    if drafted is None:
        return text
    released = [a for a in reports if _RELEASED.search(" ".join(a.paragraphs)[:_OPENING])]
    if not released:
        return text
    day = min(a.published for a in released).astimezone(tz).day
    dated = f"{drafted.group('who')}{day}日公布{drafted.group('doc')}"
    return text[: drafted.start()] + dated + text[drafted.end() :]


# 《国务院办公厅转发…的通知》7月31日对外公布。: the report's opening dates the document's release
_PUBLISHED = hanzi.compile(
    r"》(?:于)?(?:\d{4}年)?(?:\d{1,2}月)?(?P<day>\d{1,2})日(?:对外|正式|向社会)?(?:公布|发布|印发)"
)
# 国家发改委《关于恢复和扩大消费的措施》要求…: the text opens on the document and what it says
_OPENS_ON_DOCUMENT = hanzi.compile(r"^(?P<doc>[^，。《]{0,20}《[^》]{2,60}》)(?=要求|提出|明确|规定|指出|强调)")
_DATED = hanzi.compile(r"\d{1,2}日")


def document_dated(text: str, report: Article) -> str:
    """``text`` opening on a document and what it requires, without a date, told with the day the
    report's opening says it was published (国家发改委《关于恢复和扩大消费的措施》31日公布，要求…): read
    the next morning, a document without its day leaves the reader asking when; else ``text``."""
    opens = _OPENS_ON_DOCUMENT.match(text)
    if opens is None or _DATED.search(text):
        return text
    published = _PUBLISHED.search(" ".join(report.paragraphs)[:_OPENING])
    if published is None:
        return text
    return f"{opens.group('doc')}{int(published.group('day'))}日公布，{text[opens.end() :]}"
