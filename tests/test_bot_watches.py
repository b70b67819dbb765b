"""Keyword watches and mute words end to end: /watch → a new post is ingested → one alert; no repeat
(also after a restart); a flood folded; mute words in alerts, /latest and digests; bad input."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.helpers import (
    ADMIN,
    CLOCK,
    POSTS,
    USER,
    BotHarness,
    MovingClock,
    RecordingTelegram,
    make_config,
    make_post,
    running_bot,
)

GROUP = -1007000000001
GROUP_ADMIN = 2001
GROUP_MEMBER = 2002


def _post(folder: Path, name: str, title: str, body: str, *, minute: int = 0) -> Path:
    path = folder / f"2021-12-08-{name}.md"
    text = make_post(
        title,
        body,
        date=f"2021-12-08 15:{minute:02d}:00 +0800",
        categories="emnews",
        tags="东财滚动新闻",
        url=f"http://example.com/{name}",
    )
    path.write_text(text, encoding="utf-8")
    return path


async def _ingest(bot: BotHarness) -> None:
    [_, done] = await bot.ask(ADMIN, "/ingest", count=2)
    assert "扫描完成" in done.plain_text


def _alerts(bot: BotHarness, chat_id: int) -> list[str]:
    return [m.plain_text for m in bot.tg.messages(chat_id) if m.plain_text.startswith("🔔 关注的关键词有")]


async def test_a_watch_alerts_once_when_a_matching_post_is_ingested(bot: BotHarness, new_posts: Path) -> None:
    [added] = await bot.ask(USER, "/watch 京津冀")
    assert "已关注「京津冀」" in added.plain_text
    # The sample posts mention 京津冀 too, but they were there before the watch: no alert for them.
    _post(new_posts, "a1", "京津冀协同发展再提速", "京津冀三地签署新的交通合作协议。各方表示将加快推进。")
    _post(new_posts, "a2", "央行开展逆回购操作", "央行今日开展1000亿元逆回购操作。")
    await _ingest(bot)
    [alert] = await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the alert")
    assert "京津冀协同发展再提速" in alert and "匹配：京津冀" in alert and "央行" not in alert
    sent = bot.tg.messages(USER)[-1]
    assert 'href="http://example.com/a1"' in sent.text
    # Another ingest (nothing new) and the periodic rescan alert nobody again.
    await _ingest(bot)
    await bot.app.bot_data.delivery.scheduler.rescan_posts()
    await bot.ask(USER, "/watch")
    assert len(_alerts(bot, USER)) == 1


async def test_the_periodic_rescan_alerts_and_several_words_must_all_occur(bot: BotHarness, new_posts: Path) -> None:
    await bot.ask(USER, "/watch 央行 降准")
    _post(new_posts, "b1", "央行宣布降准0.5个百分点", "中国人民银行决定下调存款准备金率。")
    _post(new_posts, "b2", "央行开展逆回购", "公开市场操作。", minute=1)
    await bot.app.bot_data.delivery.scheduler.rescan_posts()
    [alert] = await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the alert")
    assert "央行宣布降准" in alert and "逆回购" not in alert and "匹配：央行 降准" in alert


async def test_a_flood_for_one_watch_is_folded_into_n_more(bot: BotHarness, new_posts: Path) -> None:
    await bot.ask(USER, "/watch 雄安")
    for i in range(13):
        _post(new_posts, f"f{i}", f"雄安新区第{i + 1}个项目开工", f"雄安新区又一项目开工，编号{i + 1}。", minute=i)
    await _ingest(bot)
    [alert] = await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the alert")
    assert "13 篇新文章" in alert
    assert alert.count("雄安新区第") == 10 and "第13个项目" in alert and "第3个项目" not in alert
    assert "另有 3 篇 — /latest 雄安" in alert
    rows = bot.store.db.execute("SELECT count(*) FROM alerted WHERE chat_id = ?", [USER]).fetchone()[0]
    assert rows == 13  # the folded ones count as told: they never come back one by one


async def test_latest_of_a_muted_word_says_the_articles_are_hidden_not_missing(bot: BotHarness) -> None:
    shown = len(bot.store.search("人民币", 50))
    assert shown >= 1
    await bot.ask(USER, "/mute 人民币")
    [after] = await bot.ask(USER, "/latest 人民币")
    assert "没有找到" not in after.plain_text
    assert f"有 {shown} 篇文章包含「人民币」，但都被本聊天的屏蔽词「人民币」隐藏了" in after.plain_text
    assert "/unmute 人民币" in after.plain_text
    # A word no article contains is still "nothing found", mute words or not.
    [none] = await bot.ask(USER, "/latest 火星基地")
    assert "没有找到包含「火星基地」的文章" in none.plain_text


async def test_a_new_watch_never_alerts_on_articles_stored_before_it(bot: BotHarness, new_posts: Path) -> None:
    other = 1002
    bot.tg.add_chat(other, chat_type="private")
    await bot.ask(other, "/watch 天津")
    _post(new_posts, "w1", "天津港集装箱吞吐量创新高", "天津港发布数据。")
    await _ingest(bot)
    await bot.tg.wait_until(lambda: _alerts(bot, other), what="the first watcher's alert")
    # The alert cursor re-reads recent minutes (and may lag far behind): w1 comes round again below.
    await bot.ask(USER, "/watch 天津")
    _post(new_posts, "w2", "天津地铁新线开通", "天津地铁新线今日开通。", minute=1)
    await _ingest(bot)
    [alert] = await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the new watcher's alert")
    assert "天津地铁新线开通" in alert and "天津港" not in alert and "1 篇新文章" in alert
    assert len(_alerts(bot, other)) == 2 and "天津港" not in _alerts(bot, other)[1]


async def test_a_watch_or_mute_word_that_matches_nearly_everything_is_accepted_with_a_warning(bot: BotHarness) -> None:
    [common] = await bot.ask(USER, "/watch 的")
    assert "已关注「的」" in common.plain_text and "⚠️ 「的」几乎每篇文章都有" in common.plain_text
    assert "/unwatch 的" in common.plain_text
    [letter] = await bot.ask(USER, "/watch a")
    assert "已关注「a」" in letter.plain_text and "⚠️" in letter.plain_text and "/unwatch a" in letter.plain_text
    [narrow] = await bot.ask(USER, "/watch 京津冀")
    assert "已关注「京津冀」" in narrow.plain_text and "⚠️" not in narrow.plain_text
    [single] = await bot.ask(USER, "/watch 冀")  # a province's one-character name is a real keyword
    assert "⚠️" not in single.plain_text
    [mute] = await bot.ask(USER, "/mute 的")
    assert (
        "已屏蔽「的」" in mute.plain_text and "隐藏几乎所有文章" in mute.plain_text and "/unmute 的" in mute.plain_text
    )
    assert bot.services.watchlist.watches(USER) == ["的", "a", "京津冀", "冀"]


async def test_the_ingest_report_names_a_post_dated_in_the_future(bot: BotHarness, new_posts: Path) -> None:
    # The bot's clock is CLOCK (2021-12-08), which /ingest passes on; the post says 2031.
    path = new_posts / "2031-01-01-later.md"
    path.write_text(
        make_post("京津冀未来规划", "京津冀二〇三一年的规划。", date="2031-01-01 08:00:00 +0800"), encoding="utf-8"
    )
    [_, done] = await bot.ask(ADMIN, "/ingest", count=2)
    assert "日期在未来" in done.plain_text and "2031-01-01" in done.plain_text and path.name in done.plain_text


async def test_mute_words_hide_articles_from_alerts_latest_and_digests(bot: BotHarness, new_posts: Path) -> None:
    # The 京津冀 post is dated 2022-02-25, after the tests' clock: /latest shows it from its date on.
    bot.clock.now = CLOCK + timedelta(days=90)
    [before] = await bot.ask(USER, "/latest 京津冀 20")
    assert "主动服务和承接北京非首都功能疏解" in before.plain_text
    [muted] = await bot.ask(USER, "/mute 疏解")
    assert "已屏蔽「疏解」" in muted.plain_text
    [after] = await bot.ask(USER, "/latest 京津冀 20")
    assert "没有找到" not in after.plain_text and "被本聊天的屏蔽词「疏解」隐藏" in after.plain_text
    bot.clock.now = CLOCK
    # Alerts: the muted article is left out, the other one is listed.
    await bot.ask(USER, "/watch 天津")
    _post(new_posts, "m1", "天津港集装箱吞吐量创新高", "天津港发布数据。")
    _post(new_posts, "m2", "天津地铁新线开通，缓解疏解压力", "天津地铁新线今日开通。", minute=1)
    await _ingest(bot)
    [alert] = await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the alert")
    assert "天津港" in alert and "地铁" not in alert and "1 篇新文章" in alert
    # Digests say how many items the mute words hid.
    await bot.ask(USER, "/mute 北京")
    digest = await bot.ask(USER, "/digest emnews")
    assert "已按屏蔽词隐藏" in digest[-1].plain_text
    [listing] = await bot.ask(USER, "/mute")
    assert "疏解" in listing.plain_text and "北京" in listing.plain_text and "2/20" in listing.plain_text
    [gone] = await bot.ask(USER, "/unmute all")
    assert "已取消全部 2 个屏蔽词" in gone.plain_text


async def test_bad_words_get_a_helpful_reply_and_the_limit_is_clear(bot: BotHarness) -> None:
    cases = {
        '/watch "': "没有可以搜索的文字",
        "/watch * ( )": "没有可以搜索的文字",
        "/watch " + "京" * 1000: "太长",
        "/mute " + "广告" * 500: "太长",
        "/mute ???": "没有可以搜索的文字",
        "/unwatch 没关注过": "没有关注「没关注过」",
        "/watch": "还没有关注任何关键词",
    }
    for command, expected in cases.items():
        [reply] = await bot.ask(USER, command)
        assert expected in reply.plain_text, (command[:20], reply.plain_text)
        assert "出错了" not in reply.plain_text
    [near] = await bot.ask(USER, "/watch NEAR(")  # FTS syntax is plain text
    assert "已关注「NEAR(」" in near.plain_text
    for i in range(19):
        [reply] = await bot.ask(USER, f"/watch 关键词{i}")
        assert "已关注" in reply.plain_text
    [full] = await bot.ask(USER, "/watch 第二十一个")
    assert "最多只能关注 20 个关键词" in full.plain_text
    [again] = await bot.ask(USER, '/watch "near("')
    assert "之前已关注" in again.plain_text
    [listing] = await bot.ask(USER, "/watch")
    assert "20/20" in listing.plain_text
    [cleared] = await bot.ask(USER, "/unwatch all")
    assert "已取消全部 20 个关注" in cleared.plain_text


async def test_in_groups_only_group_admins_change_watches(bot: BotHarness) -> None:
    bot.tg.add_chat(GROUP, chat_type="supergroup", title="读报群", admins=[GROUP_ADMIN])
    [refused] = await bot.ask(GROUP, "/watch 京津冀", user_id=GROUP_MEMBER)
    assert "只有本群管理员" in refused.plain_text
    [added] = await bot.ask(GROUP, "/watch 京津冀", user_id=GROUP_ADMIN)
    assert "已关注" in added.plain_text
    [listing] = await bot.ask(GROUP, "/watch", user_id=GROUP_MEMBER)  # anyone may look
    assert "京津冀" in listing.plain_text


async def test_no_alert_is_repeated_after_a_restart(tg: RecordingTelegram, db_path: Path, new_posts: Path) -> None:
    from digests.store import Store

    config = make_config(db_path, token=tg.token, base_url=tg.base_url, posts=(POSTS, new_posts))
    store = Store(db_path, clock=MovingClock(CLOCK))
    try:
        async with running_bot(tg, config, store) as bot:
            await bot.ask(USER, "/watch 京津冀")
            _post(new_posts, "r1", "京津冀大数据中心落地", "京津冀大数据中心今日落地。")
            await _ingest(bot)
            await bot.tg.wait_until(lambda: _alerts(bot, USER), what="the alert")
    finally:
        store.close()
    # The post is edited while the bot is down: the next start-up stores it again (a new ingestion time).
    _post(new_posts, "r1", "京津冀大数据中心落地", "京津冀大数据中心今日落地，首批项目上线。")
    store = Store(db_path, clock=MovingClock(CLOCK))
    try:
        async with running_bot(tg, config, store) as bot:
            await _ingest(bot)
            await bot.app.bot_data.delivery.scheduler.rescan_posts()
            await bot.ask(USER, "/watch")
            assert len(_alerts(bot, USER)) == 1
            kinds = store.db.execute("SELECT count(*) FROM outbox WHERE kind = 'alert'").fetchone()[0]
            assert kinds == 1
    finally:
        store.close()


async def test_the_scheduled_digest_leaves_muted_articles_out_and_says_how_many(bot: BotHarness) -> None:
    from datetime import time

    for chat_id in (USER, USER + 1):
        bot.tg.add_chat(chat_id, chat_type="private")
        bot.chats.ensure(chat_id, "private")
        bot.chats.set_time(chat_id, time(16, 0))
        bot.chats.subscribe(chat_id, "emnews")
    bot.services.watchlist.add("mutes", USER, "北京", limit=20)
    assert bot.app.bot_data.delivery.scheduler.check_due().enqueued == 2
    muted = await bot.tg.wait_for_messages(USER, 1)
    plain = await bot.tg.wait_for_messages(USER + 1, 1)
    assert muted[-1].plain_text.endswith("共 27 篇，精选 8 条（已按屏蔽词隐藏 1 篇）")
    assert plain[-1].plain_text.endswith("共 28 篇，精选 8 条")
