"""Configuration: defaults, TOML file, environment secrets, and one-line errors naming the key."""

from __future__ import annotations

from datetime import time

import pytest

from digests.config import SAMPLE_POSTS_DIR
from digests.config_file import load_config, parse_config
from digests.config_values import ConfigError, parse_time_of_day


def test_defaults_use_bundled_samples_and_shanghai_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    config = load_config(env={})
    assert config.posts.dirs == (SAMPLE_POSTS_DIR,) and any(SAMPLE_POSTS_DIR.glob("*.md"))
    assert config.digest.timezone == "Asia/Shanghai" and config.digest.time == time(8, 0)
    assert config.telegram.token is None and config.telegram.base_url == "https://api.telegram.org/bot"
    assert config.source is None


def test_file_values_relative_paths_and_env_token(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[telegram]\ntoken = "from-file"\nadmins = [1, 2]\n[store]\npath = "data/n.db"\n'
        '[posts]\ndirs = ["posts"]\n[digest]\ntime = "07:30"\ntimezone = "Europe/Berlin"\n'
        '[categories]\nbeifangwang = "北方网"\n',
        encoding="utf-8",
    )
    config = load_config(path, env={"NEWSBOT_TELEGRAM_TOKEN": "from-env"})
    assert config.telegram.token == "from-env" and config.telegram.admins == (1, 2)
    assert config.store.path == tmp_path / "data" / "n.db" and config.posts.dirs == (tmp_path / "posts",)
    assert config.digest.time == time(7, 30) and config.categories == {"beifangwang": "北方网"}


@pytest.mark.parametrize(
    "raw, key",
    [
        ({"digest": {"time": "25:00"}}, "digest.time"),
        ({"digest": {"timezone": "Mars/Base"}}, "digest.timezone"),
        ({"telegram": {"admins": ["bob"]}}, "telegram.admins"),
        ({"telegram": {"base_url": "ftp://x"}}, "telegram.base_url"),
        ({"store": {"path": 3}}, "store.path"),
        ({"digest": {"top_n": 0}}, "digest.top_n"),
        ({"digest": {"colour": "red"}}, "digest.colour"),
        ({"posts": {"dirs": "notalist"}}, "posts.dirs"),
        ({"delivery": {"global_per_second": -1}}, "delivery.global_per_second"),
        ({"categories": {"x": ""}}, "categories.x"),
        ({"nonsense": 1}, "nonsense"),
    ],
)
def test_invalid_setting_gives_one_line_error_naming_the_key(raw, key):
    with pytest.raises(ConfigError) as info:
        parse_config(raw)
    assert str(info.value).startswith(key) and "\n" not in str(info.value)


def test_missing_explicit_file_and_bad_toml_are_clear_errors(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[telegram\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("8:00", time(8, 0)),
        ("08:00", time(8, 0)),
        ("０８：００", time(8, 0)),
        ("8.00", time(8, 0)),
        ("8：00", time(8, 0)),
        (" 23 : 59 ", time(23, 59)),
        ("00:00", time(0, 0)),
    ],
)
def test_time_of_day_accepts_short_full_width_and_dotted_forms(raw, expected):
    assert parse_time_of_day(raw) == expected


@pytest.mark.parametrize("raw", ["24:00", "12:60", "8", "8:0", "noon", "", "8:00am", "123:00", "8:00:00"])
def test_time_of_day_rejects_what_is_not_a_time(raw):
    assert parse_time_of_day(raw) is None


def test_digest_time_in_the_file_is_read_leniently():
    assert parse_config({"digest": {"time": "７.３０"}}).digest.time == time(7, 30)
    with pytest.raises(ConfigError, match=r"^digest\.time: expected HH:MM"):
        parse_config({"digest": {"time": "7:3"}})


def test_webhook_settings_secret_from_the_environment_and_log_file_relative_to_the_config(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[telegram]\nwebhook_url = "https://bot.example.com/tg/hook"\nport = 8443\nsecret_token = "in-file"\n'
        '[log]\nlevel = "warning"\nfile = "logs/bot.log"\n',
        encoding="utf-8",
    )
    config = load_config(path, env={"NEWSBOT_WEBHOOK_SECRET": "from-env_1"})
    assert config.telegram.webhook_url == "https://bot.example.com/tg/hook" and config.telegram.port == 8443
    assert config.telegram.secret_token == "from-env_1" and config.telegram.listen == "127.0.0.1"
    assert config.log.level == "WARNING" and config.log.file == tmp_path / "logs" / "bot.log"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"telegram": {"webhook_url": "https://x.example/hook"}}, "telegram.secret_token: required with webhook_url"),
        ({"telegram": {"webhook_url": "ftp://x/hook", "secret_token": "s"}}, "telegram.webhook_url: must start"),
        ({"telegram": {"secret_token": "has space"}}, "telegram.secret_token: 1-256 characters"),
        ({"telegram": {"port": 70000}}, "telegram.port: a TCP port"),
        ({"delivery": {"paid_per_second": 5000}}, "delivery.paid_per_second: Telegram allows at most 1000"),
        ({"log": {"level": "loud"}}, "log.level: one of DEBUG, INFO, WARNING, ERROR"),
    ],
)
def test_operations_settings_are_checked_with_one_line_naming_the_key(raw, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        parse_config(raw, env={})


# --- resolved once ------------------------------------------------------------------------------

NAIVE_POST = '---\ntitle: "测试"\ndate: 2021-12-08 08:00:00\ncategories: emnews\n---\n<p>正文。</p>\n'


def test_post_dates_without_an_offset_are_read_in_posts_timezone_not_the_chats_default_zone():
    from digests.posts import parse_post

    both = parse_config({"digest": {"timezone": "Europe/London"}, "posts": {"timezone": "Asia/Shanghai"}})
    assert parse_post(NAIVE_POST, tz=both.posts_tz).article.published.hour == 0  # 08:00 Shanghai = 00:00 UTC
    assert both.digest.timezone == "Europe/London"  # chats that chose no zone still get theirs
    # A file from before posts.timezone: its digest.timezone still reads its posts, as it did.
    older = parse_config({"digest": {"timezone": "Europe/London"}})
    assert parse_post(NAIVE_POST, tz=older.posts_tz).article.published.hour == 8
    with pytest.raises(ConfigError, match=r"posts\.timezone: unknown time zone"):
        parse_config({"posts": {"timezone": "Mars/Olympus"}})


@pytest.mark.parametrize(
    "telegram, mode",
    [
        ({}, "console"),
        ({"token": "1:abc"}, "polling"),
        ({"token": "1:abc", "webhook_url": "https://bot.example/tg", "secret_token": "s3cret"}, "webhook"),
        ({"webhook_url": "https://bot.example/tg", "secret_token": "s3cret"}, "console"),  # no token: no bot
    ],
)
def test_one_decision_says_how_the_bot_meets_telegram(telegram, mode):
    assert parse_config({"telegram": telegram}, env={}).telegram.mode == mode


def test_the_db_option_is_applied_once_to_the_configuration_every_command_reads(tmp_path, monkeypatch):
    from digests.core_cli import Context

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    context = Context(None, str(tmp_path / "other.db"))
    assert context.config.store.path == tmp_path / "other.db"
