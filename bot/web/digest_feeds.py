"""/feeds/<category>.xml: a category's daily digests of the last week as an Atom feed.

Served by the bot's web server (so on whenever it runs, off otherwise); composed off the event
loop with the bot's shared story cache (bot.delivery.compose), like /digest.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.state import Services
from bot.web.auth import public_origin
from digests.feeds.atom_out import digest_feed

DAYS = 7
CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def routes(services: Services) -> list[Route]:
    async def category_feed(request: Request) -> Response:
        slug = request.path_params["slug"]
        category = services.store.category(slug) if len(slug) <= 64 else None
        if category is None:
            return PlainTextResponse("unknown category", status_code=404)
        config = services.config.digest
        now = services.now()
        today = now.astimezone(config.tz).date()
        digests = []
        for back in range(DAYS):
            digest = await services.composer.digest_off_loop(
                slug, day=today - timedelta(days=back), tz=config.tz, top_n=config.top_n, max_chars=config.max_chars
            )
            if not digest.is_empty:
                digests.append(digest)
        # Behind a reverse proxy the request's own URL is the proxy's upstream: the public origin
        # (telegram.webhook_url) names the feed, and its host keeps the entry ids stable.
        webhook_url = services.config.telegram.webhook_url
        origin = public_origin(webhook_url) if webhook_url else str(request.base_url).rstrip("/")
        body = digest_feed(
            digests,
            slug=slug,
            name=category.display_name,
            self_url=f"{origin}/feeds/{slug}.xml",
            updated=now,
            authority=(urlsplit(webhook_url).hostname if webhook_url else None) or "newsbot.invalid",
        )
        return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "max-age=300"})

    return [Route("/feeds/{slug}.xml", category_feed)]
