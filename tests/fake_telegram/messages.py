"""Bot API methods on messages: sendMessage, editMessageText, editMessageReplyMarkup,
deleteMessage and answerCallbackQuery, validated as Telegram validates them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.fake_telegram.errors import ApiError
from tests.fake_telegram.html import HtmlParseError, parse_html, utf16_len
from tests.fake_telegram.params import Params
from tests.fake_telegram.records import CallbackAnswer, Chat, SentMessage
from tests.fake_telegram.state import FakeState

MAX_MESSAGE_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100  # Telegram refuses an inline keyboard of more buttons


class MessageMethods(FakeState):
    """Sync methods: each runs under the lock."""

    def _m_send_message(self, params: Params) -> dict[str, Any]:
        with self._lock:
            chat = self._resolve_chat(params)
            self._check_writable(chat)
            content = self._text_content(params)
            markup = self._validate_markup(params.json("reply_markup"))
            paid = params.bool("allow_paid_broadcast")
            self._rate_check(chat, paid=paid)
            self._paid += paid
            message_id = chat.next_message_id
            chat.next_message_id += 1
            self._sent += 1
            return self._store(chat.id, message_id, content, markup, params, "send")

    def _store(
        self,
        chat_id: int,
        message_id: int,
        content: tuple[str, str, str | None, tuple[dict[str, Any], ...]],
        markup: dict[str, Any] | None,
        params: Params,
        kind: str,
    ) -> dict[str, Any]:
        """Record a send or edit (``content`` as _text_content gives it) and answer with the message."""
        text, plain, parse_mode, entities = content
        record = SentMessage(
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            plain_text=plain,
            parse_mode=parse_mode,
            reply_markup=markup,
            entities=entities,
            at=time.monotonic(),
            kind=kind,
            disable_notification=kind == "send" and params.bool("disable_notification"),
            link_preview_options=params.json("link_preview_options"),
        )
        self._record(record)
        return self._message_json(record)

    def _editable(self, params: Params) -> tuple[Chat, SentMessage]:
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

    def _m_edit_message_text(self, params: Params) -> dict[str, Any]:
        with self._lock:
            chat, current = self._editable(params)
            content = self._text_content(params)
            markup = self._validate_markup(params.json("reply_markup"))
            _, plain, _, entities = content
            if (plain, entities, markup) == (current.plain_text, current.entities, current.reply_markup):
                raise ApiError(400, self._NOT_MODIFIED)
            self._rate_check(chat)
            return self._store(chat.id, current.message_id, content, markup, params, "edit_text")

    def _m_edit_message_reply_markup(self, params: Params) -> dict[str, Any]:
        with self._lock:
            chat, current = self._editable(params)
            markup = self._validate_markup(params.json("reply_markup"))
            if markup == current.reply_markup or (not markup and not current.reply_markup):
                raise ApiError(400, self._NOT_MODIFIED)
            self._rate_check(chat)
            content = (current.text, current.plain_text, current.parse_mode, current.entities)
            return self._store(chat.id, current.message_id, content, markup, Params({}), "edit_markup")

    def _m_delete_message(self, params: Params) -> bool:
        with self._lock:
            chat = self._resolve_chat(params)
            message_id = params.int("message_id")
            if message_id is None or self._current.pop((chat.id, message_id), None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
            self._changed.notify_all()
            return True

    def _m_answer_callback_query(self, params: Params) -> bool:
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

    def _rate_check(self, chat: Chat, *, paid: bool = False) -> None:
        self._limiter.check(chat.id, chat.type == "private", paid=paid)

    def _text_content(self, params: Params) -> tuple[str, str, str | None, tuple[dict[str, Any], ...]]:
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


MESSAGE_METHODS: dict[str, Callable[..., Any]] = {
    "sendmessage": MessageMethods._m_send_message,
    "editmessagetext": MessageMethods._m_edit_message_text,
    "editmessagereplymarkup": MessageMethods._m_edit_message_reply_markup,
    "deletemessage": MessageMethods._m_delete_message,
    "answercallbackquery": MessageMethods._m_answer_callback_query,
}
