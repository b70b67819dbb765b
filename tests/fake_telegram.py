"""A local stand-in for the Telegram Bot API, for end-to-end tests and the delivery benchmark.

Telegram itself is unreachable from our machines, so the real python-telegram-bot client talks HTTP
to this aiohttp server on 127.0.0.1 instead (``Bot(token, base_url=fake.base_url)``).  It keeps all
state in memory, answers with Telegram's JSON shapes and status codes, validates what Telegram
validates (HTML entities, the 4096 UTF-16 unit limit, button data), and lets a test play the user
(``user_sends``, ``user_presses``), inject errors (``inject``, ``block``) and enforce rate limits.

Two ways to run it:
    async with FakeTelegram() as tg: ...            # inside an async test (same event loop)
    with FakeTelegram().running_in_thread() as tg:  # sync code, benchmarks, subprocess tests

All inspection and driving methods are thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import aiohttp
from aiohttp import web

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

MAX_MESSAGE_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100  # Telegram refuses an inline keyboard of more buttons

# ---------------------------------------------------------------------------------------------
# HTML parse_mode, following tdlib's parse_html (td/telegram/MessageEntity.cpp) so that whatever
# Telegram rejects we reject too, with the same wording.  Offsets in errors are UTF-8 byte offsets.
# ---------------------------------------------------------------------------------------------

_TAG_TO_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<&]")
_SPACE = " \t\r\n"


class HtmlParseError(ValueError):
    """Raised for text Telegram would answer with "can't parse entities: ..."."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, which is how Telegram measures text and entity offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode an HTML entity at text[pos] == '&'.  Unknown entities are not errors in Telegram:
    they stay as literal text, so None means "treat '&' as a plain character"."""
    end = pos + 1
    n = len(text)
    if end < n and text[end] == "#":
        end += 1
        value = 0
        if end < n and text[end] == "x":
            end += 1
            while end < n and text[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(text[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None
        else:
            while end < n and text[end].isdigit() and text[end].isascii():
                value = value * 10 + int(text[end])
                end += 1
                if value >= 0x10FFFF:
                    return None
        if value == 0 or end - pos >= 10 or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        char = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if char is None:
            return None
    if end < n and text[end] == ";":
        end += 1  # the semicolon is optional in Telegram
    return char, end


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into (plain text, message entities); HtmlParseError if invalid."""
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    open_tags: list[tuple[str, str, int]] = []  # (tag name, argument, utf16 offset at start)
    utf16 = 0
    i = 0
    n = len(text)
    while i < n:
        match = _SPECIAL.search(text, i)
        stop = match.start() if match else n
        if stop > i:
            chunk = text[i:stop]
            out.append(chunk)
            utf16 += utf16_len(chunk)
            i = stop
            continue
        if text[i] == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                out.append("&")
                utf16 += 1
                i += 1
            else:
                char, i = decoded
                out.append(char)
                utf16 += utf16_len(char)
            continue
        # text[i] == "<"
        begin = i
        i += 1
        if i < n and text[i] == "/":
            i += 1
            if not open_tags:
                raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            name_start = i
            while i < n and text[i] not in _SPACE and text[i] != ">":
                i += 1
            end_name = text[name_start:i].lower()
            while i < n and text[i] in _SPACE:
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            tag, argument, start = open_tags.pop()
            if end_name and end_name != tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            if utf16 > start:  # empty entities are silently dropped by Telegram
                entity: dict[str, Any] = {
                    "type": _TAG_TO_ENTITY[tag],
                    "offset": start,
                    "length": utf16 - start,
                }
                if tag == "a":
                    entity["url"] = argument
                elif tag == "pre" and argument:
                    entity["language"] = argument
                elif tag == "blockquote" and argument == "expandable":
                    entity["type"] = "expandable_blockquote"
                elif tag == "tg-emoji":
                    entity["custom_emoji_id"] = argument
                if not (tag == "a" and not argument):
                    entities.append(entity)
            continue
        name_start = i
        while i < n and text[i] not in _SPACE and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[name_start:i].lower()
        if tag not in _TAG_TO_ENTITY:
            raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        argument = ""
        while True:
            while i < n and text[i] in _SPACE:
                i += 1
            if i >= n:
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
            if text[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and text[i] not in _SPACE and text[i] not in "=>":
                i += 1
            attr = text[attr_start:i].lower()
            if not attr:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            while i < n and text[i] in _SPACE:
                i += 1
            if i >= n or text[i] != "=":
                if tag == "blockquote" and attr == "expandable":
                    argument = "expandable"
                    continue
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {_byte_offset(text, begin)}"
                )
            i += 1
            while i < n and text[i] in _SPACE:
                i += 1
            if i >= n:
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
            if text[i] in "'\"":
                quote = text[i]
                i += 1
                value_chars: list[str] = []
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        decoded = _decode_entity(text, i)
                        if decoded is not None:
                            value_chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    value_chars.append(text[i])
                    i += 1
                if i >= n:
                    raise HtmlParseError(f"Unclosed end of string literal at byte offset {_byte_offset(text, begin)}")
                i += 1
                value = "".join(value_chars)
            else:
                token_start = i
                while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                value = text[token_start:i].lower()
                if i < n and text[i] not in _SPACE and text[i] != ">":
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                    )
            if tag == "a" and attr == "href":
                argument = value
            elif tag == "span" and attr == "class" and value.startswith("tg-"):
                argument = value[3:]
            elif tag == "tg-emoji" and attr == "emoji-id":
                argument = value
            elif tag == "code" and attr == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
        if tag == "span" and argument != "spoiler":
            raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}')
        open_tags.append((tag, argument, utf16))
    if open_tags:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    return "".join(out), entities


# ---------------------------------------------------------------------------------------------
# Errors, injections, rate limits, records
# ---------------------------------------------------------------------------------------------


class ApiError(Exception):
    """A Telegram error answer: HTTP status == error_code, plus description and parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            data["parameters"] = self.parameters
        return data


_ERROR_PRESETS: dict[str, tuple[int, str]] = {
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "kicked": (403, "Forbidden: bot was kicked from the group chat"),
    "kicked_supergroup": (403, "Forbidden: bot was kicked from the supergroup chat"),
    "not_member": (403, "Forbidden: bot is not a member of the group chat"),
    "not_channel_member": (403, "Forbidden: bot is not a member of the channel chat"),
    "channel_admin_required": (400, "Bad Request: need administrator rights in the channel chat"),
    "channel_cannot_post": (400, "Bad Request: not enough rights to send text messages to the chat"),
    "chat_not_found": (400, "Bad Request: chat not found"),
    "conflict": (
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    ),
    "webhook_active": (
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
    "server_error": (500, "Internal Server Error"),
    "bad_gateway": (502, "Bad Gateway"),
    "unauthorized": (401, "Unauthorized"),
    "not_found": (404, "Not Found"),
}


def make_error(name: str, *, retry_after: int = 1, migrate_to_chat_id: int | None = None) -> ApiError:
    """Build a preset error: "retry_after" (429), "migrated" (400 + migrate_to_chat_id), or one of
    blocked, deactivated, kicked, kicked_supergroup, not_member, chat_not_found, conflict,
    webhook_active, server_error, bad_gateway, unauthorized, not_found."""
    if name in ("retry_after", "429", "flood"):
        seconds = max(1, int(retry_after))
        return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
    if name == "migrated":
        if migrate_to_chat_id is None:
            raise ValueError("the 'migrated' error needs migrate_to_chat_id")
        return ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": migrate_to_chat_id},
        )
    if name not in _ERROR_PRESETS:
        raise ValueError(f"unknown error preset {name!r}; known: {sorted(_ERROR_PRESETS)}")
    return ApiError(*_ERROR_PRESETS[name])


@dataclass(frozen=True)
class Delay:
    """Hold the response for `seconds` (longer than the client's read timeout => TimedOut).

    delivered=True: the request takes effect before the delay (Telegram sent the message but the
    reply was lost - the duplicate-risk case).  delivered=False: it takes effect only after the
    delay and only if the client is still connected (a slow server)."""

    seconds: float
    delivered: bool = False


@dataclass
class Injection:
    """One armed fault.  `remaining` None means forever; `hits` counts how often it fired."""

    method: str
    chat_id: int | None
    error: ApiError | Delay
    remaining: int | None
    hits: int = 0


@dataclass(frozen=True)
class RateLimits:
    """Sliding-window limits as (max sends, window seconds); None disables one.  Defaults follow
    Telegram's FAQ.  sendMessage and message edits count (an edit is a message to the chat too).  `scale` > 1 compresses time (windows are divided by it) for fast benchmarks;
    retry_after stays a whole number of seconds >= 1, as Telegram sends it."""

    overall: tuple[int, float] | None = (30, 1.0)
    private_chat: tuple[int, float] | None = (1, 1.0)
    group_chat: tuple[int, float] | None = (20, 60.0)
    # Sends with allow_paid_broadcast: the overall limit rises to this (every send counts in it);
    # sends without it still meet `overall`, counting paid ones too.
    paid_overall: tuple[int, float] | None = (1000, 1.0)
    scale: float = 1.0


@dataclass(frozen=True)
class SentMessage:
    """One bot action on a message: kind is "send", "edit_text" or "edit_markup".
    text is what the bot sent (raw HTML), plain_text what the user sees."""

    chat_id: int
    message_id: int
    text: str
    plain_text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    entities: tuple[dict[str, Any], ...]
    at: float  # time.monotonic()
    kind: str = "send"
    disable_notification: bool = False
    link_preview_options: dict[str, Any] | None = None

    def buttons(self) -> list[dict[str, Any]]:
        """All inline keyboard buttons, row-major."""
        if not self.reply_markup:
            return []
        return [b for row in self.reply_markup.get("inline_keyboard", []) for b in row]

    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons() if "callback_data" in b]


@dataclass(frozen=True)
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    at: float


@dataclass(frozen=True)
class Stats:
    sent: int  # sendMessage calls accepted
    rate_limited: int  # 429s answered by the rate limiter (not injected ones)
    paid: int  # sendMessage calls accepted with allow_paid_broadcast
    injected: int  # injected faults that fired
    requests: dict[str, int]  # calls per method name (as the client spelled it)


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    admins: set[int] = field(default_factory=set)
    creator: int | None = None
    bot_is_admin: bool = False
    bot_member: bool = True
    bot_can_post: bool = True  # channels: the admin right to post messages
    blocked: ApiError | None = None
    migrated_to: int | None = None
    next_message_id: int = 1

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.first_name or f"User{self.id}"
            if self.username:
                data["username"] = self.username
        else:
            data["title"] = self.title or f"Group {self.id}"
            if self.username:
                data["username"] = self.username
        return data


# Fields PTB sends as JSON strings inside form bodies (it json.dumps every non-str value).
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "entities",
        "caption_entities",
    }
)
_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_BOT_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class _Params:
    """Request parameters from JSON or form bodies, converted on access."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw

    def get(self, name: str, default: Any = None) -> Any:
        return self.raw.get(name, default)

    def str(self, name: str) -> str | None:
        value = self.raw.get(name)
        return None if value is None else str(value)

    def int(self, name: str, default: int | None = None) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def bool(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def json(self, name: str) -> Any:
        value = self.raw.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
        return value


def _scope_key(scope: dict[str, Any] | str | None, language_code: str | None) -> tuple[Any, ...]:
    if scope is None:
        scope = {"type": "default"}
    elif isinstance(scope, str):
        scope = {"type": scope}
    chat_id = scope.get("chat_id")
    user_id = scope.get("user_id")
    return (
        scope.get("type", "default"),
        int(chat_id) if chat_id is not None and str(chat_id).lstrip("-").isdigit() else chat_id,
        int(user_id) if user_id is not None else None,
        language_code or "",
    )


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


class FakeTelegram:
    """In-memory Telegram Bot API server.  See the module docstring for how to run it."""

    def __init__(
        self,
        token: str = "123456789:TEST-newsbot-token",
        *,
        bot_username: str = "newsbot_test_bot",
        bot_first_name: str = "Newsbot Test",
        rate_limits: RateLimits | None = None,
        strict_chats: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ):
        """strict_chats: sending to a chat nobody created (add_chat / user_sends) gives
        "chat not found", as on Telegram; False auto-creates chats (handy for benchmarks)."""
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 123456789
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.rate_limits = rate_limits
        self.strict_chats = strict_chats
        self._host = host
        self._port = port

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)  # notified on every recorded event
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._allowed_updates: list[str] | None = None
        self._webhook: dict[str, Any] | None = None
        self._log: list[SentMessage] = []
        self._current: dict[tuple[int, int], SentMessage] = {}
        self._user_messages: set[tuple[int, int]] = set()
        self._pending_queries: dict[str, dict[str, Any]] = {}
        self._answers: list[CallbackAnswer] = []
        self._commands: dict[tuple[Any, ...], list[dict[str, str]]] = {}
        self._injections: list[Injection] = []
        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._request_counts: dict[str, int] = {}
        self._sent = 0
        self._paid = 0
        self._rate_limited = 0
        self._webhook_task: asyncio.Task[None] | None = None
        self.webhook_answers: list[tuple[int, int | None]] = []  # (update_id, HTTP status or None)
        self._injected = 0
        self._windows: dict[Any, deque[float]] = {}
        self._poll_generation = 0

        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._update_event: asyncio.Event | None = None
        self._stop_event: asyncio.Event | None = None
        self._bound_port: int | None = None

    # ----- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Bind 127.0.0.1:<free port> and start serving in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._update_event = asyncio.Event()
        self._stop_event = asyncio.Event()
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        self._bound_port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()

    async def stop(self) -> None:
        """Release long polls and delayed answers, then close the server."""
        if self._runner is None:
            return
        assert self._stop_event is not None
        self._stop_event.set()
        self._set_update_event()
        if self._webhook_task is not None:
            await self._webhook_task
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def running_in_thread(self) -> Iterator[FakeTelegram]:
        """Run the server on its own event loop in a daemon thread for the duration of the block."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="fake-telegram", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout=10)
            yield self
        finally:
            try:
                if self._runner is not None:
                    asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout=10)
            finally:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(timeout=10)
                loop.close()

    @property
    def port(self) -> int:
        if self._bound_port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._bound_port

    @property
    def base_url(self) -> str:
        """Pass as python-telegram-bot's base_url; the token is appended by PTB."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def api_url(self) -> str:
        """base_url with the token, i.e. what `newsbot run --api-url` style options may want."""
        return f"{self.base_url}{self.token}"

    # ----- scenario setup --------------------------------------------------------------------

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        username: str | None = None,
        first_name: str | None = None,
        admins: Iterator[int] | list[int] | set[int] | tuple[int, ...] = (),
        creator: int | None = None,
        bot_is_admin: bool = False,
        bot_member: bool = True,
        bot_can_post: bool = True,
    ) -> None:
        """Declare a chat (private if chat_id > 0; negative ids are groups, -100... supergroups;
        chat_type="channel" for a channel). admins are user ids reported by getChatMember /
        getChatAdministrators; creator defaults to the first admin. In a channel the bot can post
        only as an admin (bot_is_admin) with bot_can_post, like on Telegram."""
        with self._lock:
            chat = self._ensure_chat(chat_id, chat_type)
            if title is not None:
                chat.title = title
            if username is not None:
                chat.username = username
            if first_name is not None:
                chat.first_name = first_name
            admin_ids = list(admins)
            chat.admins.update(admin_ids)
            if creator is not None:
                chat.creator = creator
                chat.admins.add(creator)
            elif chat.creator is None and admin_ids:
                chat.creator = admin_ids[0]
            chat.bot_is_admin = bot_is_admin or chat.bot_is_admin
            chat.bot_member = bot_member
            chat.bot_can_post = bot_can_post

    def rename_chat(self, chat_id: int, *, title: str | None = None, username: str | None = None) -> None:
        """A group or channel gets a new title and/or @username (its id stays)."""
        with self._lock:
            chat = self._ensure_chat(chat_id, None)
            if title is not None:
                chat.title = title
            if username is not None:
                chat.username = username or None

    def set_admins(self, chat_id: int, admins: list[int] | set[int], creator: int | None = None) -> None:
        """Replace the admin list of a group."""
        with self._lock:
            chat = self._ensure_chat(chat_id, None)
            chat.admins = set(admins)
            chat.creator = creator if creator is not None else (next(iter(admins), None))
            if chat.creator is not None:
                chat.admins.add(chat.creator)

    def block(self, chat_id: int, error: str | ApiError | None = None) -> None:
        """Persistently refuse sends to chat_id: "blocked" for private chats, "kicked" for groups."""
        with self._lock:
            chat = self._ensure_chat(chat_id, None)
            if isinstance(error, ApiError):
                chat.blocked = error
            elif error is not None:
                chat.blocked = make_error(error)
            elif chat.type == "private":
                chat.blocked = make_error("blocked")
            else:
                chat.blocked = make_error("kicked_supergroup" if chat.type == "supergroup" else "kicked")

    def unblock(self, chat_id: int) -> None:
        with self._lock:
            if chat_id in self._chats:
                self._chats[chat_id].blocked = None

    def migrate_group(self, chat_id: int, new_chat_id: int) -> None:
        """Upgrade a group to a supergroup: sends to the old id now fail with ChatMigrated; the new
        supergroup inherits title and admins, and both service messages are queued as updates."""
        with self._lock:
            old = self._ensure_chat(chat_id, "group")
            new = self._ensure_chat(new_chat_id, "supergroup")
            new.title, new.admins, new.creator = old.title, set(old.admins), old.creator
            new.bot_is_admin = old.bot_is_admin
            old.migrated_to = new_chat_id
            actor = self._user_json(old.creator or 1)
            self._queue_update(
                "message",
                {**self._new_message_base(old, actor), "migrate_to_chat_id": new_chat_id},
            )
            self._queue_update(
                "message",
                {**self._new_message_base(new, actor), "migrate_from_chat_id": chat_id},
            )

    def inject(
        self,
        method: str,
        chat_id: int | None = None,
        error: str | ApiError | Delay = "server_error",
        times: int | None = 1,
        *,
        retry_after: int = 1,
        migrate_to_chat_id: int | None = None,
        delay: float = 2.0,
    ) -> Injection:
        """Make the next `times` calls of `method` (for `chat_id`, or any chat) fail.
        error: an ApiError, a Delay, "timeout" (Delay(delay)), or a make_error preset name.
        times=None: forever.  Injections are consumed in the order they were added."""
        if isinstance(error, str):
            armed: ApiError | Delay = (
                Delay(delay)
                if error == "timeout"
                else make_error(error, retry_after=retry_after, migrate_to_chat_id=migrate_to_chat_id)
            )
        else:
            armed = error
        injection = Injection(method.lower(), chat_id, armed, times)
        with self._lock:
            self._injections.append(injection)
        return injection

    def clear_injections(self) -> None:
        with self._lock:
            self._injections.clear()

    def set_rate_limits(self, limits: RateLimits | None) -> None:
        """Turn rate-limit enforcement on (or off with None); resets the sliding windows."""
        with self._lock:
            self.rate_limits = limits
            self._windows.clear()

    # ----- playing the user ------------------------------------------------------------------

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        title: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a message update from a user (bot_command entities included); returns the message.
        In a private chat user_id defaults to chat_id.  Writing to a blocked private chat unblocks
        it, like the user pressing "Restart"."""
        if user_id is None:
            if chat_id < 0:
                raise ValueError("user_sends in a group needs user_id")
            user_id = chat_id
        with self._lock:
            user = self._user_json(user_id, first_name, username, language_code)
            chat = self._ensure_chat(chat_id, chat_type)
            if title is not None:
                chat.title = title
            if chat.type == "private":
                chat.first_name = user["first_name"]
                chat.username = user.get("username")
                chat.blocked = None
            message = self._new_message_base(chat, user)
            message["text"] = text
            entities = [
                {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
                for m in _COMMAND_RE.finditer(text)
            ]
            if entities:
                message["entities"] = entities
            if reply_to_message_id is not None:
                replied = self._current.get((chat_id, reply_to_message_id))
                if replied is not None:
                    message["reply_to_message"] = self._message_json(replied)
            self._user_messages.add((chat_id, message["message_id"]))
            self._queue_update("message", message)
            return message

    def user_presses(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user_id: int | None = None,
        check_button: bool = True,
    ) -> str:
        """Queue a callback_query update for a button on the bot's message; returns the query id.
        check_button: refuse data that is not on the message's current keyboard (a test bug)."""
        if user_id is None:
            if chat_id < 0:
                raise ValueError("user_presses in a group needs user_id")
            user_id = chat_id
        with self._lock:
            current = self._current.get((chat_id, message_id))
            if current is None:
                raise ValueError(f"bot never sent message {message_id} to chat {chat_id}")
            if check_button and callback_data not in current.callback_data():
                raise ValueError(
                    f"no button with callback_data {callback_data!r} on message {message_id}; "
                    f"buttons: {current.callback_data()}"
                )
            query_id = str(next(self._query_ids))
            query = {
                "id": query_id,
                "from": self._user_json(user_id),
                "message": self._message_json(current),
                "chat_instance": str(abs(chat_id) * 7 + 1),
                "data": callback_data,
            }
            self._pending_queries[query_id] = query
            self._queue_update("callback_query", query)
            return query_id

    def bot_added_to_group(
        self,
        chat_id: int,
        *,
        by_user_id: int,
        chat_type: str | None = None,
        title: str | None = None,
        as_admin: bool = False,
    ) -> None:
        """A user adds the bot to a group: the chat appears (by_user_id as creator/admin) and a
        my_chat_member update is queued."""
        self.add_chat(chat_id, chat_type=chat_type, title=title, admins=[by_user_id], creator=by_user_id)
        with self._lock:
            chat = self._chats[chat_id]
            chat.bot_member, chat.blocked, chat.bot_is_admin = True, None, as_admin
            self._queue_my_chat_member(chat, by_user_id, "left", "administrator" if as_admin else "member")

    def user_blocks_bot(self, chat_id: int) -> None:
        """The user blocks the bot: sends fail with 403 and a my_chat_member update is queued."""
        self.block(chat_id)
        with self._lock:
            self._queue_my_chat_member(self._chats[chat_id], chat_id, "member", "kicked")

    def channel_posts(self, chat_id: int, text: str) -> dict[str, Any]:
        """Someone posts ``text`` in a channel: a channel_post update (no "from", sender_chat is the channel)."""
        with self._lock:
            chat = self._ensure_chat(chat_id, "channel")
            message_id = chat.next_message_id
            chat.next_message_id += 1
            message: dict[str, Any] = {
                "message_id": message_id,
                "sender_chat": chat.as_json(),
                "chat": chat.as_json(),
                "date": int(time.time()),
                "text": text,
            }
            entities = [
                {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
                for m in _COMMAND_RE.finditer(text)
            ]
            if entities:
                message["entities"] = entities
            self._queue_update("channel_post", message)
            return message

    def bot_removed_from_channel(self, chat_id: int, *, by_user_id: int) -> None:
        """A channel admin removes the bot: posts fail with 403 and a my_chat_member update is queued."""
        with self._lock:
            chat = self._ensure_chat(chat_id, "channel")
            chat.bot_member, chat.bot_is_admin = False, False
            self._queue_my_chat_member(chat, by_user_id, "administrator", "left")

    def bot_removed_from_group(self, chat_id: int, *, by_user_id: int) -> None:
        """A group admin kicks the bot: sends fail with 403 and a my_chat_member update is queued."""
        self.block(chat_id)
        with self._lock:
            chat = self._chats[chat_id]
            chat.bot_member = False
            self._queue_my_chat_member(chat, by_user_id, "member", "kicked")

    # ----- inspection ------------------------------------------------------------------------

    def messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages the bot sent (as sent, edits excluded), in order; optionally for one chat."""
        with self._lock:
            return [m for m in self._log if m.kind == "send" and (chat_id is None or m.chat_id == chat_id)]

    def log(self, chat_id: int | None = None) -> list[SentMessage]:
        """Every send and edit, in order."""
        with self._lock:
            return [m for m in self._log if chat_id is None or m.chat_id == chat_id]

    def edits(self, chat_id: int | None = None) -> list[SentMessage]:
        with self._lock:
            return [m for m in self._log if m.kind != "send" and (chat_id is None or m.chat_id == chat_id)]

    def current(self, chat_id: int, message_id: int) -> SentMessage | None:
        """The latest version of a bot message (after edits); None if unknown or deleted."""
        with self._lock:
            return self._current.get((chat_id, message_id))

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The latest version of the last message the bot sent to chat_id."""
        with self._lock:
            sent = [m for m in self._log if m.kind == "send" and m.chat_id == chat_id]
            return self._current.get((chat_id, sent[-1].message_id)) if sent else None

    def received_by_chat(self) -> dict[int, list[str]]:
        """chat id -> plain texts of sent messages, in order (for duplicate / loss checks)."""
        with self._lock:
            out: dict[int, list[str]] = {}
            for m in self._log:
                if m.kind == "send":
                    out.setdefault(m.chat_id, []).append(m.plain_text)
            return out

    def callback_answers(self) -> list[CallbackAnswer]:
        with self._lock:
            return list(self._answers)

    def commands(
        self, scope: dict[str, Any] | str | None = None, language_code: str | None = None
    ) -> list[dict[str, str]] | None:
        """Commands stored by setMyCommands for a scope ("default", {"type": "chat", "chat_id": 5},
        ...); None if never set for that scope."""
        with self._lock:
            stored = self._commands.get(_scope_key(scope, language_code))
            return None if stored is None else [dict(c) for c in stored]

    def webhook(self) -> dict[str, Any] | None:
        with self._lock:
            return None if self._webhook is None else dict(self._webhook)

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Raw parameters of every request (optionally of one method, case-insensitive)."""
        with self._lock:
            wanted = method.lower() if method else None
            return [dict(p) for m, p in self._calls if wanted is None or m.lower() == wanted]

    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        with self._lock:
            return len(self._updates)

    def stats(self) -> Stats:
        with self._lock:
            return Stats(self._sent, self._rate_limited, self._paid, self._injected, dict(self._request_counts))

    # ----- waiting (bounded polling, never fixed sleeps) ---------------------------------------

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
        """Poll predicate() until truthy (returns its value) or raise AssertionError after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
            await asyncio.sleep(0.005)

    def wait_until_sync(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
        """Blocking wait_until for sync code (server in running_in_thread); wakes on each event."""
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None and running is self._loop:
            raise RuntimeError("wait_until_sync would block the server's own loop; use wait_until")
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
                # Re-check at least every 50 ms in case the predicate depends on outside state.
                self._changed.wait(min(remaining, 0.05))

    async def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[SentMessage]:
        """Wait until the bot has sent >= count messages to chat_id; returns all of them."""
        return await self.wait_until(lambda: self._enough(chat_id, count), timeout, self._waiting_what(chat_id, count))

    def wait_for_messages_sync(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[SentMessage]:
        return self.wait_until_sync(lambda: self._enough(chat_id, count), timeout, self._waiting_what(chat_id, count))

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        return await self.wait_until(lambda: self._answer_for(query_id), timeout, f"answer to {query_id}")

    def wait_for_callback_answer_sync(self, query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        return self.wait_until_sync(lambda: self._answer_for(query_id), timeout, f"answer to {query_id}")

    def _enough(self, chat_id: int, count: int) -> list[SentMessage] | None:
        sent = self.messages(chat_id)
        return sent if len(sent) >= count else None

    def _waiting_what(self, chat_id: int, count: int) -> str:
        return f"{count} message(s) to chat {chat_id} (have: {[m.plain_text[:60] for m in self.messages(chat_id)]})"

    def _answer_for(self, query_id: str) -> CallbackAnswer | None:
        with self._lock:
            return next((a for a in self._answers if a.query_id == query_id), None)

    # ----- internals: state (call with the lock held) -----------------------------------------

    def _ensure_chat(self, chat_id: int, chat_type: str | None) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type is None:
                chat_type = "private" if chat_id > 0 else ("supergroup" if str(chat_id).startswith("-100") else "group")
            chat = _Chat(id=chat_id, type=chat_type)
            self._chats[chat_id] = chat
        elif chat_type is not None:
            chat.type = chat_type
        return chat

    def _user_json(
        self,
        user_id: int,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        user = self._users.get(user_id)
        if user is None:
            user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}"}
            if language_code:
                user["language_code"] = language_code
            self._users[user_id] = user
        if first_name is not None:
            user["first_name"] = first_name
        if username is not None:
            user["username"] = username
        return dict(user)

    def _bot_json(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _new_message_base(self, chat: _Chat, sender: dict[str, Any]) -> dict[str, Any]:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return {"message_id": message_id, "from": sender, "chat": chat.as_json(), "date": int(time.time())}

    def _queue_update(self, kind: str, payload: dict[str, Any]) -> None:
        self._updates.append({"update_id": next(self._update_ids), kind: payload})
        self._changed.notify_all()
        self._wake_pollers()

    def _queue_my_chat_member(self, chat: _Chat, by_user_id: int, old: str, new: str) -> None:
        bot = self._bot_json()

        def member(status: str) -> dict[str, Any]:
            if status == "administrator":
                return self._admin_member(bot, chat)
            if status == "kicked":
                return {"status": "kicked", "user": bot, "until_date": 0}
            return {"status": status, "user": bot}

        self._queue_update(
            "my_chat_member",
            {
                "chat": chat.as_json(),
                "from": self._user_json(by_user_id),
                "date": int(time.time()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    @staticmethod
    def _admin_member(user: dict[str, Any], chat: _Chat | None = None) -> dict[str, Any]:
        rights = [
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        ]
        data: dict[str, Any] = {"status": "administrator", "user": user}
        data.update({r: r not in ("can_be_edited", "is_anonymous") for r in rights})
        if chat is not None and chat.type == "channel":
            # Channel admins have these rights too; only the bot's right to post varies here.
            data.update(can_post_messages=chat.bot_can_post, can_edit_messages=True)
        return data

    def _member_json(self, chat: _Chat, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            if not chat.bot_member:
                return {"status": "kicked", "user": self._bot_json(), "until_date": 0}
            if chat.bot_is_admin:
                return self._admin_member(self._bot_json(), chat)
            return {"status": "member", "user": self._bot_json()}
        user = self._user_json(user_id)
        if chat.type != "private" and user_id == chat.creator:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if chat.type != "private" and user_id in chat.admins:
            return self._admin_member(user)
        return {"status": "member", "user": user}

    def _message_json(self, m: SentMessage) -> dict[str, Any]:
        chat = self._chats[m.chat_id]
        data: dict[str, Any] = {
            "message_id": m.message_id,
            "from": self._bot_json(),
            "chat": chat.as_json(),
            "date": int(time.time()),
            "text": m.plain_text,
        }
        if m.entities:
            data["entities"] = list(m.entities)
        if m.reply_markup:
            data["reply_markup"] = m.reply_markup
        if m.kind != "send":
            data["edit_date"] = int(time.time())
        return data

    def _record(self, message: SentMessage) -> None:
        self._log.append(message)
        self._current[(message.chat_id, message.message_id)] = message
        self._changed.notify_all()

    def _wake_pollers(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._set_update_event()
        else:
            loop.call_soon_threadsafe(self._set_update_event)

    def _set_update_event(self) -> None:
        # Waiters grab the current event; replacing it after set() gives each wake-up a fresh one.
        if self._update_event is not None:
            self._update_event.set()
            self._update_event = asyncio.Event()

    def _resolve_chat(self, params: _Params) -> _Chat:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        raw_text = str(raw)
        if raw_text.startswith("@"):
            for chat in self._chats.values():
                if chat.username and "@" + chat.username.lower() == raw_text.lower():
                    return chat
            raise make_error("chat_not_found")
        try:
            chat_id = int(raw_text)
        except ValueError:
            raise make_error("chat_not_found") from None
        chat = self._chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise make_error("chat_not_found")
            chat = self._ensure_chat(chat_id, None)
        return chat

    def _check_writable(self, chat: _Chat) -> None:
        if chat.migrated_to is not None:
            raise make_error("migrated", migrate_to_chat_id=chat.migrated_to)
        if chat.blocked is not None:
            raise chat.blocked
        if chat.type == "channel":
            if not chat.bot_member:
                raise make_error("not_channel_member")
            if not chat.bot_is_admin:
                raise make_error("channel_admin_required")
            if not chat.bot_can_post:
                raise make_error("channel_cannot_post")

    def _injection_for(self, method: str, params: dict[str, Any]) -> Injection | None:
        if not self._injections:
            return None
        chat_id: int | None
        try:
            chat_id = int(params["chat_id"]) if params.get("chat_id") is not None else None
        except (TypeError, ValueError):
            chat_id = None
        for injection in self._injections:
            if injection.method == method and injection.chat_id in (None, chat_id):
                injection.hits += 1
                self._injected += 1
                if injection.remaining is not None:
                    injection.remaining -= 1
                    if injection.remaining <= 0:
                        self._injections.remove(injection)
                return injection
        return None

    def _rate_check(self, chat: _Chat, *, paid: bool = False) -> None:
        limits = self.rate_limits
        if limits is None:
            return
        now = time.monotonic()
        scale = limits.scale or 1.0
        checks: list[tuple[Any, tuple[int, float]]] = []
        overall = limits.paid_overall if paid else limits.overall
        if overall:
            checks.append(("overall", overall))
        per_chat = limits.private_chat if chat.type == "private" else limits.group_chat
        if per_chat:
            checks.append((chat.id, per_chat))
        wait = 0.0
        for key, (max_count, window) in checks:
            window = window / scale
            stamps = self._windows.setdefault(key, deque())
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= max_count:
                wait = max(wait, stamps[len(stamps) - max_count] + window - now)
        if wait > 0:
            self._rate_limited += 1
            raise make_error("retry_after", retry_after=max(1, math.ceil(wait)))
        for key, _ in checks:
            self._windows[key].append(now)

    def _text_content(self, params: _Params) -> tuple[str, str, str | None, tuple[dict[str, Any], ...]]:
        text = params.str("text")
        if text is None or text == "":
            raise ApiError(400, "Bad Request: message text is empty")
        parse_mode = params.str("parse_mode") or None
        entities: list[dict[str, Any]] = []
        if parse_mode is not None and parse_mode.lower() == "html":
            try:
                plain, entities = parse_html(text)
            except HtmlParseError as err:
                raise ApiError(400, f"Bad Request: can't parse entities: {err}") from None
        elif parse_mode is not None and parse_mode.lower() not in ("markdown", "markdownv2"):
            raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
        else:
            # Markdown is not validated by this fake; the text is stored as sent.
            plain = text
            entities = params.json("entities") or []
        stripped = plain.strip()
        if not stripped:
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(stripped) > MAX_MESSAGE_UTF16:
            raise ApiError(400, "Bad Request: message is too long")
        return text, plain, parse_mode, tuple(entities)

    @staticmethod
    def _validate_markup(markup: Any) -> dict[str, Any] | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if sum(len(row) for row in markup.get("inline_keyboard", [])) > MAX_INLINE_BUTTONS:
            raise ApiError(400, "Bad Request: reply markup is too long")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if data is None and not any(
                    k in button
                    for k in (
                        "url",
                        "switch_inline_query",
                        "web_app",
                        "login_url",
                        "pay",
                        "copy_text",
                        "callback_game",
                        "switch_inline_query_current_chat",
                        "switch_inline_query_chosen_chat",
                    )
                ):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
        return markup

    # ----- internals: HTTP -------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        prefix, _, method = path.partition("/")
        if not prefix.startswith("bot") or not method or "/" in method:
            return self._respond(ApiError(404, "Not Found").body(), 404)
        if prefix[3:] != self.token:
            return self._respond(ApiError(401, "Unauthorized").body(), 401)
        params = await self._read_params(request)
        key = method.lower()
        handler = self._METHODS.get(key)
        with self._lock:
            self._request_counts[method] = self._request_counts.get(method, 0) + 1
            self._calls.append((method, params))
            injection = self._injection_for(key, params) if handler else None
        if handler is None:
            return self._respond(ApiError(404, "Not Found").body(), 404)
        try:
            if injection is not None:
                if isinstance(injection.error, ApiError):
                    raise injection.error
                return await self._delayed(request, handler, _Params(params), injection.error)
            result = handler(self, _Params(params))
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as err:
            return self._respond(err.body(), err.code)
        return self._respond({"ok": True, "result": result}, 200)

    async def _delayed(self, request: web.Request, handler: Any, params: _Params, delay: Delay) -> web.Response:
        result: Any = None
        error: ApiError | None = None

        async def run() -> None:
            nonlocal result, error
            try:
                result = handler(self, params)
                if asyncio.iscoroutine(result):
                    result = await result
            except ApiError as err:
                error = err

        if delay.delivered:
            await run()
        assert self._stop_event is not None
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), delay.seconds)
        if not delay.delivered:
            transport = request.transport
            if transport is None or transport.is_closing():
                return self._respond(make_error("server_error").body(), 500)  # nobody listens
            await run()
        if error is not None:
            return self._respond(error.body(), error.code)
        return self._respond({"ok": True, "result": result}, 200)

    @staticmethod
    async def _read_params(request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if not request.can_read_body:
            return params
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                return params
            if isinstance(body, dict):
                params.update(body)
            return params
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, str):
                params[name] = value
        for name in _JSON_FIELDS & params.keys():
            if isinstance(params[name], str):
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(params[name])
        return params

    @staticmethod
    def _respond(body: dict[str, Any], status: int) -> web.Response:
        return web.Response(
            body=json.dumps(body, ensure_ascii=False).encode(), status=status, content_type="application/json"
        )

    # ----- API methods (sync ones run under the lock) -----------------------------------------

    def _m_get_me(self, params: _Params) -> dict[str, Any]:
        return {
            **self._bot_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _m_set_webhook(self, params: _Params) -> bool:
        url = params.str("url") or ""
        with self._lock:
            self._webhook = (
                {
                    "url": url,
                    "allowed_updates": params.json("allowed_updates"),
                    "secret_token": params.str("secret_token"),
                }
                if url
                else None
            )
            if params.bool("drop_pending_updates"):
                self._updates.clear()
        if url and (self._webhook_task is None or self._webhook_task.done()):
            self._webhook_task = asyncio.get_running_loop().create_task(self._push_webhook())
        return True

    async def _push_webhook(self) -> None:
        """While a webhook is set, POST queued updates to it one at a time, in order, as Telegram
        does: with the secret header, retrying (after a pause) until the bot answers 2xx."""
        assert self._stop_event is not None
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while not self._stop_event.is_set():
                with self._lock:
                    hook = self._webhook
                    if hook is None:
                        return
                    update = self._updates[0] if self._updates else None
                    event = self._update_event
                if update is None:
                    assert event is not None
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(event.wait(), 0.5)
                    continue
                headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]} if hook["secret_token"] else {}
                status: int | None
                try:
                    async with session.post(hook["url"], json=update, headers=headers) as response:
                        status = response.status
                except (TimeoutError, aiohttp.ClientError):
                    status = None
                with self._lock:
                    self.webhook_answers.append((update["update_id"], status))
                    if status is not None and 200 <= status < 300:
                        self._updates = [u for u in self._updates if u["update_id"] != update["update_id"]]
                    self._changed.notify_all()
                if status is None or status >= 300:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._stop_event.wait(), 0.2)

    def _m_delete_webhook(self, params: _Params) -> bool:
        with self._lock:
            self._webhook = None
            if params.bool("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_get_webhook_info(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            return {
                "url": self._webhook["url"] if self._webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    async def _m_get_updates(self, params: _Params) -> list[dict[str, Any]]:
        offset = params.int("offset", 0) or 0
        limit = min(max(params.int("limit", 100) or 100, 1), 100)
        timeout = max(params.int("timeout", 0) or 0, 0)
        allowed = params.json("allowed_updates")
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._webhook is not None:
                raise make_error("webhook_active")
            if allowed is not None:
                # As on Telegram: the list sticks for later calls; an empty list restores "all".
                self._allowed_updates = list(allowed) or None
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            # A new poll terminates an older one still waiting, which then gets 409 Conflict.
            self._poll_generation += 1
            generation = self._poll_generation
        self._set_update_event()
        deadline = loop.time() + timeout
        assert self._stop_event is not None
        while True:
            with self._lock:
                if self._poll_generation != generation:
                    raise make_error("conflict")
                if self._allowed_updates is not None:
                    self._updates = [u for u in self._updates if self._is_allowed(u)]
                batch = self._updates[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._stop_event.is_set():
                return batch
            event = self._update_event
            assert event is not None
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        assert self._allowed_updates is not None
        return any(k in self._allowed_updates for k in update if k != "update_id")

    def _m_send_message(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            chat = self._resolve_chat(params)
            self._check_writable(chat)
            text, plain, parse_mode, entities = self._text_content(params)
            markup = self._validate_markup(params.json("reply_markup"))
            paid = params.bool("allow_paid_broadcast")
            self._rate_check(chat, paid=paid)
            self._paid += paid
            message_id = chat.next_message_id
            chat.next_message_id += 1
            self._sent += 1
            record = SentMessage(
                chat_id=chat.id,
                message_id=message_id,
                text=text,
                plain_text=plain,
                parse_mode=parse_mode,
                reply_markup=markup,
                entities=entities,
                at=time.monotonic(),
                disable_notification=params.bool("disable_notification"),
                link_preview_options=params.json("link_preview_options"),
            )
            self._record(record)
            return self._message_json(record)

    def _editable(self, params: _Params) -> tuple[_Chat, SentMessage]:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not supported by FakeTelegram")
        chat = self._resolve_chat(params)
        self._check_writable(chat)
        message_id = params.int("message_id")
        if message_id is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        current = self._current.get((chat.id, message_id))
        if current is None:
            if (chat.id, message_id) in self._user_messages:
                raise ApiError(400, "Bad Request: message can't be edited")
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat, current

    _NOT_MODIFIED = (
        "Bad Request: message is not modified: specified new message content and reply markup are "
        "exactly the same as a current content and reply markup of the message"
    )

    def _m_edit_message_text(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            chat, current = self._editable(params)
            text, plain, parse_mode, entities = self._text_content(params)
            markup = self._validate_markup(params.json("reply_markup"))
            if (plain, entities, markup) == (current.plain_text, current.entities, current.reply_markup):
                raise ApiError(400, self._NOT_MODIFIED)
            self._rate_check(chat)
            record = SentMessage(
                chat_id=chat.id,
                message_id=current.message_id,
                text=text,
                plain_text=plain,
                parse_mode=parse_mode,
                reply_markup=markup,
                entities=entities,
                at=time.monotonic(),
                kind="edit_text",
                link_preview_options=params.json("link_preview_options"),
            )
            self._record(record)
            return self._message_json(record)

    def _m_edit_message_reply_markup(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            chat, current = self._editable(params)
            markup = self._validate_markup(params.json("reply_markup"))
            if markup == current.reply_markup or (not markup and not current.reply_markup):
                raise ApiError(400, self._NOT_MODIFIED)
            self._rate_check(chat)
            record = SentMessage(
                chat_id=chat.id,
                message_id=current.message_id,
                text=current.text,
                plain_text=current.plain_text,
                parse_mode=current.parse_mode,
                reply_markup=markup,
                entities=current.entities,
                at=time.monotonic(),
                kind="edit_markup",
            )
            self._record(record)
            return self._message_json(record)

    def _m_delete_message(self, params: _Params) -> bool:
        with self._lock:
            chat = self._resolve_chat(params)
            message_id = params.int("message_id")
            if message_id is None or self._current.pop((chat.id, message_id), None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
            self._changed.notify_all()
            return True

    def _m_answer_callback_query(self, params: _Params) -> bool:
        with self._lock:
            query_id = params.str("callback_query_id") or ""
            if self._pending_queries.pop(query_id, None) is None:
                raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
            text = params.str("text")
            if text is not None and len(text) > 200:
                raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
            self._answers.append(
                CallbackAnswer(query_id, text, params.bool("show_alert"), params.str("url"), time.monotonic())
            )
            self._changed.notify_all()
            return True

    def _commands_scope(self, params: _Params) -> tuple[Any, ...]:
        scope = params.json("scope") or {"type": "default"}
        kind = scope.get("type", "default")
        known = {
            "default",
            "all_private_chats",
            "all_group_chats",
            "all_chat_administrators",
            "chat",
            "chat_administrators",
            "chat_member",
        }
        if kind not in known:
            raise ApiError(400, "Bad Request: wrong parameter scope")
        if kind.startswith("chat"):
            self._resolve_chat(_Params({"chat_id": scope.get("chat_id")}))
        return _scope_key(scope, params.str("language_code"))

    def _m_set_my_commands(self, params: _Params) -> bool:
        commands = params.json("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        for command in commands:
            if not _BOT_COMMAND_NAME.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._lock:
            key = self._commands_scope(params)
            self._commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
            self._changed.notify_all()
        return True

    def _m_get_my_commands(self, params: _Params) -> list[dict[str, str]]:
        with self._lock:
            return list(self._commands.get(self._commands_scope(params), []))

    def _m_delete_my_commands(self, params: _Params) -> bool:
        with self._lock:
            self._commands.pop(self._commands_scope(params), None)
        return True

    def _m_get_chat(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            chat = self._resolve_chat(params)
            if chat.migrated_to is not None:
                raise make_error("migrated", migrate_to_chat_id=chat.migrated_to)
            return {
                **chat.as_json(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }

    def _m_get_chat_member(self, params: _Params) -> dict[str, Any]:
        with self._lock:
            chat = self._resolve_chat(params)
            if chat.migrated_to is not None:
                raise make_error("migrated", migrate_to_chat_id=chat.migrated_to)
            user_id = params.int("user_id")
            if user_id is None:
                raise ApiError(400, "Bad Request: user_id is empty")
            if chat.type == "private" and user_id not in (chat.id, self.bot_id):
                raise ApiError(400, "Bad Request: user not found")
            return self._member_json(chat, user_id)

    def _m_get_chat_administrators(self, params: _Params) -> list[dict[str, Any]]:
        with self._lock:
            chat = self._resolve_chat(params)
            if chat.type == "private":
                raise ApiError(400, "Bad Request: there are no administrators in the private chat")
            if chat.migrated_to is not None:
                raise make_error("migrated", migrate_to_chat_id=chat.migrated_to)
            ids = sorted(chat.admins, key=lambda u: (u != chat.creator, u))
            members = [self._member_json(chat, u) for u in ids]
            if chat.bot_is_admin and chat.bot_member:
                members.append(self._member_json(chat, self.bot_id))
            return members

    def _m_leave_chat(self, params: _Params) -> bool:
        with self._lock:
            chat = self._resolve_chat(params)
            if chat.type == "private":
                raise ApiError(400, "Bad Request: chat member status can't be changed in private chats")
            chat.bot_member = False
            chat.blocked = make_error("not_member")
            self._changed.notify_all()
        return True

    def _m_send_chat_action(self, params: _Params) -> bool:
        with self._lock:
            self._check_writable(self._resolve_chat(params))
        return True

    def _m_true(self, params: _Params) -> bool:
        return True

    _METHODS: ClassVar[dict[str, Callable[..., Any]]] = {
        "getme": _m_get_me,
        "setwebhook": _m_set_webhook,
        "deletewebhook": _m_delete_webhook,
        "getwebhookinfo": _m_get_webhook_info,
        "getupdates": _m_get_updates,
        "sendmessage": _m_send_message,
        "editmessagetext": _m_edit_message_text,
        "editmessagereplymarkup": _m_edit_message_reply_markup,
        "deletemessage": _m_delete_message,
        "answercallbackquery": _m_answer_callback_query,
        "setmycommands": _m_set_my_commands,
        "getmycommands": _m_get_my_commands,
        "deletemycommands": _m_delete_my_commands,
        "getchat": _m_get_chat,
        "getchatmember": _m_get_chat_member,
        "getchatadministrators": _m_get_chat_administrators,
        "leavechat": _m_leave_chat,
        "sendchataction": _m_send_chat_action,
        "close": _m_true,
        "logout": _m_true,
    }
