"""Inline keyboards and their callback_data formats (each ≤ 64 bytes, as Telegram requires).

Formats:
    sub:<slug>            toggle a subscription (slug too long → ``subk:<token>`` via Lookups)
    subp:<a|s>:<page>     another page of a toggle keyboard: all categories (a) or the chat's own (s)
    more:<token>:<offset> next page of a /latest search (query kept server-side)
    push:ok:<token>       confirm a pending /push;  push:no:<token> cancels it
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import admin_texts, texts
from bot.stores.lookups import Lookups

MAX_CALLBACK_BYTES = 64
TOGGLE = "sub:"
TOGGLE_TOKEN = "subk:"
PAGE = "subp:"
PAGE_SIZE = 20  # categories per keyboard page: Telegram refuses reply markup of more than 100 buttons
MORE = "more:"
PUSH = "push:"
_PER_ROW = 2
_BUTTON_NAME_CHARS = 24
_PAGE_DATA = re.compile(r"subp:([as]):(\d{1,4})")


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
    slugs: Sequence[str],
    names: dict[str, str],
    subscribed: Iterable[str],
    lookups: Lookups,
    nav: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    """One button per category: "✅ name" when subscribed, "➕ name" otherwise; ``nav`` (the ◀ ▶
    row of a paged keyboard) last."""
    chosen = set(subscribed)
    buttons = []
    for slug in slugs:
        name = names.get(slug, slug)
        if len(name) > _BUTTON_NAME_CHARS:
            name = name[: _BUTTON_NAME_CHARS - 1] + "…"
        mark = "✅" if slug in chosen else "➕"
        buttons.append(InlineKeyboardButton(f"{mark} {name}", callback_data=slug_data(slug, lookups)))
    rows = [buttons[i : i + _PER_ROW] for i in range(0, len(buttons), _PER_ROW)]
    if nav:
        rows.append(list(nav))
    return InlineKeyboardMarkup(rows)


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def page_nav(view: str, page: int, total: int) -> list[InlineKeyboardButton]:
    """◀ 2/6 ▶ for page ``page`` (from 0) of ``total`` categories; none when one page holds them all."""
    pages = page_count(total)
    if pages <= 1:
        return []
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(texts.PAGE_PREVIOUS, callback_data=f"{PAGE}{view}:{page - 1}"))
    row.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"{PAGE}{view}:{page}"))
    if page + 1 < pages:
        row.append(InlineKeyboardButton(texts.PAGE_NEXT, callback_data=f"{PAGE}{view}:{page + 1}"))
    return row


def page_from_data(data: str) -> tuple[str, int] | None:
    """(view, page) of a page button in our shape; None for anything else (forged or garbled)."""
    m = _PAGE_DATA.fullmatch(data)
    return (m.group(1), int(m.group(2))) if m else None


def nav_row(markup: InlineKeyboardMarkup | None) -> list[InlineKeyboardButton]:
    """The ◀ ▶ row of a paged toggle keyboard (a toggle redraws the page with it), else []."""
    if markup is None:
        return []
    for row in markup.inline_keyboard:
        if any(str(b.callback_data or "").startswith(PAGE) for b in row):
            return list(row)
    return []


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
