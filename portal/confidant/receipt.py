"""The receipt page of a sent request: the code stays on it for this browser session
until "I have saved my code" is ticked, survives reload and the language switch, can
be saved as a file, and is never shown again after that (as for complaints)."""

from __future__ import annotations

from flask import Response, abort, current_app, redirect, render_template, session, url_for

from portal.complaints import receipts
from portal.complaints.forms import SavedCodeForm
from portal.security.access import public

from .views import RECEIPT_KEY, blueprint


@blueprint.get("/receipt")
@public
def receipt():
    handle = session.get(RECEIPT_KEY)
    if not handle:
        return redirect(url_for("confidant.follow"), code=303)
    return render_template(
        "confidant/receipt.html", code=_code(handle), form=SavedCodeForm(formdata=None)
    )


@blueprint.post("/receipt")
@public
def code_saved():
    handle = session.get(RECEIPT_KEY)
    if not handle:
        return redirect(url_for("confidant.follow"), code=303)
    form = SavedCodeForm()
    if not form.validate_on_submit():
        return render_template("confidant/receipt.html", code=_code(handle), form=form), 422
    session.pop(RECEIPT_KEY, None)
    return redirect(url_for("confidant.follow", saved=1), code=303)


@blueprint.get("/receipt.txt")
@public
def receipt_file():
    handle = session.get(RECEIPT_KEY)
    if not handle:
        abort(404)
    text = render_template("confidant/receipt.txt", code=_code(handle))
    return Response(
        text,
        mimetype="text/plain",
        headers={"Content-Disposition": 'attachment; filename="klankbord-code.txt"'},
    )


def _code(handle: str) -> str:
    return receipts.code_for_submission(handle, current_app.config["CODE_PEPPER"])
