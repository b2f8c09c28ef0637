"""Per-client request limits that track no one.

The client's address is read for one purpose only: it is turned into a keyed
digest (the key is random per process and never leaves memory) and counted in a
fixed window held in this process's memory. Nothing goes to disk, the database
or a log, and a window is forgotten once it is over. Each worker process counts
for itself, which is fine for a limit that only has to make guessing slow.

Over a bucket's per-client limit a request gets 429 and the friendly error
page. All clients together are never refused: beyond the global pace every
request is slowed down by at most a second, so a flood cannot lock everyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import Flask, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.timeutil import utcnow

EXTENSION = "klankbord_ratelimit"
EVERYONE = "*"
MAX_WINDOWS = 50_000  # beyond this, finished windows are forgotten at once

# The slow-down; tests replace it to see it without waiting.
sleep: Callable[[float], None] = time.sleep

View = Callable[..., Any]


class Counters:
    """Fixed-window counts per (bucket, client digest), in memory only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], tuple[datetime, int]] = {}
        self._key = secrets.token_bytes(32)

    def client(self, address: str) -> str:
        """A digest that cannot be turned back into the address without this process."""
        return hmac.new(self._key, address.encode(), hashlib.sha256).hexdigest()[:32]

    def count(self, bucket: str, client: str, now: datetime, window: timedelta) -> int:
        with self._lock:
            start, count = self._windows.get((bucket, client), (now, 0))
            return count if now - start < window else 0

    def add(self, bucket: str, client: str, now: datetime, window: timedelta) -> int:
        with self._lock:
            start, count = self._windows.get((bucket, client), (now, 0))
            if now - start >= window:
                start, count = now, 0
            self._windows[(bucket, client)] = (start, count + 1)
            if len(self._windows) > MAX_WINDOWS:
                self._forget(now, window)
            return count + 1

    def _forget(self, now: datetime, window: timedelta) -> None:
        self._windows = {k: v for k, v in self._windows.items() if now - v[0] < window}
        if len(self._windows) > MAX_WINDOWS:
            self._windows.clear()  # forgetting errs on the side of the visitor


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Counters()
    if hops := app.config.get("PROXY_HOPS", 0):
        # The address the proxy saw, for the per-client count; like every address here
        # it only lives in the request's memory.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)  # type: ignore[method-assign]


def rate_limited(
    bucket: str, *, failures_only: bool = False, action: str | None = None
) -> Callable[[View], View]:
    """Limit the POSTs of a view per client (settings: config/limits.py).

    ``failures_only`` counts only answers of 400 and up, such as a wrong password;
    ``action`` counts only posts whose ``action`` field has that value (a wizard's
    "send", not its "next").
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            config = current_app.config
            if (
                request.method != "POST"
                or not config.get("RATE_LIMIT_ENABLED", True)
                or (action is not None and request.form.get("action") != action)
            ):
                return view(*args, **kwargs)
            counters: Counters = current_app.extensions[EXTENSION]
            now = utcnow()
            window = timedelta(seconds=config["RATE_LIMIT_WINDOW_SECONDS"])
            if counters.add(bucket, EVERYONE, now, window) > config["RATE_LIMIT_GLOBAL"]:
                sleep(min(config["RATE_LIMIT_GLOBAL_DELAY"], 1.0))
            limit = config["RATE_LIMITS"].get(bucket, 0)
            if not limit:
                return view(*args, **kwargs)
            address = request.remote_addr or ""  # ok: held in memory for the rate-limit window only
            client = counters.client(address)
            if failures_only:
                if counters.count(bucket, client, now, window) >= limit:
                    abort(429)
                response = current_app.make_response(view(*args, **kwargs))
                if response.status_code >= 400:
                    counters.add(bucket, client, now, window)
                return response
            if counters.add(bucket, client, now, window) > limit:
                abort(429)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def allow(bucket: str, key: str, limit: int, window: timedelta) -> bool:
    """Count one attempt for ``key`` (e.g. a browser session's random lookup key) in
    process memory; False once ``limit`` attempts fall in the window.

    For public routes: a counter in the database would date the attempt.
    """
    counters: Counters = current_app.extensions[EXTENSION]
    return counters.add(bucket, counters.client(key), utcnow(), window) <= limit
