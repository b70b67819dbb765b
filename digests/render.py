"""Render digests, breaking pushes and /latest lists as Telegram HTML or plain text.

Telegram HTML (parse_mode=HTML) allows a few tags only; every piece of text is
escaped with ``html.escape(quote=False)`` and every href with ``quote=True``.
Messages are split at item boundaries into chunks of at most 4096 UTF-16 code
units.  Telegram counts the limit after entity parsing, so counting the raw
HTML is a safe upper bound.  An item too long on its own is shortened by
cutting its text (then its title) cleanly before escaping, so no tag or
entity is ever broken.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from digests.clock import NEWS_ZONE
from digests.dedup import is_media
from digests.digest import Digest, DigestItem
from digests.hanzi import to_script
from digests.itemtext import clip_text, key_text
from digests.records import Article
from digests.sentences import split_text

# Telegram's message limit is owned here, not in bot/: where a digest splits (at item boundaries,
# an over-long item cut cleanly) is part of composing it, the CLI and chat console show the same
# chunks, and the core must not import telegram to learn a constant.
TELEGRAM_LIMIT = 4096
_SEPARATOR = "\n\n"


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: 😀 is 2)."""
    return len(text.encode("utf-16-le")) // 2


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _safe_url(url: str | None) -> str | None:
    # Telegram rejects the whole message on a link it can't use; keep only web links.
    if url and url.strip().lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url.strip()):
        return url.strip()
    return None


def in_script(html: str, code: str, limit: int = TELEGRAM_LIMIT) -> str:
    """``html`` in a reader's script (digests.hanzi.to_script). A message that the conversion would
    take past Telegram's limit (a longer Taiwan phrase, 隨身碟 for U盘) is sent as rendered."""
    shown = to_script(html, code)
    return shown if len(shown) == len(html) or utf16_len(shown) <= limit else html


def date_label(day: date, *, with_year: bool = False) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"


def time_label(moment: datetime, tz: ZoneInfo, ref_date: date | None = None) -> str:
    """ "10:47" in ``tz``; with the date in front when it isn't ``ref_date`` (or no ref_date)."""
    local = moment.astimezone(tz)
    hhmm = local.strftime("%H:%M")
    if ref_date is not None and local.date() == ref_date:
        return hhmm
    with_year = ref_date is not None and local.year != ref_date.year
    return f"{date_label(local.date(), with_year=with_year)} {hhmm}"


# Reports on the item's topic beyond its own before a reader is told of them: one or two more are as
# likely another event of the topic as this one's (a governor's other remarks that day).
RELATED_SHOWN = 3


def coverage_label(item: DigestItem, named: Sequence[str] = ()) -> str | None:
    """What the story's reports tell a reader, counted honestly: "3家媒体报道" only for three
    distinct media (a body speaking for itself named beside them, 4家媒体及中央气象台报道, unless the
    credits shown before the label, ``named``, name it already), counted over the topic when its
    reports are told too; later readings of a running figure "滚动更新2次"; the day's other reports on
    the same topic, when there are ``RELATED_SHOWN`` or more, "相关报道12篇"; beside one medium, reports
    that name none "3篇报道".
    One outlet's copies are not counted: the item names that one source, and a count of them would
    only look like coverage (newsbot stories lists them)."""
    parts = []
    # A body speaking for itself (中央气象台, 平安江汉) is named beside the media, not counted as one.
    bodies = [name for name in item.outlets if not is_media(name) and name not in named]
    related = item.topic_count - item.article_count >= RELATED_SHOWN
    # beside the topic's reports, the media that reported the topic: the count a reader checks them by
    media = max(item.outlet_count, item.topic_media if related else 0)
    if media >= 2:
        parts.append(f"{media}家媒体" + (f"及{'、'.join(bodies)}" if bodies else "") + "报道")
    elif item.article_count >= 2 and item.unsourced and not item.update_count:
        # one medium named and reports that name none and come from no known site (中新社 and two
        # uncredited reports of the PMI): the reports are counted, not guessed to be media
        parts.append(f"{item.article_count}篇报道")
    if item.update_count:
        parts.append(f"滚动更新{item.update_count}次")
    if related:
        parts.append(f"相关报道{item.topic_count}篇")
    return " · ".join(parts) or None


@dataclass(frozen=True)
class _Entry:
    """What an item shows, before markup: the fields the fitter may shorten."""

    title: str
    url: str | None
    text: str
    meta: str
    number: int | None = None
    also: str = ""  # "相关：…", the first thing dropped when the item is too long


def _entry_html(e: _Entry) -> str:
    title = esc(e.title)
    if e.url:
        title = f'<a href="{html.escape(e.url, quote=True)}">{title}</a>'
    lines = []
    if e.title:
        lines.append(f"{e.number}. <b>{title}</b>" if e.number is not None else f"<b>{title}</b>")
    if e.text:
        lines.append(esc(e.text))
    if e.also:
        lines.append(esc(e.also))
    if e.meta:
        lines.append(f"<i>{esc(e.meta)}</i>")
    return "\n".join(lines)


def _entry_text(e: _Entry) -> str:
    lines = []
    if e.title:
        lines.append(f"{e.number}. {e.title}" if e.number is not None else e.title)
    indent = "   " if e.number is not None else ""
    if e.text:
        lines.append(indent + e.text)
    if e.also:
        lines.append(indent + e.also)
    if e.meta:
        lines.append(indent + e.meta)
    if e.url:
        lines.append(indent + e.url)
    return "\n".join(lines)


def _shortener(text: str) -> Callable[[int], str]:
    """``n`` → ``text`` cut cleanly to at most ``n`` characters.

    The text is split into sentences once, on first need, not at every probe of the binary search:
    re-splitting a 10,000-character title at each probe took seconds.
    """
    sentences: list[str] = []

    def shorten(n: int) -> str:
        if len(text) <= n:
            return text
        if n <= 0:
            return ""
        if not sentences:
            sentences.extend(split_text(text) or [text])
        return clip_text(sentences, n)

    return shorten


def _fit(entry: _Entry, render: Callable[[_Entry], str], limit: int) -> str:
    """Render ``entry`` within ``limit`` UTF-16 units.

    Drops the subject's other headlines, then shortens, in order: the text, the title, then drops
    the link (a huge URL) and shortens the title again, then the meta line.  Cuts happen on plain text before
    escaping, so markup always stays whole.
    """

    def fits(e: _Entry) -> bool:
        return utf16_len(render(e)) <= limit

    full_title = entry.title

    steps: list[Callable[[_Entry], _Entry]] = [
        lambda e: replace(e, also=""),
        lambda e: _shrink(e, "text", fits),
        lambda e: _shrink(e, "title", fits),
        lambda e: _shrink(replace(e, url=None, title=full_title), "title", fits),
        lambda e: _shrink(e, "meta", fits),
    ]
    for step in [lambda e: e, *steps]:
        candidate = step(entry)
        # A title cut to nothing also hides its link: only accept that once links are gone.
        if fits(candidate) and (candidate.title or not full_title or candidate.url is None):
            return render(candidate)
        entry = candidate
    return "…"  # nothing of the item fits at all (absurdly small limit)


def _shrink(entry: _Entry, field: str, fits: Callable[[_Entry], bool]) -> _Entry:
    """``entry`` with ``field`` cut to the longest clean prefix that fits (empty if none does)."""
    value: str = getattr(entry, field)
    shorten = _shortener(value)
    # Probes above the limit fail and halve, so the rendering cost stays linear in len(value).
    lo, hi = 0, len(value)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(replace(entry, **{field: shorten(mid)})):  # type: ignore[arg-type]
            lo = mid
        else:
            hi = mid - 1
    return replace(entry, **{field: shorten(lo)})  # type: ignore[arg-type]


def pack(blocks: Sequence[str], limit: int = TELEGRAM_LIMIT, separator: str = _SEPARATOR) -> list[str]:
    """Join blocks into as few messages as fit ``limit`` UTF-16 units, never splitting a block.

    Every block must already fit on its own.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        joined = f"{current}{separator}{block}" if current else block
        if utf16_len(joined) <= limit:
            current = joined
        else:
            if current:
                messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


# --- digests -------------------------------------------------------------------------


def window_label(digest: Digest, *, with_year: bool = True) -> str:
    """What the digest covers: a calendar day ("2021年12月8日") or its window ("12月8日 08:00至12月9日 08:00").

    A date alone always means that calendar day in the digest's zone, in chat and CLI alike.
    """
    if digest.is_calendar_day:
        return date_label(digest.digest_date, with_year=with_year)
    start, end = digest.since.astimezone(digest.tz), digest.until.astimezone(digest.tz)
    first = f"{date_label(start.date(), with_year=with_year)} {start:%H:%M}"
    last = f"{end:%H:%M}" if end.date() == start.date() else f"{date_label(end.date())} {end:%H:%M}"
    return f"{first}至{last}"


def digest_header(digest: Digest) -> str:
    return f"📰 {digest.category_name} · {window_label(digest)}"


def digest_footer(digest: Digest) -> str:
    return f"共 {digest.total_articles} 篇，精选 {len(digest.items)} 条" + hidden_note(digest)


def hidden_note(digest: Digest) -> str:
    return f"（已按屏蔽词隐藏 {digest.hidden} 篇）" if digest.hidden else ""


def empty_line(digest: Digest) -> str:
    return f"📭 {digest.category_name} · {window_label(digest, with_year=False)}：暂无新消息{hidden_note(digest)}。"


def credit_line(item: DigestItem) -> tuple[str | None, str | None]:
    """An item's credits as a reader sees them: its first three sources, media before bodies (等 when
    there are more), and the coverage label counted beside them."""
    names = item.outlets or ((item.outlet,) if item.outlet else ())
    # the media first: a body speaking for itself (中央气象台, 平安江汉) is named in the count beside them
    names = tuple(sorted(names, key=lambda name: not is_media(name)))
    shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "") if names else None
    return shown, coverage_label(item, names[:3])


def _digest_entry(item: DigestItem, number: int, tz: ZoneInfo, ref_date: date) -> _Entry:
    names, coverage = credit_line(item)
    meta = [names] if names else []
    # a text compiled from several reports is as of its newest, not that report's (截至22:35)
    meta.append(("截至" if item.compiled else "") + time_label(item.published, tz, ref_date))
    if coverage:
        meta.append(coverage)
    also = "相关：" + "；".join(item.also) if item.also else ""
    return _Entry(item.title, _safe_url(item.url), item.text, " · ".join(meta), number, also)


def _render_digest(
    digest: Digest,
    render: Callable[[_Entry], str],
    header: str,
    footer: str,
    empty: str,
    send_empty: bool,
    limit: int,
) -> list[str]:
    if digest.is_empty:
        return [empty] if send_empty else []
    blocks = [header]
    for number, item in enumerate(digest.items, start=1):
        blocks.append(_fit(_digest_entry(item, number, digest.tz, digest.digest_date), render, limit))
    blocks.append(footer)
    return pack(blocks, limit)


def render_digest_html(digest: Digest, *, send_empty: bool = False, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Telegram HTML messages (each ≤ ``limit`` UTF-16 units); [] for an empty digest unless send_empty.

    A quiet category sends nothing by default.
    """
    return _render_digest(
        digest,
        _entry_html,
        f"<b>{esc(_clip_line(digest_header(digest), limit - 7))}</b>",
        f"<i>{esc(digest_footer(digest))}</i>",
        esc(_clip_line(empty_line(digest), limit)),
        send_empty,
        limit,
    )


def render_digest_text(digest: Digest, *, send_empty: bool = False, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The same digest as plain text (terminals, plain pushes); URLs on their own line."""
    return _render_digest(
        digest,
        _entry_text,
        _clip_line(digest_header(digest), limit),
        digest_footer(digest),
        _clip_line(empty_line(digest), limit),
        send_empty,
        limit,
    )


def _clip_line(line: str, limit: int) -> str:
    # Only a pathological category name could get here; escaping may grow it up to 5×.
    while utf16_len(esc(line)) > limit and line:
        line = line[: max(0, len(line) - max(1, len(line) // 10))]
    return line


# --- breaking pushes and /latest lists ---------------------------------------------------


def _article_entry(article: Article, tz: ZoneInfo, max_chars: int, now: datetime | None, number: int | None) -> _Entry:
    meta = [article.outlet] if article.outlet else []
    meta.append(time_label(article.published, tz, now.astimezone(tz).date() if now else None))
    return _Entry(article.title.strip(), _safe_url(article.url), key_text(article, max_chars), " · ".join(meta), number)


def render_breaking_html(
    item: Article | str,
    *,
    tz: ZoneInfo = NEWS_ZONE,
    max_chars: int = 120,
    now: datetime | None = None,
    label: str = "🔴 <b>突发</b>",
    limit: int = TELEGRAM_LIMIT,
) -> str:
    """One breaking push: "🔴 突发", bold linked title, key sentences, outlet · time.

    A plain string is escaped and sent under the same label.  ``now`` (aware)
    drops the date from the time when the article is from that local day.
    ``label`` is HTML, not escaped.
    """
    budget = limit - utf16_len(label) - 1
    if isinstance(item, str):
        entry = _Entry("", None, item.strip(), "")
    else:
        entry = _article_entry(item, tz, max_chars, now, None)
    return f"{label}\n{_fit(entry, _entry_html, budget)}"


def render_articles_html(
    articles: Sequence[Article],
    tz: ZoneInfo = NEWS_ZONE,
    *,
    header: str | None = None,
    max_chars: int = 120,
    now: datetime | None = None,
    start: int = 1,
    limit: int = TELEGRAM_LIMIT,
) -> list[str]:
    """A numbered list (for /latest, /search): bold linked title, key sentences, outlet · time.

    ``header`` is plain text (escaped, shown bold); [] when there are no articles.
    """
    if not articles:
        return []
    blocks = [f"<b>{esc(_clip_line(header, limit - 7))}</b>"] if header else []
    for number, article in enumerate(articles, start=start):
        blocks.append(_fit(_article_entry(article, tz, max_chars, now, number), _entry_html, limit))
    return pack(blocks, limit)
