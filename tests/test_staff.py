"""Provider workspace: second factor, sessions, organisation boundaries, workflow."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from portal.models import (
    AuditEntry,
    Complaint,
    Municipality,
    Provider,
    ProviderMunicipality,
    StaffRole,
)
from tests.complaint_helpers import STORY, file_complaint, open_with_code
from tests.conftest import (
    STAFF_PASSWORD,
    add_provider,
    add_staff,
    form_fields,
    log_in,
    submit_password,
)


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


@pytest.fixture
def complaint_key(app, db, provider):
    youth = app.test_client()
    file_complaint(youth, provider.id)
    return db.exec(select(Complaint.key)).one()


def act(client, complaint_key, action, area="staff", confirmed=True, **fields):
    """Post an action on the complaint page; ``confirmed`` answers the "are you sure?"."""
    page = client.get(f"/{area}/complaints/{complaint_key}")
    token = form_fields(page.data)["csrf_token"]
    data = {f"{action}-csrf_token": token, **{f"{action}-{k}": v for k, v in fields.items()}}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(f"/{area}/complaints/{complaint_key}/{action}", data=data)


def test_login_needs_password_and_a_totp_code(client, handler, clock):
    assert client.get("/staff/").status_code == 302
    done = log_in(client, handler, clock.now)
    assert done.status_code == 303 and done.headers["Location"].endswith("/staff/")
    assert client.get("/staff/").status_code == 200


def test_password_alone_does_not_open_the_workspace(client, handler, clock):
    submit_password(client, handler.email, STAFF_PASSWORD)
    assert client.get("/staff/").status_code == 302


def test_a_totp_code_cannot_be_used_twice(app, handler, clock):
    assert log_in(app.test_client(), handler, clock.now).status_code == 303
    again = log_in(app.test_client(), handler, clock.now)
    assert again.status_code == 422
    clock.advance(seconds=30)
    assert log_in(app.test_client(), handler, clock.now).status_code == 303


def test_wrong_totp_code_is_refused(client, handler, clock):
    submit_password(client, handler.email, STAFF_PASSWORD)
    page = client.get("/staff/login/code")
    wrong = pyotp.TOTP(handler.totp_secret).at(clock.now - timedelta(minutes=5))
    refused = client.post(
        "/staff/login/code",
        data={"csrf_token": form_fields(page.data)["csrf_token"], "code": wrong},
    )
    assert refused.status_code == 422 and "not right" in refused.get_data(as_text=True)


def test_logins_are_throttled_per_account(client, handler, clock):
    page = client.get("/staff/login")
    token = form_fields(page.data)["csrf_token"]
    for _ in range(5):
        bad = client.post(
            "/staff/login", data={"csrf_token": token, "email": handler.email, "password": "wrong"}
        )
        assert "Signing in did not work" in bad.get_data(as_text=True)
    waiting = client.post(
        "/staff/login",
        data={"csrf_token": token, "email": handler.email, "password": STAFF_PASSWORD},
    )
    # The right password while the account waits: the same answer, never "locked".
    assert waiting.status_code == 422
    assert "Signing in did not work" in waiting.get_data(as_text=True)
    assert "locked" not in waiting.get_data(as_text=True)
    clock.advance(minutes=16)
    assert log_in(client, handler, clock.now).status_code == 303


def test_logout_ends_the_session_on_the_server(app, client, handler, clock):
    log_in(client, handler, clock.now)
    stolen = client.get_cookie("klankbord").value
    page = client.get("/staff/")
    client.post("/staff/logout", data={"csrf_token": form_fields(page.data)["csrf_token"]})
    thief = app.test_client()
    thief.set_cookie("klankbord", stolen)
    assert thief.get("/staff/").status_code == 302


def test_idle_and_absolute_timeouts(client, handler, clock):
    log_in(client, handler, clock.now)
    clock.advance(minutes=29)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=31)
    assert client.get("/staff/").status_code == 302
    clock.advance(seconds=30)
    log_in(client, handler, clock.now)
    for _ in range(21):  # active all the time, but not for longer than 10 hours
        clock.advance(minutes=29)
        client.get("/staff/")
    assert client.get("/staff/").status_code == 302


def test_password_change_ends_other_sessions(app, db, handler, clock):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, handler, clock.now)
    clock.advance(seconds=30)
    log_in(phone, handler, clock.now)
    page = laptop.get("/staff/password")
    changed = laptop.post(
        "/staff/password",
        data={
            "csrf_token": form_fields(page.data)["csrf_token"],
            "current": STAFF_PASSWORD,
            "new": "a brand new long password",
            "repeat": "a brand new long password",
        },
    )
    assert changed.status_code == 200
    assert laptop.get("/staff/").status_code == 200
    assert phone.get("/staff/").status_code == 302


def test_staff_see_only_their_own_organisation(
    app, db, client, provider, handler, complaint_key, clock
):
    other = add_provider(db, "Horizon Jeugdzorg", "horizon")
    outsider = add_staff(db, "staff@horizon.example", other)
    log_in(client, outsider, clock.now)
    assert "0 complaints" in client.get("/staff/").get_data(as_text=True)
    assert client.get(f"/staff/complaints/{complaint_key}").status_code == 404
    token = form_fields(client.get("/staff/password").data)["csrf_token"]
    for action in (
        "acknowledge",
        "start",
        "reply",
        "note",
        "extend",
        "decide",
        "measures",
    ):
        response = client.post(
            f"/staff/complaints/{complaint_key}/{action}", data={f"{action}-csrf_token": token}
        )
        assert response.status_code == 404, action


def test_every_route_declares_who_may_open_it(app):
    """A new route without @public or @roles_required(...) fails here."""
    from portal.security.access import PUBLIC, declared_access

    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and declared_access(app.view_functions[rule.endpoint]) is None
    ]
    assert undeclared == []
    public_areas = {
        rule.endpoint.split(".")[0]
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and declared_access(app.view_functions[rule.endpoint]) == PUBLIC
    }
    assert "admin" not in public_areas and "committee" not in public_areas


def test_every_staff_route_needs_a_login(app, client, complaint_key):
    from portal.security.access import PUBLIC, declared_access

    rules = [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint != "static" and declared_access(app.view_functions[r.endpoint]) != PUBLIC
    ]
    assert {r.endpoint.split(".")[0] for r in rules} >= {"staff", "admin", "committee"}
    for rule in rules:
        url = (
            rule.rule.replace("<key>", complaint_key)
            .replace("<action>", "reply")
            .replace("<theme>", "safety")
        )
        url = url.replace("<response_id>", "x")
        for name in (
            "member_id",
            "provider_id",
            "municipality_id",
            "organisation_id",
            "request_id",
            "arrangement_id",
            "report_id",
        ):
            url = url.replace(f"<int:{name}>", "1")
        method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"], url


def test_provider_staff_cannot_use_admin_pages(client, handler, clock):
    log_in(client, handler, clock.now)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/audit").status_code == 403


def test_inbox_cycle_acknowledge_reply_note_and_the_complainant_sees_the_reply(
    app, db, client, provider, handler, clock
):
    youth = app.test_client()
    youth.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    code = file_complaint(youth, provider.id)
    complaint_key = db.exec(select(Complaint.key)).one()
    log_in(client, handler, clock.now)
    inbox = client.get("/staff/").get_data(as_text=True)
    assert "Complaint 2026-0001" in inbox  # numbered per provider, not globally
    assert act(client, complaint_key, "acknowledge").status_code == 303
    assert act(client, complaint_key, "reply", body="We bellen u morgen.").status_code == 303
    assert (
        act(client, complaint_key, "note", body="Intern: teamleider ingelicht").status_code == 303
    )
    assert act(client, complaint_key, "acknowledge").status_code == 409  # not twice
    open_with_code(youth, code)
    mine = youth.get("/complaints/mine").get_data(as_text=True)
    assert "We bellen u morgen." in mine and "Read by the organisation" in mine
    assert "teamleider" not in mine
    audit = db.exec(
        select(AuditEntry.action).where(
            AuditEntry.complaint_id == db.exec(select(Complaint.id)).one()
        )
    ).all()
    assert audit == ["acknowledge", "reply", "note"]


def test_empty_reply_keeps_the_page_with_a_message(client, handler, complaint_key, clock):
    log_in(client, handler, clock.now)
    response = act(client, complaint_key, "reply", body="")
    assert response.status_code == 422 and "Write a message first." in response.get_data(
        as_text=True
    )


def test_extension_once_with_a_reason_the_complainant_reads(
    app, db, client, provider, handler, clock
):
    youth = app.test_client()
    code = file_complaint(youth, provider.id)
    complaint = db.exec(select(Complaint)).one()
    log_in(client, handler, clock.now)
    assert act(client, complaint.key, "extend", days="29", reason="Te lang").status_code == 422
    asked = act(client, complaint.key, "extend", confirmed=False, days="28", reason="Verlof")
    assert asked.status_code == 200 and "This is possible only once" in asked.get_data(as_text=True)
    db.refresh(complaint)
    assert complaint.extended_on is None
    assert (
        act(client, complaint.key, "extend", days="28", reason="Begeleider met verlof").status_code
        == 303
    )
    db.refresh(complaint)
    assert (complaint.decision_due_on - complaint.received_on).days == 42 + 28
    assert complaint.extended_from == complaint.received_on + timedelta(days=42)
    assert act(client, complaint.key, "extend", days="7", reason="Nog eens").status_code == 409
    open_with_code(youth, code)
    mine = youth.get("/complaints/mine").get_data(as_text=True)
    assert "Begeleider met verlof" in mine and "in plaats van" in mine


def test_inbox_filters_overdue_and_pages(app, db, client, provider, handler, clock):
    youth = app.test_client()
    for _ in range(22):
        file_complaint(youth, provider.id)
    log_in(client, handler, clock.now)
    assert "Page 1 of 2" in client.get("/staff/?show=all").get_data(as_text=True)
    assert "22 complaints" in client.get("/staff/?show=open").get_data(as_text=True)
    assert "0 complaints" in client.get("/staff/?show=overdue").get_data(as_text=True)


def test_admin_creates_provider_and_staff_and_reads_the_audit_log(app, db, client, clock):
    admin = add_staff(db, "admin@klankbord.example", None, StaffRole.ADMINISTRATOR)
    done = log_in(client, admin, clock.now)
    assert done.headers["Location"].endswith("/admin/")
    page = client.get("/admin/municipalities/new")
    token = form_fields(page.data)["csrf_token"]
    bad = client.post(
        "/admin/municipalities/new",
        data={"csrf_token": token, "name": "Zeist", "cbs_code": "0355", "report_emails": "x"},
    )
    assert bad.status_code == 422 and "GM and four digits" in bad.get_data(as_text=True)
    made = client.post(
        "/admin/municipalities/new",
        data={
            "csrf_token": token,
            "name": "Zeist",
            "cbs_code": "gm0355",
            "report_emails": "jeugd@zeist.example.nl\nbeleid@zeist.example.nl",
        },
    )
    assert made.status_code == 303
    zeist = db.exec(select(Municipality).where(Municipality.name == "Zeist")).one()
    assert zeist.cbs_code == "GM0355"
    assert (
        client.post(
            "/admin/providers/new",
            data={
                "csrf_token": token,
                "name": "Nieuw Huis",
                "slug": "nieuw-huis",
                "open_link": "y",
                "municipalities": str(zeist.id),
                "care_types": "foster_care",
                "regime": "jeugdwet",
                "committee": "0",
            },
        ).status_code
        == 303
    )
    created = client.get("/admin/staff/new")
    new_house = db.exec(select(Provider).where(Provider.slug == "nieuw-huis")).one()
    response = client.post(
        "/admin/staff/new",
        data={
            "csrf_token": form_fields(created.data)["csrf_token"],
            "name": "Nina",
            "email": "nina@nieuwhuis.example",
            "role": "provider",
            "provider": str(new_house.id),
            "password": "long enough password",
        },
    )
    assert response.status_code == 200 and "<svg" in response.get_data(as_text=True)
    served = db.exec(
        select(ProviderMunicipality).where(ProviderMunicipality.provider_id == new_house.id)
    )
    assert [link.municipality_id for link in served] == [zeist.id]
    edit = client.get(f"/admin/providers/{new_house.id}").get_data(as_text=True)
    assert "checked" in edit and "Nieuw Huis" in edit
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "create_provider" in audit and "create_staff" in audit
    assert STORY not in audit


def test_overdue_and_due_soon_follow_the_clock(app, db, provider, handler, clock):
    file_complaint(app.test_client(), provider.id)

    def inbox(show: str) -> str:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        clock.advance(seconds=30)  # a fresh TOTP step for each login
        log_in(client, handler, clock.now)
        return client.get(f"/staff/?show={show}").get_data(as_text=True)

    assert "0 complaints" in inbox("due_soon")
    clock.advance(days=5)  # two days left to acknowledge
    assert "1 complaint" in inbox("due_soon") and "0 complaints" in inbox("overdue")
    clock.advance(days=3)  # the week has passed
    html = inbox("overdue")
    assert "1 complaint" in html and "Overdue since" in html


def test_deactivated_staff_are_logged_out_and_cannot_log_in(app, db, client, handler, clock):
    admin = add_staff(db, "admin@klankbord.example", None, StaffRole.ADMINISTRATOR)
    handler_client = app.test_client()
    log_in(handler_client, handler, clock.now)
    log_in(client, admin, clock.now)
    page = client.get("/admin/")
    token = form_fields(page.data)["csrf_token"]
    assert (
        client.post(f"/admin/staff/{handler.id}/deactivate", data={"csrf_token": token}).status_code
        == 303
    )
    assert (
        client.post(f"/admin/staff/{admin.id}/deactivate", data={"csrf_token": token}).status_code
        == 400
    )
    assert handler_client.get("/staff/").status_code == 302
    stranger = app.test_client()
    stranger.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    refused = submit_password(stranger, handler.email, STAFF_PASSWORD)
    assert refused.status_code == 422 and "did not work" in refused.get_data(as_text=True)


def test_a_shorter_extension_is_configuration(app, db, client, provider, handler, clock):
    app.config["COMPLAINT_EXTENSION_MAX_DAYS"] = 14
    file_complaint(app.test_client(), provider.id)
    complaint = db.exec(select(Complaint)).one()
    log_in(client, handler, clock.now)
    too_long = act(client, complaint.key, "extend", days="15", reason="Te lang")
    assert too_long.status_code == 422 and "At most 14 days." in too_long.get_data(as_text=True)
    assert act(client, complaint.key, "extend", days="14", reason="Verlof").status_code == 303
