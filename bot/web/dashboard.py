"""The admin dashboard's routes: sign-in by one-time link, the overview, and digest previews.

Pages are Jinja2 templates with autoescaping on, so article text (titles, rejected-file
reasons, category names) is always escaped; the digest preview shows Telegram's HTML both
as source and rendered through :func:`telegram_html_to_safe_html`, which keeps only the tags
Telegram allows and only http(s) links.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from bot import admin_texts
from bot.state import Services
from bot.web import figures
from bot.web.auth import (
    LOGIN_PATH,
    SESSION_COOKIE,
    SESSION_SECONDS,
    Signer,
    SignInRefused,
    make_session,
    redeem_login,
    session_user,
)

log = logging.getLogger(__name__)

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


@dataclass(frozen=True)
class Bar:
    x: float
    label: str
    sent: int
    failed: int
    sent_h: float
    failed_h: float


CHART_W, CHART_H, BAR_W = 700, 200, 36


def chart(days: list[figures.DayRow]) -> list[Bar]:
    """Bar geometry for the per-day SVG: sent stacked on failed, scaled to the busiest day."""
    top = max((d.sent + d.failed for d in days), default=0) or 1
    step = CHART_W / max(1, len(days))
    return [
        Bar(
            x=i * step + (step - BAR_W) / 2,
            label=d.day.strftime("%m-%d"),
            sent=d.sent,
            failed=d.failed,
            sent_h=CHART_H * d.sent / top,
            failed_h=CHART_H * d.failed / top,
        )
        for i, d in enumerate(days)
    ]


def routes(services: Services, signer: Signer, *, secure: bool) -> list[BaseRoute]:
    def wall_clock() -> float:  # signed links and sessions count in epoch seconds
        return services.now().timestamp()

    def signed_in(request: Request) -> int | None:
        user = session_user(signer, request.cookies.get(SESSION_COOKIE), now=wall_clock())
        return user if services.is_admin(user) else None

    def refused(request: Request, why: str) -> Response:
        return TEMPLATES.TemplateResponse(request, "refused.html", {"why": why}, status_code=403)

    async def login(request: Request) -> Response:
        try:
            user = redeem_login(signer, services.lookups, request.query_params.get("t", ""), now=wall_clock())
        except SignInRefused as exc:
            log.warning("dashboard: refused sign-in from %s: %s", request.client.host if request.client else "?", exc)
            return refused(request, admin_texts.DASHBOARD_LINK_REFUSED)
        if not services.is_admin(user):
            log.warning("dashboard: refused sign-in of user %s (not an admin)", user)
            return refused(request, admin_texts.DASHBOARD_ADMINS_ONLY)
        log.info("dashboard: user %s signed in", user)
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            make_session(signer, user, now=wall_clock()),
            max_age=SESSION_SECONDS,
            path="/dashboard",
            httponly=True,
            secure=secure,
            samesite="strict",
        )
        return response

    async def overview(request: Request) -> Response:
        if signed_in(request) is None:
            return refused(request, admin_texts.DASHBOARD_SIGN_IN_FIRST)
        data = figures.overview(services)
        context = {
            "o": data,
            "bars": chart(data.days),
            "chart_w": CHART_W,
            "chart_h": CHART_H,
            "bar_w": BAR_W,
            "all_categories": services.categories(),
        }
        return TEMPLATES.TemplateResponse(request, "overview.html", context)

    async def preview(request: Request) -> Response:
        if signed_in(request) is None:
            return refused(request, admin_texts.DASHBOARD_SIGN_IN_FIRST)
        slug = request.query_params.get("category", "")
        known = {c.slug: c for c in services.categories()}
        if slug not in known:
            return TEMPLATES.TemplateResponse(
                request, "refused.html", {"why": admin_texts.dashboard_unknown_category(slug)}, status_code=404
            )
        data = figures.preview(services, slug)
        rendered = [telegram_html_to_safe_html(m) for m in data.messages]
        context = {"p": data, "rendered": rendered, "all_categories": list(known.values())}
        return TEMPLATES.TemplateResponse(request, "preview.html", context)

    return [
        Route(LOGIN_PATH, _hardened(login)),
        Route("/dashboard", _hardened(overview)),
        Route("/dashboard/preview", _hardened(preview)),
    ]


# No script may run on these pages even if some text escaped its escaping; nothing is cached, and
# no page (the sign-in link least of all) leaks its URL to the sites article links point to.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


def _hardened(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    async def wrapped(request: Request) -> Response:
        response = await endpoint(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return wrapped


# --- Telegram HTML → HTML safe to show in our page --------------------------------------------------

_KEEP = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote", "tg-spoiler"}


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.out.append(f'<a href="{html.escape(href)}" rel="noopener noreferrer" target="_blank">')
            else:
                self.out.append("<a>")
            self.open.append("a")
        elif tag in _KEEP or (tag == "span" and ("class", "tg-spoiler") in attrs):
            name = "span" if tag in ("span", "tg-spoiler") else tag
            self.out.append(f"<{name}>")
            self.open.append(name)

    def handle_endtag(self, tag: str) -> None:
        name = "span" if tag in ("span", "tg-spoiler") else tag
        if name in self.open:
            while self.open:
                top = self.open.pop()
                self.out.append(f"</{top}>")
                if top == name:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data))


def telegram_html_to_safe_html(text: str) -> Markup:
    parser = _Sanitizer()
    parser.feed(text)
    parser.close()
    closing = "".join(f"</{name}>" for name in reversed(parser.open))
    return Markup("".join(parser.out) + closing)
