"""The client platform's dashboard, providers' own results and the admin report pages."""

from __future__ import annotations

import csv
import io
import secrets
from datetime import date

import pytest
from sqlmodel import Session, select

from portal.annual import service
from portal.models import (
    AnnualReport,
    Audience,
    AuditEntry,
    CommentReview,
    Organisation,
    OrganisationKind,
    ReportState,
    StaffRole,
    SurveyResponse,
)
from portal.reporting import comments
from tests.conftest import add_staff, form_fields, log_in
from tests.reporting_helpers import FROZEN_AT, make_region


@pytest.fixture
def region(db: Session):
    return make_region(db)


def test_a_member_sees_the_region_with_hidden_cells_and_exports_the_same(app, db, region, clock):
    inside, outside, _utrecht, member = region
    client = app.test_client()
    log_in(client, member, clock.now)
    page = client.get("/platform/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Binnen Jeugdhulp" in html and "Buiten Zorg" not in html
    assert "<svg" in html and "<title" in html and "<table" in html
    detail = client.get(f"/platform/providers/{inside.id}?year=2025").get_data(as_text=True)
    assert "fewer than 10" in detail or "minder dan 10" in detail  # parents: 3 answers
    assert client.get(f"/platform/providers/{outside.id}").status_code == 404
    exported = client.get(f"/platform/providers/{inside.id}?year=2025&format=csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "item",
        "group",
        "n",
        "positive",
        "negative",
        "dont_know",
        "not_applicable",
        "mean",
    ]
    by_group = {row[1]: row[2:] for row in rows[1:] if row[0] == "fit_question"}
    assert by_group["parent"] == ["hidden"] * 6 and by_group["youth"] == ["hidden"] * 6
    assert by_group["all"][:2] == ["15", "80"]  # youths 9 of 12 positive, parents 3 of 3
    audited = db.exec(select(AuditEntry.action).where(AuditEntry.staff_id == member.id)).all()
    assert {"platform_view_index", "platform_view_provider"} <= set(audited)


def test_others_cannot_open_the_platform_and_a_platform_without_region_sees_nothing(
    app, db, region, clock
):
    inside, *_ = region
    handler = add_staff(db, "handler@binnen.example", inside)
    client = app.test_client()
    log_in(client, handler, clock.now)
    assert client.get("/platform/").status_code == 403
    loose = Organisation(kind=OrganisationKind.CLIENT_PLATFORM, name="Zonder regio")
    db.add(loose)
    db.commit()
    member = add_staff(
        db, "los@platform.example", None, StaffRole.PLATFORM_MEMBER, organisation_id=loose.id
    )
    other = app.test_client()
    clock.advance(seconds=40)
    log_in(other, member, clock.now)
    assert other.get("/platform/").status_code == 403


def test_comments_reach_the_provider_only_approved_and_in_a_batch_of_k(app, db, region, clock):
    inside, _outside, _utrecht, member = region
    for text in [f"Opmerking {n}" for n in range(10)]:
        db.add(
            SurveyResponse(
                id=secrets.token_hex(16),
                provider_id=inside.id,
                questionnaire_id=1,
                audience=Audience.YOUTH,
                channel="open_link",
                submitted_on=date(2025, 5, 1),
                comment=text,
                comment_review=CommentReview.PENDING,
            )
        )
    db.commit()
    client = app.test_client()
    log_in(client, member, clock.now)
    page = client.get("/platform/comments")
    assert "Opmerking 0" in page.get_data(as_text=True)
    pending = db.exec(select(SurveyResponse.id).where(SurveyResponse.comment.is_not(None))).all()
    token = form_fields(page.data)["csrf_token"]
    for response_id in pending[:9]:
        done = client.post(
            f"/platform/comments/{response_id}", data={"csrf_token": token, "approve": "1"}
        )
        assert done.status_code == 303
    assert comments.share_batches(db, 2025, 10) == 0  # 9 approved: they wait
    client.post(f"/platform/comments/{pending[9]}", data={"csrf_token": token, "approve": "1"})
    assert comments.share_batches(db, 2025, 10) == 1
    handler = add_staff(db, "handler@binnen.example", inside)
    provider_client = app.test_client()
    clock.advance(seconds=40)
    log_in(provider_client, handler, clock.now)
    results = provider_client.get("/staff/results/?year=2025").get_data(as_text=True)
    assert results.count("Opmerking ") == 10
    assert "2025-05-01" not in results and "01-05-2025" not in results


def test_platform_comments_on_a_draft_and_admin_holds_approves_and_previews(app, db, region, clock):
    _inside, _outside, utrecht, member = region
    clock.now = FROZEN_AT
    service.prepare_drafts(db, 2025, clock.now)
    report = db.exec(select(AnnualReport).where(AnnualReport.municipality_id == utrecht.id)).one()
    client = app.test_client()
    log_in(client, member, clock.now)
    page = client.get(f"/platform/reports/{report.id}")
    token = form_fields(page.data)["csrf_token"]
    saved = client.post(
        f"/platform/reports/{report.id}",
        data={"csrf_token": token, "comment": "Let op de wachttijden."},
    )
    assert saved.status_code == 303
    draft = client.get(f"/platform/reports/{report.id}/draft").get_data(as_text=True)
    assert "Let op de wachttijden." in draft

    admin = add_staff(db, "beheer@klankbord.example", None, StaffRole.ADMINISTRATOR)
    admin_client = app.test_client()
    clock.advance(seconds=40)
    log_in(admin_client, admin, clock.now)
    listing = admin_client.get("/admin/reports?year=2025")
    assert "Utrecht" in listing.get_data(as_text=True)
    token = form_fields(listing.data)["csrf_token"]
    admin_client.post(f"/admin/reports/{report.id}/hold", data={"csrf_token": token})
    db.expire_all()
    assert db.get(AnnualReport, report.id).state is ReportState.HELD
    assert (
        admin_client.post(
            f"/admin/reports/{report.id}/resend", data={"csrf_token": token}
        ).status_code
        == 409
    )
    admin_client.post(f"/admin/reports/{report.id}/approve", data={"csrf_token": token})
    db.expire_all()
    assert db.get(AnnualReport, report.id).state is ReportState.APPROVED
    preview = admin_client.get(f"/admin/reports/{report.id}/preview")
    assert "Let op de wachttijden." in preview.get_data(as_text=True)
    home = admin_client.get("/admin/").get_data(as_text=True)
    assert "Groningen has no report address" in home
