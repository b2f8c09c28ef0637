"""The complaints committee in the portal: its own inbox, hearing, judgement; the
provider's statement of measures; and what the complainant sees."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.models import Complaint, ComplaintStatus, Organisation, OrganisationKind, StaffRole
from tests.complaint_helpers import file_complaint, open_with_code
from tests.conftest import add_provider, add_staff, form_fields, log_in
from tests.test_staff import act


@pytest.fixture
def client(english_client):
    return english_client


def committee_for(db, name: str, *providers) -> Organisation:
    body = Organisation(kind=OrganisationKind.COMMITTEE, name=name)
    db.add(body)
    db.flush()
    for provider in providers:
        provider.committee_id = body.id
        db.add(provider)
    db.commit()
    return body


@pytest.fixture
def secretary(db, provider):
    body = committee_for(db, "Klachtencommissie Utrecht", provider)
    return add_staff(
        db, "secretaris@commissie.example", None, StaffRole.COMMITTEE_SECRETARY, body.id
    )


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


def post_committee_form(youth, **fields):
    page = youth.get("/complaints/mine/committee")
    return youth.post(
        "/complaints/mine/committee",
        data={"csrf_token": form_fields(page.data)["csrf_token"], **fields},
    )


def test_informal_then_answered_then_committee_then_measures(
    app, db, client, provider, handler, secretary, clock
):
    youth = app.test_client()
    youth.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    code = file_complaint(youth, provider.id)
    complaint = db.exec(select(Complaint)).one()
    log_in(client, handler, clock.now)
    assert act(client, complaint.key, "acknowledge").status_code == 303
    assert (
        act(
            client, complaint.key, "decide", outcome="not_upheld", reasoning="We zien geen fout."
        ).status_code
        == 303
    )

    open_with_code(youth, code)
    mine = youth.get("/complaints/mine").get_data(as_text=True)
    assert "We zien geen fout." in mine and "Go to the complaints committee" in mine
    page = youth.get("/complaints/mine/committee").get_data(as_text=True)
    assert "no longer anonymous" in page and "Stay anonymous and informal" in page
    refused = post_committee_form(youth, name="Sam", email="", phone="")
    assert refused.status_code == 422 and 'value="Sam"' in refused.get_data(as_text=True)
    assert post_committee_form(youth, name="Sam", email="sam@example.nl").status_code == 303
    db.refresh(complaint)
    assert complaint.status is ComplaintStatus.WITH_COMMITTEE

    desk = app.test_client()
    desk.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    log_in(desk, secretary, clock.now)
    assert f"Complaint {complaint.reference}" in desk.get("/committee/").get_data(as_text=True)
    assert f"Complaint {complaint.reference}" in desk.get("/committee/?show=new").get_data(
        as_text=True
    )
    assert act(desk, complaint.key, "confirm_receipt", area="committee").status_code == 303
    assert "0 complaints" in desk.get("/committee/?show=new").get_data(as_text=True)
    page = desk.get(f"/committee/complaints/{complaint.key}").get_data(as_text=True)
    assert "judgement form appears" in page and 'name="judge-reasoning"' not in page
    assert (
        act(
            desk,
            complaint.key,
            "hearing",
            area="committee",
            hearing_on="2026-11-23",
            both_sides_heard="y",
        ).status_code
        == 303
    )
    no_reasons = act(
        desk,
        complaint.key,
        "judge",
        area="committee",
        **{"parts-0-summary": "Wachttijd", "parts-0-verdict": "upheld", "reasoning": ""},
    )
    assert no_reasons.status_code == 422
    assert "must be reasoned" in no_reasons.get_data(as_text=True)
    assert "Wachttijd" in no_reasons.get_data(as_text=True)  # nothing typed is lost
    assert (
        act(
            desk,
            complaint.key,
            "judge",
            area="committee",
            **{
                "parts-0-summary": "Wachttijd",
                "parts-0-verdict": "upheld",
                "parts-1-summary": "Bejegening",
                "parts-1-verdict": "not_upheld",
                "reasoning": "Te lang gewacht zonder bericht.",
                "recommendations": "Bel maandelijks.",
            },
        ).status_code
        == 303
    )
    db.refresh(complaint)
    assert complaint.status is ComplaintStatus.JUDGED and complaint.measures_due_on

    provider_page = client.get(f"/staff/complaints/{complaint.key}").get_data(as_text=True)
    assert "Te lang gewacht zonder bericht." in provider_page and "Bejegening" in provider_page
    assert 'action="/committee/' not in provider_page  # reads, cannot change the judgement
    assert (
        act(
            client, complaint.key, "measures", statement="Wij bellen iedereen op de wachtlijst."
        ).status_code
        == 303
    )
    mine = youth.get("/complaints/mine").get_data(as_text=True)
    assert "Founded" in mine and "Unfounded" in mine and "Wij bellen iedereen" in mine


def test_a_committee_sees_only_the_providers_it_serves(app, db, client, provider, secretary, clock):
    other = add_provider(db, "Horizon Jeugdzorg", "horizon")
    other_body = committee_for(db, "Andere commissie", other)
    outsider = add_staff(db, "lid@andere.example", None, StaffRole.COMMITTEE_MEMBER, other_body.id)
    file_complaint(
        app.test_client(),
        provider.id,
        kind="formal",
        contact="email",
        email="sam@example.nl",
        name="Sam",
    )
    complaint = db.exec(select(Complaint)).one()
    assert complaint.status is ComplaintStatus.WITH_COMMITTEE
    log_in(client, outsider, clock.now)
    assert "0 complaints" in client.get("/committee/").get_data(as_text=True)
    assert client.get(f"/committee/complaints/{complaint.key}").status_code == 404
    token = form_fields(client.get("/committee/").data)["csrf_token"]
    refused = client.post(
        f"/committee/complaints/{complaint.key}/judge", data={"judge-csrf_token": token}
    )
    assert refused.status_code == 404
    assert client.get("/staff/").status_code == 403  # not provider staff either
    assert client.get("/committee/complaints/99999999999999999999").status_code == 404


def test_provider_staff_cannot_open_the_committee(client, handler, clock):
    log_in(client, handler, clock.now)
    assert client.get("/committee/").status_code == 403
    assert client.get("/staff/complaints/99999999999999999999").status_code == 404


def test_a_formal_complaint_cannot_be_anonymous(app, provider, secretary):
    from tests.complaint_helpers import complaint_step, start_complaint

    youth = app.test_client()
    youth.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = start_complaint(youth)
    page = complaint_step(youth, page, provider=str(provider.id), role="parent_with_authority")
    assert "How do you want your complaint handled?" in page.get_data(as_text=True)
    page = complaint_step(youth, page, theme="not_heard", kind="formal")
    page = complaint_step(youth, page, what_happened="Niemand luistert.")
    refused = complaint_step(youth, page, contact="none")
    assert refused.status_code == 422 and "cannot be anonymous" in refused.get_data(as_text=True)
    no_name = complaint_step(youth, page, contact="email", email="ouder@example.nl", name="")
    assert no_name.status_code == 422 and "Fill in your name" in no_name.get_data(as_text=True)
