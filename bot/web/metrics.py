"""/metrics: Prometheus text from the official client, one registry per web app (no global state).

Two sources:
* events, counted as they happen through observer hooks (no edits to the sender): final
  outbox outcomes by kind (``Outbox.on_final``), digest build time
  (``Scheduler.on_digest_built``), webhook requests;
* state, read at scrape time (:class:`_StateCollector`): outbox backlog, articles, active
  chats and subscriptions, ingest runs and rejects (persisted, so they survive restarts),
  and the sender's own counters (429 answers, retries).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.delivery.service import Delivery
from bot.state import Services
from bot.web.source_metrics import source_metrics
from digests import ingest_log
from digests.db import file_bytes

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self, services: Services, delivery: Delivery | None) -> None:
        self.registry = CollectorRegistry()
        self.messages = Counter(
            "newsbot_messages",
            "Outbox messages that reached a final state since start, by kind and outcome",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self.digest_build = Histogram(
            "newsbot_digest_build_seconds",
            "Time to compose and render one distinct digest",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.webhook_requests = Counter(
            "newsbot_webhook_requests",
            "Webhook requests by result (accepted, forbidden, malformed)",
            ["result"],
            registry=self.registry,
        )
        self.registry.register(_StateCollector(services, delivery))
        services.outbox.on_final.append(self._on_final)
        if delivery is not None:
            delivery.scheduler.on_digest_built = self.digest_build.observe

    def _on_final(self, kind: str, state: str, rows: int) -> None:
        self.messages.labels(kind, state).inc(rows)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _StateCollector(Collector):
    def __init__(self, services: Services, delivery: Delivery | None) -> None:
        self.services = services
        self.delivery = delivery

    def collect(self) -> Iterator[Metric]:
        conn = self.services.store.db.conn
        backlog = self.services.outbox.open_count()
        yield _gauge("newsbot_outbox_backlog", "Outbox rows not final yet (pending or sending)", backlog)
        yield _gauge("newsbot_articles_stored", "Articles in the store", self.services.store.count())
        active, channels = self.services.chats.active_counts()
        yield _gauge("newsbot_active_chats", "Chats the bot may write to", active)
        yield _gauge("newsbot_active_channels", "Channels among the active chats", channels)
        subscriptions = sum(self.services.chats.subscriber_counts().values())
        yield _gauge("newsbot_subscriptions", "Subscriptions of active chats", subscriptions)
        path = self.services.store.database_file()
        if path is not None:
            # Bounded by [retention]: watch it grow between prunes (bot.delivery.retention).
            yield _gauge("newsbot_database_bytes", "Size of the database file and its WAL, in bytes", file_bytes(path))
        totals = ingest_log.totals(conn)
        yield _counter("newsbot_ingest_runs", "Ingest runs recorded in the database", totals.runs)
        yield _counter("newsbot_ingest_rejected_files", "Files rejected, summed over ingest runs", totals.rejected)
        yield _gauge("newsbot_ingest_rejected_now", "Files rejected by their latest ingest", totals.rejected_now)
        last = ingest_log.last_run(conn)
        if last is not None:
            yield _gauge(
                "newsbot_last_ingest_timestamp_seconds", "When the last ingest finished", last.finished_at.timestamp()
            )
        yield from source_metrics(self.services, self.delivery)
        sender = self.delivery.sender if self.delivery is not None else None
        if sender is not None:
            stats = sender.stats
            yield _counter("newsbot_telegram_429", "429 answers from Telegram to outbox sends", stats.rate_limited)
            yield _counter(
                "newsbot_send_retries", "Outbox sends retried after a timeout or server error", stats.retries
            )


def _gauge(name: str, doc: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, value=value)


def _counter(name: str, doc: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, doc, value=value)
