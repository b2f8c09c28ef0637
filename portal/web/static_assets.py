"""Static files under content-hashed names, and gzip for text responses.

``static_url("klankbord.css")`` gives ``/static/klankbord.<hash>.css``. The hash
of every static file is computed once when the app is built; a request for the
current hashed name is served with a one-year immutable cache lifetime, so a
phone on a slow connection fetches the stylesheet once per release. An old
hash still gets the current file, but without the long lifetime.

Text responses are gzipped when the client accepts it. Not for cross-site
requests: compressing a page that holds a CSRF token next to text the requester
chose would let a third site guess the token from response sizes (BREACH).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for
from werkzeug.exceptions import NotFound

HASHES_KEY = "klankbord.static_hashes"
ONE_YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
COMPRESSIBLE = {"text/html", "text/css", "text/plain", "text/csv", "application/json"}
MIN_COMPRESS_BYTES = 500  # below this, gzip's header costs more than it saves
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


def init_app(app: Flask) -> None:
    app.extensions[HASHES_KEY] = _hash_files(Path(app.static_folder or ""))
    plain_static = app.view_functions["static"]

    def static(filename: str) -> Response:
        named = _HASHED.match(filename)
        if named is None:
            return plain_static(filename=filename)
        original = named["stem"] + named["suffix"]
        if original not in app.extensions[HASHES_KEY]:
            raise NotFound()
        response = plain_static(filename=original)
        if named["hash"] == app.extensions[HASHES_KEY][original]:
            response.headers["Cache-Control"] = IMMUTABLE
        return response

    app.view_functions["static"] = static
    app.jinja_env.globals["static_url"] = static_url
    app.after_request(compress)


def _hash_files(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def static_url(filename: str) -> str:
    """The address of a static file under its content-hashed name."""
    digest = current_app.extensions[HASHES_KEY].get(filename)
    if digest is None:
        return url_for("static", filename=filename)
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        return url_for("static", filename=filename)
    return url_for("static", filename=f"{stem}.{digest}.{suffix}")


def _accepts_gzip(header: str) -> bool:
    """Whether Accept-Encoding allows gzip: named with q > 0, or "*" with q > 0."""
    qualities: dict[str, float] = {}
    for part in header.split(","):
        coding, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        qualities[coding.strip().lower()] = quality
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0


def compress(response: Response) -> Response:
    """Gzip a text response for a client that accepts it (an after_request hook)."""
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.status_code != 200
        or "Content-Encoding" in response.headers
        or not _accepts_gzip(request.headers.get("Accept-Encoding", ""))
        or request.headers.get("Sec-Fetch-Site") == "cross-site"
    ):
        return response
    response.direct_passthrough = False  # static files come as a file wrapper
    body = response.get_data()
    if len(body) < MIN_COMPRESS_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        # The same content in another coding: a weak validator still answers
        # If-None-Match with 304 on the next visit.
        response.set_etag(etag, weak=True)
    return response
