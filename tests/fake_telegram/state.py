"""The fake's state (chats, users, messages, queued updates) and the helpers every part uses.

Everything here is guarded by one re-entrant lock: tests drive and inspect the fake from other
threads while the server answers the bot.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from typing import Any

from aiohttp import web

from tests.fake_telegram.errors import ApiError, make_error
from tests.fake_telegram.faults import Injections
from tests.fake_telegram.params import Params
from tests.fake_telegram.ratelimits import RateLimiter, RateLimits
from tests.fake_telegram.records import CallbackAnswer, Chat, SentMessage


class FakeState:
    """What Telegram would know about the bot, its chats and its messages."""

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
        self.strict_chats = strict_chats
        self._host = host
        self._port = port

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)  # notified on every recorded event
        self._chats: dict[int, Chat] = {}
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
        self._injections = Injections()
        self._limiter = RateLimiter(rate_limits)
        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._request_counts: dict[str, int] = {}
        self._sent = 0
        self._paid = 0
        self._webhook_task: asyncio.Task[None] | None = None
        self.webhook_answers: list[tuple[int, int | None]] = []  # (update_id, HTTP status or None)
        self._poll_generation = 0

        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None  # the HTTP server, while it runs
        self._update_event: asyncio.Event | None = None
        self._stop_event: asyncio.Event | None = None
        self._bound_port: int | None = None

    @property
    def rate_limits(self) -> RateLimits | None:
        return self._limiter.limits

    # ----- shared helpers (call with the lock held) ---------------------------------------------

    def _ensure_chat(self, chat_id: int, chat_type: str | None) -> Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type is None:
                chat_type = "private" if chat_id > 0 else ("supergroup" if str(chat_id).startswith("-100") else "group")
            chat = Chat(id=chat_id, type=chat_type)
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

    def _new_message_base(self, chat: Chat, sender: dict[str, Any]) -> dict[str, Any]:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return {"message_id": message_id, "from": sender, "chat": chat.as_json(), "date": int(time.time())}

    def _queue_update(self, kind: str, payload: dict[str, Any]) -> None:
        self._updates.append({"update_id": next(self._update_ids), kind: payload})
        self._changed.notify_all()
        self._wake_pollers()

    def _queue_my_chat_member(self, chat: Chat, by_user_id: int, old: str, new: str) -> None:
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
    def _admin_member(user: dict[str, Any], chat: Chat | None = None) -> dict[str, Any]:
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

    def _member_json(self, chat: Chat, user_id: int) -> dict[str, Any]:
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

    def _resolve_chat(self, params: Params) -> Chat:
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

    def _check_writable(self, chat: Chat) -> None:
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
