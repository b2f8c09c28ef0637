"""A field people never see and programs that fill in every field do: a public form
sent with it filled in was not sent by a person, and is refused before anything is
stored or mailed (issue 12: spam without tracking anyone).

The field is hidden with CSS (``.hp``, display: none), so screen readers and
keyboards skip it too, and browsers do not fill it in for anyone.
"""

from __future__ import annotations

import logging

from flask import Flask, abort, request

FIELD = "website"  # a name form-filling programs cannot resist

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_filled_trap)


def _refuse_filled_trap() -> None:
    if request.method == "POST" and request.form.get(FIELD):
        log.info("form refused: hidden field filled in")  # no address, no content
        abort(400)
