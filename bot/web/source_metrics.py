"""Feed sources in /metrics and /healthz: outcomes counted since start, each source's state read
from its row at scrape time (digests.feeds.state).

Per-source series are labelled by the source's name (never its URL) and capped at
``MAX_LABELLED`` sources, most recently failing and stalest first; the rest are summed under
``source="other"`` so a thousand feeds cannot blow up the series count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from bot.delivery.service import Delivery
from bot.state import Services
from digests.feeds.state import SourceRow, SourceTable

MAX_LABELLED = 50


def source_metrics(services: Services, delivery: Delivery | None) -> Iterator[Metric]:
    fetches = CounterMetricFamily(
        "newsbot_source_fetch",
        "Source polls since start by outcome (ok, not_modified or the failure)",
        labels=["outcome"],
    )
    for outcome, n in sorted((delivery.sources.outcomes if delivery is not None else {}).items()):
        fetches.add_metric([outcome], n)
    yield fetches
    rows = SourceTable(services.store.db.conn).all()
    now = services.store.clock()
    items = GaugeMetricFamily("newsbot_source_items", "Entries in the source's last feed read", labels=["source"])
    age = GaugeMetricFamily(
        "newsbot_source_last_success_age_seconds", "Seconds since the source was last read", labels=["source"]
    )
    failing = GaugeMetricFamily("newsbot_source_failures", "Failures in a row", labels=["source"])
    ranked = sorted(rows, key=lambda r: (-r.failures, r.last_success or ""))
    labelled, rest = ranked[:MAX_LABELLED], ranked[MAX_LABELLED:]
    for row in labelled:
        items.add_metric([row.label], row.items)
        failing.add_metric([row.label], row.failures)
        if row.last_success:
            age.add_metric([row.label], _age(row, now))
    if rest:
        items.add_metric(["other"], sum(r.items for r in rest))
        failing.add_metric(["other"], sum(r.failures for r in rest))
        ages = [_age(r, now) for r in rest if r.last_success]
        if ages:
            age.add_metric(["other"], max(ages))
    yield from (items, age, failing)
    yield GaugeMetricFamily("newsbot_sources", "Feed sources configured or added in chat", value=len(rows))


def source_health(services: Services) -> dict[str, Any]:
    """/healthz detail: how many sources, how many failing now, the stalest last success."""
    rows = SourceTable(services.store.db.conn).all()
    now = services.store.clock()
    ages = [_age(r, now) for r in rows if r.last_success]
    return {
        "count": len(rows),
        "failing": sum(1 for r in rows if r.failures),
        "never_read": sum(1 for r in rows if not r.last_success),
        "oldest_success_age_seconds": round(max(ages), 1) if ages else None,
    }


def _age(row: SourceRow, now: datetime) -> float:
    assert row.last_success is not None
    return max(0.0, (now - datetime.fromisoformat(row.last_success)).total_seconds())
