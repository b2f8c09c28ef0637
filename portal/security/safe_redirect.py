"""Where a ``next=`` parameter may send someone: only a path on this site.

Browsers are lenient: they drop tabs and newlines inside a URL, read a backslash
as a slash and treat ``//host`` as another site. So a target is refused when it,
or any percent-decoding of it, holds a control character or a backslash, or does
not start with exactly one slash.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

_MAX_DECODINGS = 4  # "%25252F" is still "/" after three: stop after a few


def _unsafe(text: str) -> bool:
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text) or "\\" in text:
        return True
    if not text.startswith("/") or text.startswith("//"):
        return True
    parts = urlsplit(text)
    return bool(parts.scheme or parts.netloc)


def local_path(target: str) -> str:
    """``target`` when it is a path on this site, else "" (the caller's default)."""
    text = target
    for _ in range(_MAX_DECODINGS):
        if _unsafe(text):
            return ""
        decoded = unquote(text)
        if decoded == text:
            return target
        text = decoded
    return ""  # still changing after several decodings: nobody needs that
