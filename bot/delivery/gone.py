"""A bound channel that stopped taking our posts is reported to the admins, once."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot import admin_texts
from bot.stores.channel_bindings import ChannelStore
from bot.stores.outbox import Outbox

# 400 answers that mean the chat is gone for us (the sender marks it inactive).
GONE_400 = (
    "chat not found",
    "peer_id_invalid",
    "user not found",
    "chat_write_forbidden",
    "need administrator rights",  # a channel where the bot is no longer an admin
    "not enough rights",  # a channel admin without the right to post
)

log = logging.getLogger(__name__)


def report_gone(channels: ChannelStore, outbox: Outbox, admins: Sequence[int], chat_id: int, reason: str) -> bool:
    """A bound channel stopped taking our posts: tell the admins, once (True if queued now)."""
    with outbox.transaction():  # claimed and queued together: never claimed and then lost
        bound = channels.claim_gone_report(chat_id)
        if bound is None:
            return False
        html = admin_texts.channel_gone_report(bound.title, chat_id, reason)
        ref = f"channel-gone:{chat_id}:{outbox.stamp()}"
        for admin in admins:
            outbox.enqueue_messages(admin, "report", ref, [html])
    log.warning("channel %s (%s) is gone: %s; reported to the admins", chat_id, bound.title, reason)
    return True
