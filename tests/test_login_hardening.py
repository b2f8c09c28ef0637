"""Staff sign-in under attack: the code cannot be guessed, every case answers alike,
the back-off is capped, redirects stay on this site, and it is all in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from portal.models import AuditEntry, StaffMember
from portal.security import accounts, signin
from tests.conftest import STAFF_PASSWORD, add_staff, form_fields, log_in, submit_password


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


def post_code(client, code: str):
    page = client.get("/staff/login/code")
    token = form_fields(page.data).get("csrf_token", "")
    return client.post("/staff/login/code", data={"csrf_token": token, "code": code})


def wrong_code(handler, clock) -> str:
    return pyotp.TOTP(handler.totp_secret).at(clock.now - timedelta(minutes=10))


def actions(db) -> list[str]:
    db.expire_all()
    return list(db.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all())


def test_wrong_codes_end_the_half_session_and_the_right_code_no_longer_works(
    client, db, handler, clock
):
    submit_password(client, handler.email, STAFF_PASSWORD)
    for _ in range(4):
        assert post_code(client, wrong_code(handler, clock)).status_code == 422
    fifth = post_code(client, wrong_code(handler, clock))
    assert 'name="password"' in fifth.get_data(as_text=True)  # back at the password step
    # The half session is gone: the right code now leads back to the password.
    right = pyotp.TOTP(handler.totp_secret).at(clock.now)
    assert post_code(client, right).status_code == 302
    assert client.get("/staff/").status_code == 302
    # And the account waits: even the right password gets the uniform refusal.
    refused = submit_password(client, handler.email, STAFF_PASSWORD)
    assert refused.status_code == 422 and "did not work" in refused.get_data(as_text=True)
    assert client.get("/staff/login/code").status_code == 302
    assert actions(db).count("login_code_failed") == 5 and "login_locked" in actions(db)


def test_the_code_of_the_next_step_is_refused_the_previous_one_accepted(app, handler, clock):
    totp = pyotp.TOTP(handler.totp_secret)
    ahead = app.test_client()
    submit_password(ahead, handler.email, STAFF_PASSWORD)
    assert post_code(ahead, totp.at(clock.now + timedelta(seconds=30))).status_code == 422
    two_back = app.test_client()
    submit_password(two_back, handler.email, STAFF_PASSWORD)
    assert post_code(two_back, totp.at(clock.now - timedelta(seconds=60))).status_code == 422
    late = app.test_client()
    assert log_in(late, handler, clock.now - timedelta(seconds=30)).status_code == 303


def test_unknown_known_and_waiting_accounts_get_the_same_answer_and_work(
    app, db, handler, clock, monkeypatch
):
    verified: list[str] = []
    real = signin.verify_password

    def counting(password_hash: str, password: str) -> bool:
        verified.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", counting)

    def attempt(email: str, password: str) -> tuple[int, str]:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        response = submit_password(client, email, password)
        html = response.get_data(as_text=True)
        summary = html[html.index('<div class="error-summary"') :]
        return response.status_code, summary[: summary.index("</div>")]

    unknown = attempt("nobody@vlinderboom.example", "wrong password")
    known = attempt(handler.email, "wrong password")
    for _ in range(4):
        attempt(handler.email, "wrong password")
    waiting = attempt(handler.email, STAFF_PASSWORD)  # right password, account waits
    assert unknown == known == waiting
    assert unknown[0] == 422 and "locked" not in unknown[1].lower()
    assert len(verified) == 7  # one argon2 verification for every attempt, whatever the case
    entries = db.exec(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
    assert [e.staff_id for e in entries] == [None] + [handler.id] * 6
    assert actions(db).count("login_locked") == 1


def test_the_wait_doubles_and_is_capped():
    policy = accounts.Policy(max_failures=5, lock_minutes=15)
    waits = [signin.wait_after(n, policy) for n in (4, 5, 6, 7, 8, 9, 50)]
    assert waits[0] is None
    assert [w.total_seconds() / 60 for w in waits[1:]] == [1, 2, 4, 8, 15, 15]


def test_nobody_can_keep_a_colleague_waiting_longer_than_the_cap(app, db, handler, clock):
    for _ in range(30):  # a colleague tries every time the wait is over
        submit_password(app.test_client(), handler.email, "not the password")
        db.refresh(handler)
        assert handler.locked_until is None or handler.locked_until - clock.now <= timedelta(
            minutes=15
        )
        clock.advance(minutes=16)
    # Attempts during a wait do not lengthen it: right after one, the owner waits ≤ 15 min.
    submit_password(app.test_client(), handler.email, "not the password")
    for _ in range(10):
        submit_password(app.test_client(), handler.email, "not the password")
    clock.advance(minutes=15, seconds=1)
    assert log_in(app.test_client(), handler, clock.now).status_code == 303
    db.refresh(handler)
    assert handler.failed_logins == 0 and handler.locked_until is None


def test_the_right_password_alone_does_not_reset_the_count(app, db, handler, clock):
    """Otherwise whoever knows the password gets fresh guesses at the code."""
    for _ in range(3):
        client = app.test_client()
        submit_password(client, handler.email, STAFF_PASSWORD)
        post_code(client, wrong_code(handler, clock))
        post_code(client, wrong_code(handler, clock))
    db.refresh(handler)
    assert handler.locked_until is not None and handler.locked_until > clock.now


def test_the_current_password_on_the_password_page_counts_as_a_login(
    app, db, client, handler, clock
):
    log_in(client, handler, clock.now)
    token = form_fields(client.get("/staff/password").data)["csrf_token"]
    data = {"csrf_token": token, "new": "another long password", "repeat": "another long password"}
    for _ in range(4):
        wrong = client.post("/staff/password", data={**data, "current": "a guess"})
        assert wrong.status_code == 422 and "not your current password" in wrong.get_data(
            as_text=True
        )
    last = client.post("/staff/password", data={**data, "current": "a guess"})
    assert 'name="password"' in last.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302  # this session ended
    db.refresh(handler)
    assert accounts.verify_password(handler.password_hash, STAFF_PASSWORD)
    assert actions(db).count("password_change_failed") == 5
    refused = submit_password(app.test_client(), handler.email, STAFF_PASSWORD)
    assert refused.status_code == 422  # the account waits


def test_a_password_change_is_audited(client, db, handler, clock):
    log_in(client, handler, clock.now)
    token = form_fields(client.get("/staff/password").data)["csrf_token"]
    changed = client.post(
        "/staff/password",
        data={
            "csrf_token": token,
            "current": STAFF_PASSWORD,
            "new": "another long password",
            "repeat": "another long password",
        },
    )
    assert changed.status_code == 200 and "change_password" in actions(db)


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "%2F%2Fevil.example",
        "/%2F/evil.example",
        "/%252F/evil.example",
        "https://evil.example",
        "https:evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/staff/\r\nSet-Cookie:x=1",
        "evil.example",
        " //evil.example",
    ],
)
def test_after_login_no_redirect_leaves_the_site(app, db, handler, clock, target):
    client = app.test_client()
    page = client.get("/staff/login", query_string={"next": target})
    token = form_fields(page.data)["csrf_token"]
    client.post(
        "/staff/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": handler.email, "password": STAFF_PASSWORD},
    )
    page = client.get("/staff/login/code", query_string={"next": target})
    done = client.post(
        "/staff/login/code",
        query_string={"next": target},
        data={
            "csrf_token": form_fields(page.data)["csrf_token"],
            "code": pyotp.TOTP(handler.totp_secret).at(clock.now),
        },
    )
    assert done.status_code == 303 and done.headers["Location"] == "/staff/"
    switched = app.test_client().get("/language/en", query_string={"next": target})
    assert switched.headers["Location"] == "/"


def test_a_local_next_is_kept(app, handler, clock):
    from portal.security.safe_redirect import local_path

    assert local_path("/staff/complaints/3?show=all") == "/staff/complaints/3?show=all"
    assert local_path("/survey/?q=De%20Bilt") == "/survey/?q=De%20Bilt"
    switched = app.test_client().get("/language/en", query_string={"next": "/privacy"})
    assert switched.headers["Location"] == "/privacy"


def test_unknown_accounts_are_audited_without_the_address(app, db):
    submit_password(app.test_client(), "someone@elsewhere.example", "a guess at it")
    entries = db.exec(select(AuditEntry)).all()
    assert [(e.staff_id, e.action) for e in entries] == [(None, "login_failed")]
    assert db.exec(select(StaffMember)).all() == []
