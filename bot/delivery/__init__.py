"""Delivery: every pushed message goes through the outbox (``outbox``), is sent within
Telegram's limits by one sender (``sender``, its state in ``health``), daily digests are
queued at each chat's time (``scheduling``) and keyword alerts after each ingest run
(``alerts``); ``service.Delivery`` ties them to one running bot. Everything the bot sends — the
sender's rows and the handlers' replies (``limiter``) — takes its turn in one ``budget``.

Nothing here imports the handlers or the application state: the arrows point in only.
"""
