"""Render a keyword alert (digests.alert_compose) as one Telegram HTML message.

The entry layout, fitting and packing are the digest renderer's (digests.render); what is
alert-specific is the budget: one ingest run to one chat is one message, whatever the number of
watches and articles (issue 17: 20 overlapping watches made "one alert" of 9 messages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from digests.alert_compose import AlertItem, AlertSection
from digests.clock import NEWS_ZONE
from digests.itemtext import key_text
from digests.render import (
    _SEPARATOR,
    TELEGRAM_LIMIT,
    _clip_line,
    _Entry,
    _entry_html,
    _fit,
    _safe_url,
    esc,
    pack,
    time_label,
    utf16_len,
)


def alert_header(count: int) -> str:
    return f"🔔 关注的关键词有 {count} 篇新文章"


def alert_folded(section: AlertSection) -> str:
    return f"……另有 {section.folded} 篇 — /latest {section.words}"


def alert_others(count: int, watches: int) -> str:
    return f"……另有 {count} 篇匹配其他 {watches} 个关键词 — /watch 查看"


def alert_matched(words: Sequence[str]) -> str:
    """ "匹配：京津冀、雄安": every watch that matched, the first three of many ("…等20个关键词")."""
    if len(words) <= 3:
        return "匹配：" + "、".join(words)
    return "匹配：" + "、".join(words[:3]) + f"等{len(words)}个关键词"


def render_alert_html(
    sections: Sequence[AlertSection],
    tz: ZoneInfo = NEWS_ZONE,
    *,
    max_chars: int = 120,
    now: datetime | None = None,
    limit: int = TELEGRAM_LIMIT,
    key_sentences: Mapping[str, str] | None = None,
) -> list[str]:
    """One alert, one message of at most ``limit`` units: per watch its new articles — linked
    title, one key sentence, "匹配：words · outlet · time" — and "N more — /latest words" for the rest.

    Each watch first gets its newest article unless a listed one matched it already, then the
    watches list on in order while they fit; what does not fit is folded under the first watch that
    matched it. The header counts distinct articles, listed and folded.
    ``key_sentences`` (article id → sentence) spares recomputing them when many chats get the same articles.
    """
    count = sum(len(s.items) + s.folded for s in sections)
    if not count:
        return []
    header = f"<b>{esc(alert_header(count))}</b>"
    ref_date = now.astimezone(tz).date() if now else None
    headings = [f"<b>「{esc(_clip_line(s.words, 200))}」</b>" for s in sections]

    def fold_line(text: str) -> str:
        return f"<i>{esc(_clip_line(text, limit - 7))}</i>"

    # Reserve each watch's heading and fold line (at the largest count) before any article; watches
    # past what even that allows share one "N more of M other watches" line.
    sep = utf16_len(_SEPARATOR)
    others_cost = sep + utf16_len(fold_line(alert_others(count, len(sections))))
    used = utf16_len(header)
    costs = [
        2 * sep + utf16_len(h) + utf16_len(fold_line(alert_folded(replace(s, folded=count))))
        for h, s in zip(headings, sections, strict=True)
    ]
    visible = len(sections)
    if used + sum(costs) > limit:
        visible = 0
        while visible < len(sections) and used + costs[visible] + others_cost <= limit:
            used += costs[visible]
            visible += 1
        used += others_cost
    else:
        used += sum(costs)

    def entry(item: AlertItem, number: int) -> _Entry:
        article = item.article
        meta = [alert_matched(item.words), *([article.outlet] if article.outlet else [])]
        meta.append(time_label(article.published, tz, ref_date))
        known = key_sentences.get(article.id) if key_sentences is not None else None
        text = known if known is not None else key_text(article, max_chars, sentences=1)
        return _Entry(article.title.strip(), _safe_url(article.url), text, " · ".join(meta), number)

    # First every watch that no listed article matched yet gets its newest one, then the watches in
    # order list on while they fit: overlapping watches list the newest articles once, under the
    # first watch, and a flood on one watch does not crowd out another's only article.
    room = limit - used - sep
    widest = len(str(sum(len(s.items) for s in sections)))
    sizes: dict[tuple[int, int], int] = {}  # (section, item) → its units, numbered at the widest
    taken: list[list[AlertItem]] = [[] for _ in sections]
    closed: set[int] = set() if room >= 100 else set(range(visible))
    covered: set[str] = set()

    def take(k: int) -> None:
        nonlocal used
        rank = len(taken[k])
        if k in closed or rank >= len(sections[k].items):
            return
        item = sections[k].items[rank]
        size = utf16_len(_fit(entry(item, 10 ** (widest - 1)), _entry_html, room))
        if used + sep + size > limit:
            closed.add(k)  # what a watch lists is always its newest
            return
        used += sep + size
        sizes[(k, rank)] = size
        taken[k].append(item)
        covered.update(item.words)

    for k in range(visible):
        if sections[k].words not in covered:
            take(k)
    for k in range(visible):
        while k not in closed and len(taken[k]) < len(sections[k].items):
            take(k)
    folded = {s.words: s.folded for s in sections[:visible]}
    others = sum(s.folded for s in sections[visible:])
    for k, section in enumerate(sections):  # what is not listed, visible watch or not
        for item in section.items[len(taken[k]) :]:
            if item.words[0] in folded:
                folded[item.words[0]] += 1
            else:
                others += 1

    blocks = [header]
    number = 1
    for k in range(visible):
        words = sections[k].words
        if not taken[k] and not folded[words]:
            continue
        blocks.append(headings[k])
        for rank, item in enumerate(taken[k]):
            blocks.append(_fit(entry(item, number), _entry_html, sizes[(k, rank)]))
            number += 1
        if folded[words]:
            blocks.append(fold_line(alert_folded(replace(sections[k], folded=folded[words]))))
    if others:
        blocks.append(fold_line(alert_others(others, len(sections) - visible)))
    return pack(blocks, limit)
