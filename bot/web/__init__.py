"""The bot's web side (webhook mode): one ASGI app on ``telegram.listen:port``.

``app`` builds the Starlette app (routes below), ``server`` runs it with uvicorn inside the
bot's event loop; ``webhook`` takes Telegram's updates, ``health`` and ``metrics`` answer
monitoring, ``auth`` + ``figures`` + ``dashboard`` make the admin dashboard. bot/runner.py only
chooses polling or this.
"""
