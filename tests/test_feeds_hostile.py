"""Broken and hostile sources: each fails alone, clearly, within its limits, and backs off."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import pytest

from digests.config import FeedSource, SourcesConfig
from digests.feeds.addresses import is_private
from digests.feeds.fetch import Fetcher, FetchError, Limits
from digests.feeds.poll import fetch_all
from digests.feeds.state import SourceTable
from digests.feeds.timing import backoff, retry_after_seconds
from digests.store import Store
from tests.feed_server import FeedServer
from tests.helpers import CLOCK, SHANGHAI, MovingClock

NOW = datetime(2023, 8, 2, 12, 0, tzinfo=UTC)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10)).replace("&lol1;", "&lol;")
    + ']><rss version="2.0"><channel><title>&lol9;</title><item><title>x</title></item></channel></rss>'
)


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


def poll(store: Store, *feeds: FeedSource, **settings):
    config = SourcesConfig(**{"allow_private": True, "feeds": feeds, **settings})
    return asyncio.run(fetch_all(store, config, tz=SHANGHAI, clock=lambda: NOW))


def test_each_broken_source_fails_alone_with_a_clear_reason_and_the_good_one_is_stored(server):
    good = FeedSource(server.add_file("/good", "cls_telegraph.rss.xml"), "cls", "good")
    broken = {
        "500": server.add("/500", "oops", status=500),
        "404": server.url("/nothing-here"),
        "slow": server.add_file("/slow", "cls_telegraph.rss.xml", delay=3.0),
        "endless": server.add("/endless", endless=True),
        "invalid": server.add("/invalid", "<html><body><p>not a feed <b>at all</p>", content_type="text/html"),
        "laughs": server.add("/laughs", BILLION_LAUGHS, content_type="application/xml"),
    }
    store = Store(":memory:", clock=MovingClock(CLOCK))

    report = poll(
        store, good, *(FeedSource(url, "x", name) for name, url in broken.items()), timeout_seconds=1.0, max_feed_mb=1
    )

    assert report.new == 3
    reasons = {o.label: (o.kind, o.error) for o in report.failed}
    assert reasons["500"] == ("http", "HTTP 500 Internal Server Error")
    assert reasons["404"] == ("not_found", "HTTP 404 Not Found")
    assert reasons["slow"][0] == "timeout"
    assert "endless" not in reasons  # cut at the cap and read as far as it went: an empty feed
    assert {o.label: o.note for o in report.outcomes}["endless"] == "cut at 1 MB"
    assert reasons["invalid"][0] == "not_feed"
    assert reasons["laughs"] == ("not_feed", "the document declares XML entities (refused: entity expansion)")
    states = {r.name: r for r in SourceTable(store.db.conn).all()}
    assert states["500"].failures == 1 and states["500"].last_error == "HTTP 500 Internal Server Error"
    assert states["good"].failures == 0 and states["good"].last_success == NOW.isoformat()


def test_a_429_waits_for_its_retry_after_and_failures_back_off_exponentially(server):
    url = server.add("/busy", "slow down", status=429, headers={"Retry-After": "7200"})
    store = Store(":memory:", clock=MovingClock(CLOCK))
    poll(store, FeedSource(url, "x"))
    row = SourceTable(store.db.conn).get(url)
    assert row.error_kind == "http" and datetime.fromisoformat(row.next_due) >= NOW + timedelta(seconds=7200)
    rng = random.Random(1)
    delays = [(backoff(NOW, n, rng) - NOW).total_seconds() for n in (1, 2, 3, 4, 20)]
    assert 54 <= delays[0] <= 66 and 108 <= delays[1] <= 132 and 216 <= delays[2] <= 264
    assert delays[4] <= 6 * 3600 * 1.1  # capped
    assert retry_after_seconds("Wed, 02 Aug 2023 13:00:00 GMT", NOW) == 3600
    assert retry_after_seconds("soon", NOW) is None


def test_a_feed_of_more_entries_than_the_limit_is_cut_with_a_note(server):
    items = "".join(
        f"<item><title>快讯第{i}条</title><link>https://example.cn/{i}</link><description>第{i}条快讯内容。</description></item>"
        for i in range(30)
    )
    url = server.add("/many", f'<rss version="2.0"><channel><title>快讯</title>{items}</channel></rss>')
    store = Store(":memory:", clock=MovingClock(CLOCK))
    report = poll(store, FeedSource(url, "x"), max_entries=10)
    assert report.new == 10 and report.outcomes[0].note == "cut at 10 entries (20 left out)"
    assert SourceTable(store.db.conn).get(url).note == "cut at 10 entries (20 left out)"


def test_a_gzip_feed_is_read(server):
    url = server.add_file("/gz", "cls_telegraph.rss.xml", gzip=True)
    assert poll(Store(":memory:", clock=MovingClock(CLOCK)), FeedSource(url, "x")).new == 3


def test_private_addresses_are_refused_unless_allowed(server):
    url = server.add_file("/cls", "cls_telegraph.rss.xml")
    report = poll(Store(":memory:", clock=MovingClock(CLOCK)), FeedSource(url, "x"), allow_private=False)
    assert report.failed[0].kind == "refused"
    local = FeedSource(f"http://localhost:{server.port}/cls", "x")  # a name that resolves to loopback
    assert poll(Store(":memory:", clock=MovingClock(CLOCK)), local, allow_private=False).failed[0].kind == "refused"


@pytest.mark.parametrize(
    "ip, private",
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("not an ip", True),
        ("8.8.8.8", False),
        ("202.108.22.5", False),
        ("2400:3200::1", False),
    ],
)
def test_the_guard_refuses_every_non_public_address(ip, private):
    assert is_private(ip) is private


async def test_a_redirect_to_a_refused_address_is_refused_at_that_hop():
    # The feed's own host is allowed (127.0.0.2 plays a public server); it redirects to 127.0.0.1.
    with FeedServer("127.0.0.2") as public, FeedServer() as inner:
        target = inner.add_file("/secret", "cls_telegraph.rss.xml")
        start = public.add("/feed", redirect=target)
        async with Fetcher(Limits(timeout=5), blocked=lambda ip: ip != "127.0.0.2") as fetcher:
            with pytest.raises(FetchError) as refused:
                await fetcher.get(start)
        assert refused.value.kind == "refused" and "127.0.0.1" in str(refused.value)
        assert inner.hits["/secret"] == 0


async def test_redirects_are_followed_up_to_the_limit():
    with FeedServer() as srv:
        srv.add_file("/final", "cls_telegraph.rss.xml")
        for i in range(3):
            srv.add(f"/hop{i}", redirect=srv.url(f"/hop{i + 1}" if i < 2 else "/final"))
        async with Fetcher(Limits(max_redirects=3), blocked=lambda ip: False) as fetcher:
            assert (await fetcher.get(srv.url("/hop0"))).url == srv.url("/final")
        async with Fetcher(Limits(max_redirects=2), blocked=lambda ip: False) as fetcher:
            with pytest.raises(FetchError, match="more than 2 redirects"):
                await fetcher.get(srv.url("/hop0"))
