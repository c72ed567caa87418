"""What every response carries, and who may ask: headers, token, safe links."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
SESSION_COOKIE = "newsprism_session"
SAFE_SCHEMES = ("http", "https")


def safe_href(url: str | None) -> str | None:
    """The URL if it may become a link (http or https), else None: never ``javascript:``."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch >= " ")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return cleaned


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def session_value(token: str) -> str:
    """What the cookie holds: a digest of the token, never the token itself."""
    return hashlib.sha256(f"newsprism-session\n{token}".encode()).hexdigest()


Handler = Callable[[Request], Awaitable[Response]]


def guard(token: str | None) -> Callable[[Request, Handler], Awaitable[Response]]:
    """Middleware: the token check (when one is set), then the security headers."""

    async def middleware(request: Request, call_next: Handler) -> Response:
        response = await _checked(request, call_next)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def _checked(request: Request, call_next: Handler) -> Response:
        if token is None:
            return await call_next(request)
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given.encode(), token.encode()):
            # Trade the token in the address for a cookie and drop it from the address.
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                SESSION_COOKIE, session_value(token), httponly=True, samesite="strict"
            )
            return response
        header = request.headers.get("authorization", "")
        bearer = header[7:] if header.lower().startswith("bearer ") else ""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        if (bearer and hmac.compare_digest(bearer.encode(), token.encode())) or (
            cookie and hmac.compare_digest(cookie.encode(), session_value(token).encode())
        ):
            return await call_next(request)
        return JSONResponse(
            {"error": "a token is needed: Authorization: Bearer TOKEN, or open ?token=TOKEN"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )

    return middleware
