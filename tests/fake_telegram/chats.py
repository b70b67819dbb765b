"""Bot API methods on the bot and its chats: getMe, getChat, members and admins, leaveChat,
sendChatAction, and the command lists (setMyCommands per scope and language)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.fake_telegram.errors import ApiError, make_error
from tests.fake_telegram.params import Params
from tests.fake_telegram.records import scope_key
from tests.fake_telegram.state import FakeState

_BOT_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class ChatMethods(FakeState):
    """Sync methods: each runs under the lock."""

    def _m_get_me(self, params: Params) -> dict[str, Any]:
        return {
            **self._bot_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _commands_scope(self, params: Params) -> tuple[Any, ...]:
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
            self._resolve_chat(Params({"chat_id": scope.get("chat_id")}))
        return scope_key(scope, params.str("language_code"))

    def _m_set_my_commands(self, params: Params) -> bool:
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

    def _m_get_my_commands(self, params: Params) -> list[dict[str, str]]:
        with self._lock:
            return list(self._commands.get(self._commands_scope(params), []))

    def _m_delete_my_commands(self, params: Params) -> bool:
        with self._lock:
            self._commands.pop(self._commands_scope(params), None)
        return True

    def _m_get_chat(self, params: Params) -> dict[str, Any]:
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

    def _m_get_chat_member(self, params: Params) -> dict[str, Any]:
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

    def _m_get_chat_administrators(self, params: Params) -> list[dict[str, Any]]:
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

    def _m_leave_chat(self, params: Params) -> bool:
        with self._lock:
            chat = self._resolve_chat(params)
            if chat.type == "private":
                raise ApiError(400, "Bad Request: chat member status can't be changed in private chats")
            chat.bot_member = False
            chat.blocked = make_error("not_member")
            self._changed.notify_all()
        return True

    def _m_send_chat_action(self, params: Params) -> bool:
        with self._lock:
            self._check_writable(self._resolve_chat(params))
        return True

    def _m_true(self, params: Params) -> bool:
        return True


CHAT_METHODS: dict[str, Callable[..., Any]] = {
    "getme": ChatMethods._m_get_me,
    "setmycommands": ChatMethods._m_set_my_commands,
    "getmycommands": ChatMethods._m_get_my_commands,
    "deletemycommands": ChatMethods._m_delete_my_commands,
    "getchat": ChatMethods._m_get_chat,
    "getchatmember": ChatMethods._m_get_chat_member,
    "getchatadministrators": ChatMethods._m_get_chat_administrators,
    "leavechat": ChatMethods._m_leave_chat,
    "sendchataction": ChatMethods._m_send_chat_action,
    "close": ChatMethods._m_true,
    "logout": ChatMethods._m_true,
}
