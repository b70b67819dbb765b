"""`newsbot chat`: talk to the bot in a terminal — same handlers, no token, no network.

A :class:`ConsoleRequest` (a ``telegram.request.BaseRequest``) answers every Bot
API call in-process: sent messages are printed as readable text, inline buttons
as numbered choices.  Typed lines become Update objects fed to
``application.process_update``; typing a number presses that button of the last
keyboard.  Works with stdin as a pipe: ``printf '/latest 京津冀\\n' | newsbot chat``.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from bs4 import BeautifulSoup
from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot import lifecycle, texts
from bot.application import build_application
from bot.instance_lock import InstanceLock
from bot.state import NewsApp
from digests.clock import Clock, utc_now
from digests.config import Config
from digests.store import Store

log = logging.getLogger(__name__)

USER_ID = 1
CHAT_ID = 1
BOT_USER = {"id": 777000001, "is_bot": True, "first_name": texts.CONSOLE_BOT_NAME, "username": "newsbot_console_bot"}
CONSOLE_USER = {"id": USER_ID, "is_bot": False, "first_name": "Console", "language_code": "zh-hans"}
QUIT = {"/quit", "/exit", "/q"}


def html_to_text(html: str) -> str:
    """Telegram HTML as a terminal shows it: tags dropped, links as "text (url)"."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a"):
        href = link.get("href")
        label = link.get_text()
        link.replace_with(f"{label} ({href})" if href and href != label else label)
    return soup.get_text()


def keyboard_line(markup: dict[str, Any] | None, first: int = 1) -> tuple[str, list[str]]:
    """'[1] ✅ 东财滚动新闻  [2] ➕ …' and the callback data in number order."""
    if not markup:
        return "", []
    labels, data = [], []
    number = first
    for row in markup.get("inline_keyboard", []):
        for button in row:
            labels.append(f"[{number}] {button.get('text', '')}")
            data.append(button.get("callback_data", ""))
            number += 1
    return "  ".join(labels), data


@dataclass
class ConsoleRequest(BaseRequest):
    """Answers Bot API calls in-process and prints what the bot says."""

    clock: Clock  # the application's: the dates of the messages it makes up
    write: Callable[[str], None] = print
    chat_id: int = CHAT_ID
    sent: list[dict[str, Any]] = field(default_factory=list)  # every send/edit, raw HTML kept (tests)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    keyboard: tuple[int, int, list[str]] | None = None  # (chat, message id, callback data) of the last keyboard
    channel_names: dict[int, str] = field(default_factory=dict)  # channels named with @name so far
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        super().__init__()

    # BaseRequest interface -----------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        try:
            result = self.call(api_method, params)
        except LookupError as exc:
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {exc.args[0]}"}
            return 400, json.dumps(body, ensure_ascii=False).encode()
        return 200, json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode()

    # Bot API ------------------------------------------------------------------------------------

    def call(self, method: str, params: dict[str, Any]) -> Any:
        name = method.lower()
        if name == "getme":
            return {
                **BOT_USER,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if name == "sendmessage":
            return self._send(params)
        if name == "editmessagetext":
            return self._edit(params, text=True)
        if name == "editmessagereplymarkup":
            return self._edit(params, text=False)
        if name == "answercallbackquery":
            if params.get("text"):
                self.write(f"  💬 {params['text']}")
            return True
        if name == "getchat":
            # ChatFullInfo: the chat plus two fields Telegram always sends.
            return {**self._chat_json(self._chat_id(params["chat_id"])), "accent_color_id": 0, "max_reaction_count": 0}
        if name == "getchatmember":
            chat_id = self._chat_id(params["chat_id"])
            if int(params.get("user_id", 0)) == BOT_USER["id"] and _is_channel(chat_id):
                return _CHANNEL_ADMIN
            return {"status": "creator", "user": CONSOLE_USER, "is_anonymous": False}
        if name == "getupdates":
            return []
        return True  # setMyCommands, deleteWebhook, sendChatAction, …: nothing to show

    def _chat_id(self, raw: object) -> int:
        """A chat id; "@name" maps to a stable channel id (and the name is kept for getChat)."""
        text = str(raw)
        if not text.startswith("@"):
            return int(text)
        chat_id = _CHANNEL_IDS - int(hashlib.sha1(text[1:].casefold().encode()).hexdigest()[:8], 16)
        self.channel_names[chat_id] = text[1:]
        return chat_id

    def _chat_json(self, chat_id: int) -> dict[str, Any]:
        if chat_id == self.chat_id:
            return {"id": chat_id, "type": "private", "first_name": CONSOLE_USER["first_name"]}
        if _is_channel(chat_id):
            name = self.channel_names.get(chat_id)
            return {"id": chat_id, "type": "channel", "title": name or f"频道 {chat_id}", "username": name}
        return {"id": chat_id, "type": "private" if chat_id > 0 else "group", "first_name": f"chat {chat_id}"}

    def _send(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params["chat_id"])
        message = {
            "message_id": next(self._ids),
            "date": int(self.clock().timestamp()),
            "chat": self._chat_json(chat_id),
            "from": BOT_USER,
            "text": html_to_text(str(params.get("text", ""))),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        self.sent.append({"kind": "send", "chat_id": chat_id, **params})
        self._show(chat_id, message)
        return message

    def _edit(self, params: dict[str, Any], *, text: bool) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        key = (chat_id, int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise LookupError("message to edit not found")
        message = dict(message, edit_date=int(self.clock().timestamp()))
        if text:
            message["text"] = html_to_text(str(params.get("text", "")))
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        self.messages[key] = message
        self.sent.append({"kind": "edit", "chat_id": chat_id, **params})
        self._show(chat_id, message, edited=True, text_changed=text)
        return message

    def _show(self, chat_id: int, message: dict[str, Any], *, edited: bool = False, text_changed: bool = True) -> None:
        prefix = "" if chat_id == self.chat_id else texts.console_other_chat(chat_id)
        if edited:
            prefix += texts.CONSOLE_EDITED
        line, data = keyboard_line(message.get("reply_markup"))
        if text_changed:
            self.write(f"\n{prefix}{message['text']}")
        elif line:
            self.write(prefix.strip())
        if line:
            self.write(line)
        if chat_id == self.chat_id:
            if data:
                self.keyboard = (chat_id, message["message_id"], data)
            elif self.keyboard and self.keyboard[1] == message["message_id"]:
                self.keyboard = None  # its buttons were taken away


# In the console every "@name" or -100… id is a channel where the bot is an admin that may post,
# so /channel add can be tried; its posts are printed like any other chat's.
_CHANNEL_IDS = -1_009_000_000_000
_CHANNEL_ADMIN = {
    "status": "administrator",
    "user": BOT_USER,
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_post_messages": True,
    "can_edit_messages": True,
}


def _is_channel(chat_id: int) -> bool:
    return chat_id <= _CHANNEL_IDS or str(chat_id).startswith("-100")


class Console:
    """Feeds typed lines to the application as updates from the console user."""

    def __init__(self, application: NewsApp, request: ConsoleRequest) -> None:
        self.app = application
        self.request = request
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1_000_000)
        self._query_ids = itertools.count(1)

    async def handle_line(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        if line.isdigit() and not line.startswith("0"):
            await self.press(int(line))
            return
        await self.say(line)

    async def say(self, text: str) -> None:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(self.app.bot_data.services.now().timestamp()),
            "chat": {"id": CHAT_ID, "type": "private", "first_name": CONSOLE_USER["first_name"]},
            "from": CONSOLE_USER,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        await self._process({"update_id": next(self._update_ids), "message": message})

    async def press(self, number: int) -> None:
        keyboard = self.request.keyboard
        if keyboard is None or not 1 <= number <= len(keyboard[2]):
            self.request.write(texts.CONSOLE_NO_BUTTON)
            return
        chat_id, message_id, data = keyboard
        message = self.request.messages[(chat_id, message_id)]
        query = {
            "id": str(next(self._query_ids)),
            "from": CONSOLE_USER,
            "chat_instance": str(chat_id),
            "message": message,
            "data": data[number - 1],
        }
        await self._process({"update_id": next(self._update_ids), "callback_query": query})

    async def _process(self, data: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(data, self.app.bot))


def console_config(config: Config) -> Config:
    """The console user is an admin, so /push, /stats and /ingest can be tried."""
    admins = tuple(dict.fromkeys((*config.telegram.admins, USER_ID)))
    return replace(config, telegram=replace(config.telegram, admins=admins))


async def start_console_app(
    config: Config, store: Store, write: Callable[[str], None]
) -> tuple[NewsApp, ConsoleRequest]:
    """Build and start the application on a ConsoleRequest (as run_polling would, minus polling)."""
    request = ConsoleRequest(store.clock, write)
    # Without a token the outbox sender "sends" into the console; with one, newsbot run owns delivery.
    delivery = config.telegram.mode == "console"
    app = build_application(console_config(config), store, request=request, delivery=delivery, clock=store.clock)
    if app.bot_data.delivery is not None:
        # On a live bot's database too: this sender only ever sees the console chat's own rows.
        app.bot_data.delivery.only_chat = request.chat_id

        async def send_to_console(chat_id: int, html: str) -> object:
            return await app.bot.send_message(chat_id, html)

        app.bot_data.delivery.send = send_to_console
    await lifecycle.start(app)
    return app, request


async def stop_console_app(app: NewsApp) -> None:
    await lifecycle.stop(app)


async def run_console_async(config: Config, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if isinstance(stdin, io.TextIOWrapper):
        # A line cut inside a UTF-8 character (a pipe, a terminal paste) reads as U+FFFD, not a crash.
        stdin.reconfigure(errors="replace")

    def write(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    # A console lock a real `newsbot run` respects (it refuses to start beside an open console);
    # taken before the store opens and released after it closes (bot.instance_lock).
    lock = InstanceLock(config.store.path, console=True) if str(config.store.path) != ":memory:" else None
    if lock is not None:
        lock.acquire()
    try:
        return await _run_console_locked(config, stdin, write)
    finally:
        if lock is not None:
            lock.release()


async def _run_console_locked(config: Config, stdin: TextIO, write: Callable[[str], None]) -> int:
    from digests.ingest import ingest

    store = Store(config.store.path, display_names=config.categories, clock=utc_now)
    try:
        report = await asyncio.to_thread(ingest, store, config.posts.dirs, tz=config.posts_tz)
        write(texts.console_loaded(report, store.count(), config.store.path))
        app, request = await start_console_app(config, store, write)
        try:
            write(texts.CONSOLE_INTRO)
            console = Console(app, request)
            interactive = stdin.isatty()
            while True:
                if interactive:
                    try:
                        line = await asyncio.to_thread(input, texts.CONSOLE_PROMPT)
                    except EOFError:
                        break
                else:
                    line = await asyncio.to_thread(stdin.readline)
                    if not line:
                        break
                    if line.strip():
                        write(f"\n{texts.CONSOLE_PROMPT}{line.strip()}")
                if line.strip() in QUIT:
                    break
                await console.handle_line(line)
        finally:
            await stop_console_app(app)
    finally:
        store.close()
    return 0


def run_console(config: Config) -> int:
    """Run the local chat console until /quit or end of input; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return asyncio.run(run_console_async(config))
    except KeyboardInterrupt:
        return 0
