"""What the fake remembers: the bot's messages, callback answers, chats, counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.fake_telegram.errors import ApiError


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
class Chat:
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


def scope_key(scope: dict[str, Any] | str | None, language_code: str | None) -> tuple[Any, ...]:
    """The key setMyCommands stores a command list under (scope type, chat, user, language)."""
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
