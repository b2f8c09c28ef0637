"""Administration: the outbox. What is waiting, what failed and why; resend or
mark resolved. Never the mail's text: only its state, a masked address and
the server's last answer."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlmodel import select

from portal import audit
from portal.db import get_session
from portal.messaging import mail
from portal.messaging.addresses import mask
from portal.models import StaffMember, StaffRole
from portal.models.operations import OutboxMail, OutboxState
from portal.security.access import roles_required
from portal.timeutil import dutch_day, utcnow
from portal.web import paging
from portal.web.forms import ConfirmForm

from .views import blueprint

PAGE_SIZE = 50
STATE_LABELS = {
    OutboxState.QUEUED: _l("Waiting"),
    OutboxState.SENT: _l("Sent"),
    OutboxState.FAILED: _l("Failed"),
    OutboxState.RESOLVED: _l("Resolved"),
}
# What the list shows: open (failed first, then waiting) by default.
SHOWN = {
    "open": [OutboxState.FAILED, OutboxState.QUEUED],
    "sent": [OutboxState.SENT],
    "resolved": [OutboxState.RESOLVED],
}
SHOWN_LABELS = {"open": _l("Failed or waiting"), "sent": _l("Sent"), "resolved": _l("Resolved")}


@blueprint.context_processor
def outbox_banner() -> dict[str, object]:
    # A function, so only the page that shows the banner (the admin home) queries.
    return {"outbox_health": lambda: mail.outbox_health(get_session(), utcnow())}


@blueprint.get("/outbox")
@roles_required(StaffRole.ADMINISTRATOR)
def outbox(staff: StaffMember):
    show = request.args.get("show", "open")
    if show not in SHOWN:
        show = "open"
    db = get_session()
    statement = select(OutboxMail).where(OutboxMail.state.in_(SHOWN[show]))
    shown = paging.window(db, statement, request.args.get("page", 1, type=int), PAGE_SIZE)
    mails = db.exec(
        statement.order_by(OutboxMail.state, OutboxMail.created_at.desc())
        .offset(shown.offset)
        .limit(shown.size)
    ).all()
    return render_template(
        "admin/outbox.html",
        staff=staff,
        mails=mails,
        show=show,
        shown_labels=SHOWN_LABELS,
        state_labels=STATE_LABELS,
        failed=OutboxState.FAILED,
        mask=mask,
        day_of=dutch_day,  # the day only: the time could date what a complainant did
        page=shown.page,
        pages=shown.pages,
    )


# The mail's number travels in the form, not the address: the same two routes
# serve every row.
@blueprint.post("/outbox/resend")
@roles_required(StaffRole.ADMINISTRATOR)
def resend_mail(staff: StaffMember):
    return _act(staff, "resend_mail")


@blueprint.post("/outbox/resolve")
@roles_required(StaffRole.ADMINISTRATOR)
def resolve_mail(staff: StaffMember):
    return _act(staff, "resolve_mail")


def _act(staff: StaffMember, action: str):
    mail_id = request.form.get("mail_id", type=int)
    if not ConfirmForm().validate_on_submit() or mail_id is None:
        abort(400)
    db = get_session()
    now = utcnow()
    done = mail.resend(db, mail_id, now) if action == "resend_mail" else mail.resolve(db, mail_id)
    if done:  # the change and its audit entry commit together
        audit.record(db, staff.id, action, now)
        db.commit()
    else:
        db.rollback()  # not failed (any more): someone else acted first
    return redirect(url_for("admin.outbox", show=request.args.get("show", "open")), code=303)
