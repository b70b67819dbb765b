"""Setting the scene and playing the users: chats, admins, blocks, upgrades, faults, limits, and
what users do (send a message, press a button, add or remove the bot, post in a channel)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from tests.fake_telegram.errors import ApiError, make_error
from tests.fake_telegram.faults import Delay, Injection
from tests.fake_telegram.html import utf16_len
from tests.fake_telegram.ratelimits import RateLimits
from tests.fake_telegram.state import FakeState

_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram marks in a text (offsets in UTF-16 units)."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _COMMAND_RE.finditer(text)
    ]


class Scenario(FakeState):
    """The test's side of the conversation."""

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
        with self._lock:
            return self._injections.arm(
                method,
                chat_id,
                error,
                times,
                retry_after=retry_after,
                migrate_to_chat_id=migrate_to_chat_id,
                delay=delay,
            )

    def clear_injections(self) -> None:
        with self._lock:
            self._injections.clear()

    def set_rate_limits(self, limits: RateLimits | None) -> None:
        """Turn rate-limit enforcement on (or off with None); resets the sliding windows."""
        with self._lock:
            self._limiter.reset(limits)

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
            entities = command_entities(text)
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
            entities = command_entities(text)
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
