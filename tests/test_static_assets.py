"""Static files under content-hashed names with a long lifetime; gzip for text."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import portal

CSS = Path(portal.__file__).parent / "static" / "klankbord.css"


def _stylesheet_link(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)


def test_pages_link_the_stylesheet_by_its_content_hash(client):
    digest = hashlib.sha256(CSS.read_bytes()).hexdigest()[:12]
    assert _stylesheet_link(client) == f"/static/klankbord.{digest}.css"


def test_the_hashed_name_is_cached_for_a_year_and_the_plain_one_is_not(client):
    hashed = client.get(_stylesheet_link(client))
    assert hashed.status_code == 200 and hashed.data == CSS.read_bytes()
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.mimetype == "text/css"
    plain = client.get("/static/klankbord.css")
    assert plain.data == CSS.read_bytes() and "immutable" not in plain.headers["Cache-Control"]


def test_an_old_hash_gets_the_current_file_without_the_long_lifetime(client):
    old = client.get("/static/klankbord.000000000000.css")
    assert old.status_code == 200 and old.data == CSS.read_bytes()
    assert "immutable" not in old.headers.get("Cache-Control", "")
    assert client.get("/static/missing.0123456789ab.css").status_code == 404


def test_html_and_css_are_gzipped_for_a_client_that_accepts_it(client):
    plain = client.get("/")
    packed = client.get("/", headers={"Accept-Encoding": "br, gzip;q=0.8"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    css = client.get(_stylesheet_link(client), headers={"Accept-Encoding": "gzip"})
    assert css.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(css.data) == CSS.read_bytes()
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_no_gzip_when_refused_or_for_a_cross_site_request(client):
    refused = client.get("/", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers
    cross_site = client.get(
        "/survey/?q=vlinder", headers={"Accept-Encoding": "gzip", "Sec-Fetch-Site": "cross-site"}
    )
    assert cross_site.status_code == 200 and "Content-Encoding" not in cross_site.headers
    same_site = client.get(
        "/", headers={"Accept-Encoding": "gzip", "Sec-Fetch-Site": "same-origin"}
    )
    assert same_site.headers["Content-Encoding"] == "gzip"


def test_a_revalidated_gzipped_stylesheet_is_a_304(client):
    first = client.get("/static/klankbord.css", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip" and first.headers["ETag"].startswith("W/")
    again = client.get(
        "/static/klankbord.css",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
