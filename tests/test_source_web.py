"""The web server's feed side: /feeds/<category>.xml as valid Atom, sources in /metrics and /healthz."""

from __future__ import annotations

import feedparser
import httpx
from lxml import etree
from prometheus_client.parser import text_string_to_metric_families

from digests.config_values import FeedSource
from digests.feeds.state import SourceTable, Success
from tests.helpers import ADMIN, CLOCK, WebhookHarness

ATOM = "{http://www.w3.org/2005/Atom}"


async def _get(bot: WebhookHarness, path: str) -> httpx.Response:
    async with httpx.AsyncClient() as http:
        return await http.get(bot.base + path)


async def test_a_category_digest_is_served_as_an_atom_feed_readers_accept(webhook_bot: WebhookHarness) -> None:
    response = await _get(webhook_bot, "/feeds/emnews.xml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    # RFC 4287: the feed and each entry have exactly one id, title and updated; an author (the feed's
    # covers its entries); a self link.
    for node in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert len(node.findall(f"{ATOM}{required}")) == 1, (node.tag, required)
    assert root.find(f"{ATOM}author/{ATOM}name").text == "newsbot"
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/emnews.xml")
    entries = root.findall(f"{ATOM}entry")
    assert entries and len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"
    assert "东财滚动新闻" in parsed.feed.title and "<ol>" in parsed.entries[0].content[0].value
    missing = await _get(webhook_bot, "/feeds/nosuch.xml")
    assert missing.status_code == 404


async def test_sources_show_in_metrics_healthz_and_stats(webhook_bot: WebhookHarness) -> None:
    table = SourceTable(webhook_bot.store.db.conn)
    now = webhook_bot.store.clock()  # what /healthz measures ages by
    table.sync_config([FeedSource("https://rsshub.app/cls/telegraph", "cls", "财联社电报")], CLOCK)
    table.record_success("https://rsshub.app/cls/telegraph", Success(None, None, 30, 30, None), now=now, next_due=now)
    table.sync_config(
        [FeedSource("https://rsshub.app/cls/telegraph", "cls", "财联社电报"), FeedSource("https://x.cn/rss", "x")],
        CLOCK,
    )
    table.record_failure(
        "https://x.cn/rss", kind="timeout", error="no complete answer within 20 s", now=CLOCK, next_due=CLOCK
    )
    webhook_bot.app.bot_data.delivery.sources.outcomes.update({"ok": 2, "timeout": 1})
    metrics = (await _get(webhook_bot, "/metrics")).text
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(metrics)
        for s in family.samples
    }
    assert samples[("newsbot_source_fetch_total", (("outcome", "timeout"),))] == 1
    assert samples[("newsbot_source_items", (("source", "财联社电报"),))] == 30
    assert samples[("newsbot_source_failures", (("source", "x.cn/rss"),))] == 1
    assert samples[("newsbot_sources", ())] == 2
    health = (await _get(webhook_bot, "/healthz")).json()
    ages = health["sources"].pop("oldest_success_age_seconds")
    assert health["sources"] == {"count": 2, "failing": 1, "never_read": 1} and 0 <= ages < 600
    [stats] = await webhook_bot.ask(ADMIN, "/stats")
    assert "源：2 个，1 个读取失败" in stats.plain_text
