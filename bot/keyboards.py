"""Inline keyboards and their callback_data formats (each ≤ 64 bytes, as Telegram requires).

Formats:
    sub:<slug>            toggle a subscription (slug too long → ``subk:<token>`` via Lookups)
    more:<token>:<offset> next page of a /latest search (query kept server-side)
    push:ok:<token>       confirm a pending /push;  push:no:<token> cancels it
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import admin_texts, texts
from bot.lookups import Lookups

MAX_CALLBACK_BYTES = 64
TOGGLE = "sub:"
TOGGLE_TOKEN = "subk:"
MORE = "more:"
PUSH = "push:"
_PER_ROW = 2
_BUTTON_NAME_CHARS = 24


def slug_data(slug: str, lookups: Lookups) -> str:
    data = TOGGLE + slug
    if len(data.encode()) <= MAX_CALLBACK_BYTES:
        return data
    return TOGGLE_TOKEN + lookups.put("slug", {"slug": slug}, stable=True)


def slug_from_data(data: str, lookups: Lookups) -> str | None:
    if data.startswith(TOGGLE):
        return data[len(TOGGLE) :] or None
    if data.startswith(TOGGLE_TOKEN):
        payload = lookups.get(data[len(TOGGLE_TOKEN) :], "slug", max_age=None)
        return payload["slug"] if payload else None
    return None


def toggle_keyboard(
    slugs: Sequence[str], names: dict[str, str], subscribed: Iterable[str], lookups: Lookups
) -> InlineKeyboardMarkup:
    """One button per category: "✅ name" when subscribed, "➕ name" otherwise."""
    chosen = set(subscribed)
    buttons = []
    for slug in slugs:
        name = names.get(slug, slug)
        if len(name) > _BUTTON_NAME_CHARS:
            name = name[: _BUTTON_NAME_CHARS - 1] + "…"
        mark = "✅" if slug in chosen else "➕"
        buttons.append(InlineKeyboardButton(f"{mark} {name}", callback_data=slug_data(slug, lookups)))
    rows = [buttons[i : i + _PER_ROW] for i in range(0, len(buttons), _PER_ROW)]
    return InlineKeyboardMarkup(rows)


def toggle_slugs(markup: InlineKeyboardMarkup | None, lookups: Lookups) -> list[str]:
    """The categories a toggle keyboard shows, in order (so a toggle keeps the same buttons)."""
    if markup is None:
        return []
    slugs = []
    for row in markup.inline_keyboard:
        for button in row:
            slug = slug_from_data(str(button.callback_data or ""), lookups)
            if slug is not None:
                slugs.append(slug)
    return slugs


def more_keyboard(token: str, offset: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.MORE_BUTTON, callback_data=f"{MORE}{token}:{offset}")]])


def push_keyboard(token: str, *, again: bool = False) -> InlineKeyboardMarkup:
    """Confirm / cancel; ``again`` labels the confirm button for an item that went out before."""
    confirm = admin_texts.PUSH_CONFIRM_AGAIN if again else admin_texts.PUSH_CONFIRM
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(confirm, callback_data=f"{PUSH}ok:{token}"),
                InlineKeyboardButton(admin_texts.PUSH_CANCEL, callback_data=f"{PUSH}no:{token}"),
            ]
        ]
    )
