"""Password-less dashboard sign-in: one-time links signed with a secret, then a session cookie.

An admin sends /dashboard in a private chat and gets a link
``<origin>/dashboard/login?t=<nonce>.<user>.<expires>.<signature>``. The signature
(HMAC-SHA256 over the rest) makes the link unforgeable, ``expires`` (10 minutes) makes it
short-lived, and the nonce is a row in the ``lookups`` table that the first sign-in
deletes, so a link works once. The session cookie is ``<user>.<expires>.<signature>``;
every request re-checks that the user is still an admin.

The key is derived from ``telegram.secret_token``: changing that secret signs everyone out.
This module imports nothing from the web framework so the /dashboard command can use it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.stores.lookups import Lookups

LINK_SECONDS = 10 * 60
SESSION_SECONDS = 12 * 60 * 60
LOGIN_PATH = "/dashboard/login"
SESSION_COOKIE = "newsbot_session"
_LOOKUP_KIND = "dashboard-link"


class SignInRefused(Exception):
    """The message says why (forged, expired, used); the page shows a generic refusal."""


def public_origin(webhook_url: str) -> str:
    """https://bot.example.com/tg/hook → https://bot.example.com (links are built on it)."""
    parts = urlsplit(webhook_url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Signer:
    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> Signer:
        # A key of its own, so a leaked session signature says nothing about the webhook secret.
        return cls(hmac.new(secret.encode(), b"newsbot dashboard", hashlib.sha256).digest())

    def sign(self, purpose: str, *fields: str) -> str:
        mac = hmac.new(self.key, "|".join((purpose, *fields)).encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:24]).decode().rstrip("=")

    def valid(self, signature: str, purpose: str, *fields: str) -> bool:
        # compare_digest raises TypeError on a str with non-ASCII characters: a forged token is
        # simply not valid (compared as bytes, so the time taken still says nothing).
        return hmac.compare_digest(signature.encode("utf-8", "replace"), self.sign(purpose, *fields).encode())


def make_login_link(signer: Signer, lookups: Lookups, origin: str, user_id: int, *, now: float) -> str:
    nonce = lookups.put(_LOOKUP_KIND, {"user": user_id}, chat_id=user_id)
    expires = str(int(now) + LINK_SECONDS)
    token = ".".join((nonce, str(user_id), expires, signer.sign("login", nonce, str(user_id), expires)))
    return f"{origin}{LOGIN_PATH}?t={token}"


def redeem_login(signer: Signer, lookups: Lookups, token: str, *, now: float) -> int:
    """The user id of a valid, unexpired, unused link (the link is used up); else SignInRefused."""
    parts = token.split(".")
    if len(parts) != 4 or not _is_int(parts[1], signed=True) or not _is_int(parts[2]):
        raise SignInRefused("malformed link")
    nonce, user, expires, signature = parts
    if not signer.valid(signature, "login", nonce, user, expires):
        raise SignInRefused("bad signature")
    if int(expires) < now:
        raise SignInRefused("link expired")
    payload = lookups.pop(nonce, _LOOKUP_KIND, max_age=None)
    if payload is None or payload.get("user") != int(user):
        raise SignInRefused("link already used")
    return int(user)


def make_session(signer: Signer, user_id: int, *, now: float) -> str:
    expires = str(int(now) + SESSION_SECONDS)
    return ".".join((str(user_id), expires, signer.sign("session", str(user_id), expires)))


def session_user(signer: Signer, cookie: str | None, *, now: float) -> int | None:
    if not cookie:
        return None
    parts = cookie.split(".")
    if len(parts) != 3 or not _is_int(parts[0], signed=True) or not _is_int(parts[1]):
        return None
    user, expires, signature = parts
    if not signer.valid(signature, "session", user, expires) or int(expires) < now:
        return None
    return int(user)


def _is_int(text: str, *, signed: bool = False) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() then rejects or reads."""
    digits = text[1:] if signed and text.startswith("-") else text
    return digits.isascii() and digits.isdigit() and len(digits) <= 20
