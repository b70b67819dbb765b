"""Delivery: every pushed message goes through the outbox (``outbox``), is sent within
Telegram's limits by one sender (``sender``), and daily digests are queued at each
chat's time (``scheduling``), keyword alerts after each ingest run (``alerts``);
``service.Delivery`` ties them to one running bot.

Nothing here imports the handlers or the application state: the arrows point in only.
"""
