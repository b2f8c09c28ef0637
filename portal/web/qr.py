"""QR codes drawn as inline SVG, for printed cards and the second-factor set-up.

segno draws only the modules as one path (no title, no description, no text of what
is encoded), so the markup holds nothing a person typed: it is returned as Markup
and templates need no ``|safe``. tests/test_qr.py checks that with hostile text.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(data: str, scale: int, border: int | None = None) -> Markup:
    """``border`` None: the QR standard's quiet zone; the size is written on the SVG."""
    drawn = segno.make(data, error="m").svg_inline(scale=scale, border=border, omitsize=False)
    # Path data only (see above), so marking it safe lets no typed text through.
    return Markup(drawn)  # noqa: S704  # nosec B704
