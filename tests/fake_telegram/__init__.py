"""A local stand-in for the Telegram Bot API, for end-to-end tests and the delivery benchmark.

Telegram itself is unreachable from our machines, so the real python-telegram-bot client talks HTTP
to this aiohttp server on 127.0.0.1 instead (``Bot(token, base_url=fake.base_url)``).  It keeps all
state in memory, answers with Telegram's JSON shapes and status codes, validates what Telegram
validates (HTML entities, the 4096 UTF-16 unit limit, button data), and lets a test play the user
(``user_sends``, ``user_presses``), inject errors (``inject``, ``block``) and enforce rate limits.

Three ways to run it:
    async with FakeTelegram() as tg: ...            # inside an async test (same event loop)
    with FakeTelegram().running_in_thread() as tg:  # sync code, benchmarks, subprocess tests
    python -m tests.fake_telegram --port 8081       # a terminal as a user's chat (README)

All inspection and driving methods are thread-safe.

The parts, one concern each: ``server`` (HTTP, lifecycle), ``state`` (chats, users, messages,
queued updates), ``scenario`` (what a test sets up and what users do), ``inspection`` (reading
back, waiting), ``messages`` / ``chats`` / ``updates`` (the Bot API methods), ``html`` (Telegram's
HTML parse mode), ``errors`` / ``faults`` / ``ratelimits`` (error answers, injected faults, 429s),
``records`` and ``params`` (stored records, request parameters).
"""

from tests.fake_telegram.errors import ApiError, make_error
from tests.fake_telegram.faults import Delay, Injection
from tests.fake_telegram.html import HtmlParseError, parse_html, utf16_len
from tests.fake_telegram.ratelimits import RateLimits
from tests.fake_telegram.records import CallbackAnswer, SentMessage, Stats
from tests.fake_telegram.server import FakeTelegram

__all__ = [
    "ApiError",
    "CallbackAnswer",
    "Delay",
    "FakeTelegram",
    "HtmlParseError",
    "Injection",
    "RateLimits",
    "SentMessage",
    "Stats",
    "make_error",
    "parse_html",
    "utf16_len",
]
