"""/healthz and /metrics of a bot in webhook mode, read after a real breaking push went out."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers import ADMIN, CLOCK, USER, MovingClock, WebhookHarness

SUBSCRIBERS = (USER, 1002, 1003)
BLOCKED = 1003


def _subscribe(bot: WebhookHarness, chat_id: int, *slugs: str) -> None:
    bot.tg.add_chat(chat_id, chat_type="private")
    bot.chats.ensure(chat_id, "private")
    for slug in slugs:
        bot.chats.subscribe(chat_id, slug)


async def _broadcast(bot: WebhookHarness) -> None:
    """Admin pushes to emnews through the chat, confirms; one subscriber has blocked the bot."""
    for chat_id in SUBSCRIBERS:
        _subscribe(bot, chat_id, "emnews")
    _subscribe(bot, 1004, "beifangwang")
    bot.tg.block(BLOCKED)
    bot.expected_errors.append("blocked")
    [preview] = await bot.ask(ADMIN, "/push emnews 央行宣布降准")
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    await bot.press(ADMIN, preview.message_id, ok)
    for chat_id in SUBSCRIBERS:
        if chat_id != BLOCKED:
            await bot.tg.wait_for_messages(chat_id, 1)
    sender = bot.app.bot_data.delivery.sender
    await bot.tg.wait_until(lambda: sender.idle, what="outbox drained (report included)")


async def _get(bot: WebhookHarness, path: str) -> httpx.Response:
    async with httpx.AsyncClient() as http:
        return await http.get(bot.base + path)


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_metrics_after_a_broadcast_count_outcomes_by_kind_and_show_the_state(webhook_bot: WebhookHarness) -> None:
    await _broadcast(webhook_bot)
    response = await _get(webhook_bot, "/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    samples = _samples(response.text)
    assert samples[("newsbot_messages_total", (("kind", "breaking"), ("outcome", "sent")))] == 2
    assert samples[("newsbot_messages_total", (("kind", "breaking"), ("outcome", "blocked")))] == 1
    assert samples[("newsbot_messages_total", (("kind", "report"), ("outcome", "sent")))] == 1
    assert samples[("newsbot_outbox_backlog", ())] == 0
    assert samples[("newsbot_active_chats", ())] == 4  # 1003 blocked the bot: inactive now
    assert samples[("newsbot_subscriptions", ())] == 3  # of active chats
    assert samples[("newsbot_articles_stored", ())] == webhook_bot.store.count() == 29
    assert samples[("newsbot_ingest_runs_total", ())] == 1  # the fixture database's ingest
    assert samples[("newsbot_ingest_rejected_files_total", ())] == 0
    assert samples[("newsbot_telegram_429_total", ())] == 0
    accepted = samples[("newsbot_webhook_requests_total", (("result", "accepted"),))]
    assert accepted >= 2  # the /push and the button press came in through the webhook


async def test_healthz_after_a_broadcast_is_200_with_the_state(webhook_bot: WebhookHarness) -> None:
    await _broadcast(webhook_bot)
    response = await _get(webhook_bot, "/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and body["database"] is True
    assert body["outbox_backlog"] == 0 and body["sender"] == "idle"
    assert body["last_ingest_age_seconds"] is not None and body["last_ingest_age_seconds"] >= 0
    assert body["sender_detail"]["sent"] == 3  # two subscribers and the admin's report


async def test_healthz_is_503_when_the_database_file_is_unreachable(webhook_bot: WebhookHarness) -> None:
    path = webhook_bot.store.database_file()
    moved = path.with_suffix(".moved")
    path.rename(moved)
    try:
        response = await _get(webhook_bot, "/healthz")
    finally:
        moved.rename(path)
    assert response.status_code == 503
    assert response.json()["database"] is False and response.json()["ok"] is False
    assert (await _get(webhook_bot, "/healthz")).status_code == 200


async def test_healthz_is_503_when_the_sender_stopped_with_messages_due(webhook_bot: WebhookHarness) -> None:
    await webhook_bot.app.bot_data.delivery.stop()
    _subscribe(webhook_bot, USER, "emnews")
    webhook_bot.services.outbox.enqueue_breaking("item-x", "突发", [USER], admin_chat_id=None)
    response = await _get(webhook_bot, "/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["sender"] == "stalled" and body["outbox_backlog"] == 1 and body["database"] is True


async def test_metrics_registries_are_per_app(webhook_bot: WebhookHarness) -> None:
    # A second web app on the same bot counts from zero: no process-global registry.
    from bot.web.webapp import build_web_app

    other = build_web_app(webhook_bot.app)
    assert other.metrics.registry is not webhook_bot.web.metrics.registry
    assert "newsbot_webhook_requests_total{" not in other.metrics.render().decode()


def test_healthz_reads_a_database_in_a_folder_named_with_uri_characters(tmp_path: Path) -> None:
    from bot.stores.outbox import Outbox
    from bot.web import healthz
    from digests.store import Store

    for name in ("news#1", "what?", "100%", "a%20b"):
        store = Store(tmp_path / name / "newsbot.db", clock=MovingClock(CLOCK))
        try:
            services: Any = SimpleNamespace(store=store, outbox=Outbox(store.db, clock=store.clock), clock=store.clock)
            state = healthz.check(services, None, healthz.SenderWatch(services))
        finally:
            store.close()
        assert state.database is True and state.ok, name
