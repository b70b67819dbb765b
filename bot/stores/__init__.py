"""The bot's tables, one owner each: their queries and records (the DDL is in digests.schema).

chats.py            chats and subscriptions, and each chat's schedule
watchlist.py        keyword watches, mute words, the alert log and its cursor
channel_bindings.py channels an admin bound (the chat itself is a chats row)
lookups.py          button payloads behind short tokens
outbox.py           the outbox queue and breaking broadcasts (outbox_records.py its
                    records, scoped_outbox.py one chat's view of it)
digest_log.py       where each chat's last digest ended
chat_move.py        a chat's new id (group → supergroup): every owner above moves its rows, at once

Nothing here imports telegram or the handlers; bot.delivery and the handlers both use these.
"""
