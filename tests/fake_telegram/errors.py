"""Telegram's error answers: the HTTP status equals error_code, with Telegram's own descriptions."""

from __future__ import annotations

from typing import Any


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
