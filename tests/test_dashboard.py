"""The admin dashboard in a real headless browser: sign in through the /dashboard link, the figures
match the database, article text is escaped, the preview is the digest as sent, bad links refused.

Screenshots of every page land in tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import asyncio
import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.web import figures
from digests import ingest_log
from digests.ingest import ingest
from tests.helpers import ADMIN, CLOCK, SHANGHAI, USER, WebhookHarness, make_post

ARTIFACTS = Path(__file__).parent / "artifacts"
EVIL_TITLE = '<b>粗体</b> & <script>alert("x")</script> 京津冀'
EVIL_REASON = "front matter: <script>alert(1)</script> has no title"


def _chat(bot: WebhookHarness, chat_id: int, *slugs: str, chat_type: str = "private", active: bool = True) -> None:
    bot.tg.add_chat(chat_id, chat_type=chat_type)
    bot.chats.ensure(chat_id, chat_type)
    for slug in slugs:
        bot.chats.subscribe(chat_id, slug)
    if not active:
        bot.chats.deactivate(chat_id, "blocked by the user")


def _final_row(bot: WebhookHarness, n: int, state: str, at: datetime) -> None:
    stamp = at.astimezone(UTC).isoformat(timespec="seconds")
    bot.store.db.conn.executemany(
        """INSERT INTO outbox(chat_id, kind, ref, part, priority, html, state, created_at, updated_at, sent_at)
           VALUES (?, 'digest', ?, 0, 1, 'x', ?, ?, ?, ?)""",
        [(5000 + i, f"old/{stamp}/{state}", state, stamp, stamp, stamp if state == "sent" else None) for i in range(n)],
    )


def _seed(bot: WebhookHarness, tmp_path: Path) -> None:
    _chat(bot, USER, "emnews", "testcat")
    _chat(bot, 1002, "emnews")
    _chat(bot, 1003, "emnews", active=False)  # inactive: not counted
    _chat(bot, -100500, "beifangwang", chat_type="channel")
    # Final rows on days around the fixed clock (2021-12-08 16:00 Shanghai); the 14-day chart
    # covers 11-25 … 12-08, so the 11-20 rows must not show.
    _final_row(bot, 3, "sent", CLOCK - timedelta(hours=1))
    _final_row(bot, 1, "failed", CLOCK - timedelta(hours=2))
    _final_row(bot, 1, "blocked", CLOCK - timedelta(days=2))
    _final_row(bot, 5, "sent", CLOCK - timedelta(days=7))
    _final_row(bot, 7, "sent", CLOCK - timedelta(days=18))
    # A backlog that is not due yet (waiting for a retry), so the running sender leaves it.
    bot.services.outbox.enqueue_digest(1002, "emnews", "2021-12-09", ["一", "二"])
    due = (bot.clock() + timedelta(hours=1)).astimezone(UTC).isoformat()
    bot.store.db.conn.execute("UPDATE outbox SET due_at = ? WHERE state = 'pending'", [due])
    # An article whose title is HTML, and a rejected file whose reason is.
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "evil.md").write_text(
        make_post(
            title=EVIL_TITLE.replace('"', "'"), body="京津冀协同发展取得新进展。", date="2021-12-08 12:00:00 +0800"
        ),
        encoding="utf-8",
    )
    ingest(bot.store, [posts], tz=SHANGHAI, workers=1)
    now = bot.clock()
    ingest_log.record_run(
        bot.store.db.conn,
        started_at=now,
        finished_at=now,
        new=0,
        updated=0,
        unchanged=0,
        rejected=[("/posts/broken.md", EVIL_REASON)],
    )


async def _link(bot: WebhookHarness) -> str:
    [message] = await bot.ask(ADMIN, "/dashboard")
    match = re.search(r'href="([^"]+)"', message.text)
    assert match is not None, message.text
    return html.unescape(match.group(1))


async def _open(driver: Any, url: str, shot: str | None = None) -> str:
    await asyncio.to_thread(driver.get, url)
    if shot:
        ARTIFACTS.mkdir(exist_ok=True)
        await asyncio.to_thread(driver.save_screenshot, str(ARTIFACTS / shot))
    return str(driver.current_url)


def _css(driver: Any, selector: str) -> list[Any]:
    return list(driver.find_elements("css selector", selector))


async def test_admin_signs_in_by_link_and_the_dashboard_figures_match_the_database(
    webhook_bot: WebhookHarness, browser: Any, tmp_path: Path
) -> None:
    bot, driver = webhook_bot, browser
    _seed(bot, tmp_path)
    driver.delete_all_cookies()
    await _open(driver, bot.base + "/dashboard", "dashboard-refused-without-session.png")
    assert _css(driver, "#refused")

    link = await _link(bot)
    assert link.startswith(bot.base + "/dashboard/login?t=")  # built on webhook_url's origin
    landed = await _open(driver, link, "dashboard-overview.png")
    assert landed == bot.base + "/dashboard"

    shown = {
        row.get_attribute("data-slug"): int(row.find_element("css selector", "td.n").text)
        for row in _css(driver, "#subscribers tr[data-slug]")
    }
    assert shown == bot.chats.subscriber_counts() == {"emnews": 2, "testcat": 1, "beifangwang": 1}
    assert driver.find_element("id", "active-chats").text == "4"
    assert driver.find_element("id", "channels").text == "1"
    assert int(driver.find_element("id", "backlog").text) == bot.services.outbox.open_count() == 2

    days = {
        g.get_attribute("data-day"): (int(g.get_attribute("data-sent")), int(g.get_attribute("data-failed")))
        for g in _css(driver, "#deliveries-chart g.day")
    }
    assert len(days) == 14 and min(days) == "11-25" and max(days) == "12-08"
    expected = {
        d.day.strftime("%m-%d"): (d.sent, d.failed) for d in figures.deliveries_per_day(bot.services, CLOCK, SHANGHAI)
    }
    assert days == expected
    assert days["12-08"] == (3, 1) and days["12-06"] == (0, 1) and days["12-01"] == (5, 0)
    assert sum(s for s, _ in days.values()) == 8  # the 11-20 rows are outside the window

    rejects = driver.find_element("id", "rejects").text
    assert "/posts/broken.md" in rejects and "<script>alert(1)</script>" in rejects  # shown as text
    assert not _css(driver, "#rejects script")
    assert _css(driver, "#next-digests tr td")  # the default 08:00 slot of the subscribed chats


async def test_the_preview_is_the_digest_as_the_scheduler_sends_it_with_article_text_escaped(
    webhook_bot: WebhookHarness, browser: Any, tmp_path: Path
) -> None:
    bot, driver = webhook_bot, browser
    _seed(bot, tmp_path)
    driver.delete_all_cookies()
    await _open(driver, await _link(bot))
    await _open(driver, bot.base + "/dashboard/preview?category=testcat", "dashboard-preview.png")
    rendered = _css(driver, ".msg.rendered")
    assert rendered and EVIL_TITLE.replace('"', "'") in rendered[0].text  # the title's tags are text
    assert not _css(driver, "main script") and driver.execute_script("return document.scripts.length") == 0
    sources = [pre.get_attribute("textContent") for pre in _css(driver, "pre.src")]
    # What the scheduler queues for a default-schedule subscriber at that slot is exactly this.
    slot = datetime(2021, 12, 9, 8, 0, tzinfo=SHANGHAI)
    bot.app.bot_data.delivery.scheduler.check_due(slot)
    queued = [
        row[0]
        for row in bot.store.db.execute(
            "SELECT html FROM outbox WHERE chat_id = ? AND ref = 'testcat/2021-12-09' ORDER BY part", [USER]
        ).fetchall()
    ]
    assert sources == queued and len(queued) >= 1


async def test_expired_forged_and_used_links_are_refused_and_non_admins_get_none(
    webhook_bot: WebhookHarness, browser: Any
) -> None:
    bot, driver = webhook_bot, browser
    driver.delete_all_cookies()
    used = await _link(bot)
    await _open(driver, used)
    assert not _css(driver, "#refused")
    driver.delete_all_cookies()
    await _open(driver, used, "dashboard-link-used.png")
    assert _css(driver, "#refused")

    fresh = await _link(bot)
    forged = fresh[:-3] + ("AAA" if not fresh.endswith("AAA") else "BBB")
    await _open(driver, forged)
    assert _css(driver, "#refused")
    other_user = fresh.replace(f".{ADMIN}.", f".{USER}.")
    await _open(driver, other_user)
    assert _css(driver, "#refused")

    bot.clock.advance(minutes=10, seconds=1)  # the link ages on the bot's clock
    await _open(driver, fresh, "dashboard-link-expired.png")
    assert _css(driver, "#refused")
    await _open(driver, bot.base + "/dashboard")
    assert _css(driver, "#refused")  # none of them signed the browser in

    [refusal] = await bot.ask(USER, "/dashboard")
    assert "⛔" in refusal.plain_text and "href" not in refusal.text


async def test_dashboard_pages_forbid_scripts_caching_and_referrers(webhook_bot: WebhookHarness) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=webhook_bot.base) as http:
        signed_in = await http.get(await _link(webhook_bot), follow_redirects=True)
        refused = await http.get("/dashboard/login?t=forged")
    assert signed_in.status_code == 200 and str(signed_in.url) == webhook_bot.base + "/dashboard"
    assert refused.status_code == 403
    for response in (signed_in, refused):
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"


async def test_a_cookie_or_link_token_with_non_ascii_characters_is_403_not_a_traceback(
    webhook_bot: WebhookHarness, caplog: Any
) -> None:
    import httpx

    far = str(int(webhook_bot.clock().timestamp()) + 3600)
    tokens = [f"42.{far}.ünïcode", f"４２.{far}.sig", f"42.{far}²", "42.１２３.x"]
    async with httpx.AsyncClient(base_url=webhook_bot.base) as http:
        for token in tokens:
            cookie = f"newsbot_session={token}".encode()
            page = await http.get("/dashboard", headers={"Cookie": cookie})
            login = await http.get("/dashboard/login", params={"t": f"nonce.{token}"})
            assert (page.status_code, login.status_code) == (403, 403), token
    assert not any(r.exc_info for r in caplog.records)


def test_non_ascii_signatures_and_digits_are_simply_invalid() -> None:
    from bot.web.auth import Signer, SignInRefused, redeem_login, session_user

    signer = Signer.from_secret("s")
    assert session_user(signer, "42.9999999999.é", now=0) is None
    assert session_user(signer, "42.²", now=0) is None
    assert session_user(signer, "--42.9999999999.x", now=0) is None
    for token in ("n.42.9999999999.é", "n.42.²³.x", "n.٤٢.9999999999.x"):
        try:
            redeem_login(signer, None, token, now=0)  # type: ignore[arg-type]  # refused before any lookup
        except SignInRefused:
            continue
        raise AssertionError(token)
