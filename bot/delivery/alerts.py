"""Keyword alerts: after an ingest run, one message per chat whose watches match new articles.

:meth:`Alerter.run` reads the articles stored since the alert cursor (so articles ingested by
any process — the periodic rescan, ``/ingest``, ``newsbot ingest``, the start-up scan — are
seen once), matches every watch of every active chat in one pass (:class:`digests.watching.Matcher`),
drops articles a chat muted or was already alerted to, and queues each chat's alert in the
outbox (kind ``alert``). The alert log, the outbox rows and the cursor move in one transaction,
so a crash or restart neither loses nor repeats an alert.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.chats import ChatStore
from bot.delivery.outbox import Outbox
from bot.watchlist import Watch, Watchlist
from digests.alerts import compose_alert
from digests.config import Config
from digests.records import Article
from digests.render import render_alert_html
from digests.store import Store
from digests.watching import Matcher, article_text

log = logging.getLogger(__name__)

# An article's ingestion time is stamped just before its batch commits; another ingest running at the
# same time may commit older stamps after we read newer ones. Re-reading this much is cheap (the
# alert log drops what was already sent) and closes that gap.
_CURSOR_LAG = timedelta(minutes=5)


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

        Reading and writing use the store's connection on this thread; the matching in between (the
        CPU part: seconds for 100,000 watches) runs in a worker thread so the bot keeps answering.
        """
        cursor = self.watchlist.cursor()
        if cursor is None:
            return AlertReport()  # nobody ever watched anything
        new = list(self.store.ingested_since(cursor))
        if not new:
            return AlertReport()
        watches = self.watchlist.active_watches()
        found = await asyncio.to_thread(match_watches, watches, [article for _, article in new])
        report = AlertReport(articles=len(new))
        order: dict[int, list[str]] = {}
        for w in watches:
            order.setdefault(w.chat_id, []).append(w.words)
        mutes = self.watchlist.mutes_by_chat(found)
        with self.outbox.transaction():
            for chat_id, matches in found.items():
                listed = self._queue(chat_id, matches, order[chat_id], mutes.get(chat_id, ()))
                if listed:
                    report.chats += 1
                    report.listed += listed
            self.watchlist.set_cursor(_next_cursor(max(at for at, _ in new)))
        if report.chats:
            log.info("alerts: %d new article(s), %d chat(s) alerted", report.articles, report.chats)
        return report

    def _queue(
        self, chat_id: int, matches: dict[str, list[Article]], order: Sequence[str], mutes: Sequence[str]
    ) -> int:
        ids = sorted({a.id for articles in matches.values() for a in articles})
        seen = self.watchlist.alerted(chat_id, ids)
        muted = Matcher((m, m) for m in mutes)
        fresh = {
            words: [a for a in articles if a.id not in seen and not muted.matches_article(a)]
            for words, articles in matches.items()
        }
        sections = compose_alert(fresh, order, fold_after=self.config.watches.fold_after)
        new_ids = sorted({a.id for articles in fresh.values() for a in articles})
        if not sections:
            return 0
        tz = self.chats.schedule(chat_id).tz
        messages = render_alert_html(sections, tz, max_chars=self.config.digest.max_chars, now=self.clock())
        # The key names the article set: the same run queued twice is one message.
        ref = "watch:" + hashlib.sha1("\n".join(new_ids).encode()).hexdigest()[:20]
        self.outbox.enqueue_messages(chat_id, "alert", ref, messages)
        self.watchlist.log_alerted(chat_id, new_ids)
        return len(new_ids)


def match_watches(watches: Sequence[Watch], articles: Sequence[Article]) -> dict[int, dict[str, list[Article]]]:
    """chat → watch words → the articles it matched: one automaton, one scan per article."""
    matcher = Matcher(((w.chat_id, w.words), w.words) for w in watches)
    found: dict[int, dict[str, list[Article]]] = {}
    for article in articles:
        for chat_id, words in matcher.matches(article_text(article)):
            found.setdefault(chat_id, {}).setdefault(words, []).append(article)
    return found


def _next_cursor(newest_seen: str) -> str:
    """Where the next run starts reading: the newest stamp seen, but never later than now minus the lag."""
    floor = (datetime.now(UTC) - _CURSOR_LAG).isoformat(timespec="seconds")
    return min(newest_seen, floor)
