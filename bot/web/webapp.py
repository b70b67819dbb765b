"""The web app of one bot: webhook, /healthz, /metrics and the admin dashboard on one server."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.state import NewsApp
from bot.web import dashboard, digest_feeds, healthz
from bot.web.auth import Signer, public_origin
from bot.web.guard import RefusalLog
from bot.web.metrics import CONTENT_TYPE, Metrics
from bot.web.webhook import webhook_endpoint


@dataclass
class WebApp:
    asgi: Starlette
    metrics: Metrics
    refusals: RefusalLog  # the server's and the webhook's refused requests, summarised per minute


def webhook_path(webhook_url: str) -> str:
    return urlsplit(webhook_url).path or "/"


def build_web_app(application: NewsApp) -> WebApp:
    """Routes for ``application``; its clock dates sign-in links and sessions."""
    services = application.bot_data.services
    delivery = application.bot_data.delivery
    telegram = services.config.telegram
    metrics = Metrics(services, delivery)
    watch = healthz.SenderWatch(services)
    refusals = RefusalLog(logging.getLogger("bot.web"))

    async def healthz_page(request: Request) -> Response:
        state = healthz.check(services, delivery, watch)
        return JSONResponse(state.as_json(), status_code=200 if state.ok else 503)

    async def metrics_page(request: Request) -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    routes: list[BaseRoute] = [Route("/healthz", healthz_page), Route("/metrics", metrics_page)]
    routes += digest_feeds.routes(services)  # /feeds/<category>.xml: on whenever the web server runs
    if telegram.webhook_url and telegram.secret_token:
        path = webhook_path(telegram.webhook_url)
        count = metrics.webhook_requests.labels
        receive = webhook_endpoint(application, telegram.secret_token, lambda result: count(result).inc(), refusals)
        routes.append(Route(path, receive, methods=["POST"]))
        signer = Signer.from_secret(telegram.secret_token)
        origin = public_origin(telegram.webhook_url)
        routes += dashboard.routes(services, signer, secure=origin.startswith("https:"))
    return WebApp(Starlette(routes=routes), metrics, refusals)
