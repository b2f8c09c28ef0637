"""QR codes carry no text of what they encode into the page (portal/web/qr.py)."""

from __future__ import annotations

import re

from markupsafe import Markup

from portal.web.qr import qr_svg


def test_hostile_text_never_reaches_the_markup():
    hostile = "otpauth://totp/<script>alert(1)</script>?issuer=\"'&x=<svg onload=1>"
    drawn = qr_svg(hostile, scale=4)
    assert isinstance(drawn, Markup)
    assert "script" not in drawn and "onload" not in drawn and "alert" not in drawn
    # One svg element with one path: nothing but sizes and module data.
    assert re.fullmatch(r"<svg [^<>]*><path [^<>]*/></svg>", str(drawn)), str(drawn)[:300]
