"""Keyword alerts: after an ingest run, one message per chat whose watches match new articles.

:meth:`Alerter.run` reads the articles stored since the alert cursor (so articles ingested by
any process — the periodic rescan, ``/ingest``, ``newsbot ingest``, the start-up scan — are
seen once), matches every watch of every active chat in one pass (:class:`digests.watching.Matcher`),
drops articles a chat muted or was already alerted to, and queues each chat's alert in the
outbox (kind ``alert``). A chat's alert and its alert log entries commit together, and the cursor
moves only after every chat is done, so a crash or restart neither loses nor repeats an alert.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.stores.chats import ChatStore
from bot.stores.outbox import Outbox
from bot.stores.watchlist import Watch, Watchlist
from digests.alert_compose import compose_alert
from digests.alert_render import render_alert_html
from digests.config import Config
from digests.itemtext import key_text
from digests.records import Article
from digests.store import Store
from digests.watching import Matcher, article_text

log = logging.getLogger(__name__)

# An article's ingestion time is stamped just before its batch commits; another ingest running at the
# same time may commit older stamps after we read newer ones. Re-reading this much is cheap (the
# alert log drops what was already sent) and closes that gap.
_CURSOR_LAG = timedelta(minutes=5)
_CHATS_PER_COMMIT = 200  # ~0.5 s of work: replies wait at most that long during a huge run


@dataclass
class AlertReport:
    articles: int = 0  # new articles read
    chats: int = 0  # alerts queued
    listed: int = 0  # articles in those alerts (folded ones included)


class Alerter:
    def __init__(
        self,
        config: Config,
        store: Store,
        chats: ChatStore,
        watchlist: Watchlist,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self.config = config
        self.store = store
        self.chats = chats
        self.watchlist = watchlist
        self.outbox = outbox
        self.clock = clock

    async def run(self) -> AlertReport:
        """Queue the alerts for everything ingested since the last run; the caller wakes the sender.

        On the event loop: the matching (the CPU part: seconds for 100,000 watches) runs in a worker
        thread and the bot answers between batches of chats. The bot itself calls :meth:`collect`
        in its database thread instead (bot.delivery.worker)."""
        work = self._new_work()
        if work is None:
            return AlertReport()
        found, texts = await asyncio.to_thread(match_watches, work[0], work[1])
        report = AlertReport(articles=len(work[1]))
        for _ in self._queue_all(work[0], work[1], found, texts, report):
            await asyncio.sleep(0)  # let the bot answer between batches of chats
        return report

    def collect(self) -> AlertReport:
        """:meth:`run` in the calling thread, start to end (the scheduler's database thread)."""
        work = self._new_work()
        if work is None:
            return AlertReport()
        found, texts = match_watches(work[0], work[1])
        report = AlertReport(articles=len(work[1]))
        for _ in self._queue_all(work[0], work[1], found, texts, report):
            pass
        return report

    def _new_work(self) -> tuple[list[Watch], list[tuple[str, Article]]] | None:
        cursor = self.watchlist.cursor()
        if cursor is None:
            return None  # nobody ever watched anything
        new = list(self.store.ingested_since(cursor))
        if not new:
            return None
        return self.watchlist.active_watches(), new

    def _queue_all(
        self,
        watches: list[Watch],
        new: list[tuple[str, Article]],
        found: dict[int, dict[str, list[Article]]],
        texts: Mapping[str, str],
        report: AlertReport,
    ) -> Iterator[None]:
        """Queue the chats' alerts in short transactions, yielding after each one."""
        sentences: dict[str, str] = {}  # article id → its key sentence, rendered once for all chats
        order: dict[int, list[str]] = {}
        for w in watches:
            order.setdefault(w.chat_id, []).append(w.words)
        mutes = self.watchlist.mutes_by_chat(found)
        alerted = list(found.items())
        for start in range(0, len(alerted), _CHATS_PER_COMMIT):
            with self.outbox.transaction():
                for chat_id, matches in alerted[start : start + _CHATS_PER_COMMIT]:
                    listed = self._queue(chat_id, matches, order[chat_id], mutes.get(chat_id, ()), texts, sentences)
                    if listed:
                        report.chats += 1
                        report.listed += listed
            yield
        # Last: a crash before this line only means re-reading these articles (the log drops repeats).
        self.watchlist.set_cursor(_next_cursor(max(at for at, _ in new), self.store.clock()))
        if report.chats:
            log.info("alerts: %d new article(s), %d chat(s) alerted", report.articles, report.chats)

    def _queue(
        self,
        chat_id: int,
        matches: dict[str, list[Article]],
        order: Sequence[str],
        mutes: Sequence[str],
        texts: Mapping[str, str],
        sentences: dict[str, str],
    ) -> int:
        ids = sorted({a.id for articles in matches.values() for a in articles})
        drop = self.watchlist.alerted(chat_id, ids)
        if mutes:
            muted = Matcher((m, m) for m in mutes)
            drop |= {i for i in ids if i not in drop and muted.matches(texts[i])}
        fresh = {words: [a for a in articles if a.id not in drop] for words, articles in matches.items()}
        sections = compose_alert(fresh, order, fold_after=self.config.watches.fold_after)
        new_ids = sorted({a.id for articles in fresh.values() for a in articles})
        if not sections:
            return 0
        max_chars = self.config.digest.max_chars
        for section in sections:
            for item in section.items:
                if item.article.id not in sentences:
                    sentences[item.article.id] = key_text(item.article, max_chars, sentences=1)
        tz = self.chats.schedule(chat_id).tz
        messages = render_alert_html(sections, tz, max_chars=max_chars, now=self.clock(), key_sentences=sentences)
        # The key names the article set: the same run queued twice is one message.
        ref = "watch:" + hashlib.sha1("\n".join(new_ids).encode()).hexdigest()[:20]
        self.outbox.enqueue_messages(chat_id, "alert", ref, messages)
        self.watchlist.log_alerted(chat_id, new_ids)
        return len(new_ids)


def match_watches(
    watches: Sequence[Watch], articles: Sequence[tuple[str, Article]]
) -> tuple[dict[int, dict[str, list[Article]]], dict[str, str]]:
    """(chat → watch words → the articles it matched, article id → canonical text for the mute words):
    one automaton, one scan per article. ``articles`` are (ingested_at, article): a watch matches only
    articles stored after it was made (the cursor re-reads older ones, and may lag far behind it)."""
    matcher = Matcher(((w.chat_id, w.words), w.words) for w in watches)
    since = {(w.chat_id, w.words): w.since for w in watches}
    found: dict[int, dict[str, list[Article]]] = {}
    texts: dict[str, str] = {}
    for ingested_at, article in articles:
        text = texts[article.id] = article_text(article)
        for chat_id, words in matcher.matches(text):
            if ingested_at >= since[(chat_id, words)]:
                found.setdefault(chat_id, {}).setdefault(words, []).append(article)
    return found, texts


def _next_cursor(newest_seen: str, now: datetime) -> str:
    """Where the next run starts reading: the newest stamp seen, but never later than now (the store's
    clock, which stamped them) minus the lag."""
    floor = (now - _CURSOR_LAG).isoformat(timespec="seconds")
    return min(newest_seen, floor)
