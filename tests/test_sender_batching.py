"""The sender's state writes are batched (issue 17: with synchronous=FULL every commit is a sync):
the outcomes of finished sends are written in the next claim's commit, and nothing is sent twice
or lost."""

from __future__ import annotations

from collections import Counter

from tests.helpers import SenderRig, fast_delivery_config

CHATS = range(5001, 5201)


async def test_outcomes_of_sends_finishing_together_share_a_commit(rig: SenderRig) -> None:
    rig.add_private(*CHATS)
    for chat_id in CHATS:
        rig.outbox.enqueue_messages(chat_id, "alert", "batch", ["批量写入"])
    commits = Counter[str]()
    conn = rig.outbox.db.conn

    def trace(statement: str) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb == "COMMIT" or (verb in ("UPDATE", "INSERT", "DELETE") and not conn.in_transaction):
            commits["commit"] += 1
        if statement.lstrip().startswith("UPDATE outbox SET state = 'sending'"):
            commits["claim"] += 1

    conn.set_trace_callback(trace)
    try:
        await rig.run_until_idle(fast_delivery_config(concurrency=16, global_per_second=5000), timeout=30)
    finally:
        conn.set_trace_callback(None)
    assert Counter(m.chat_id for m in rig.tg.messages() if "批量写入" in m.plain_text) == Counter(CHATS)
    assert rig.outbox.counts() == {"sent": len(CHATS)}
    assert commits["claim"] == len(CHATS)  # each claim is committed before its call
    # Outcomes ride along with the next claim's commit: about one sync per message (before: two).
    assert commits["commit"] <= len(CHATS) * 1.25
