"""Survey steps at their own addresses with a server-side draft: reload, back, an
expired draft, the open-link switch on every route, and what a draft holds."""

from __future__ import annotations

import json

from sqlmodel import select

from portal.models import FormDraft, SurveyResponse
from tests.conftest import add_provider, form_fields
from tests.survey_helpers import (
    ALL_AGREE,
    answer_from_about,
    asked,
    complete_survey,
    released,
    start_survey,
    step,
)

EN = {"Accept-Language": "en"}


def test_each_step_has_its_own_address_and_a_reload_shows_its_answers(client, provider):
    about = start_survey(client, headers=EN)
    assert about.request.path == "/survey/step/about"
    sent = client.post(
        "/survey/step/about", data={**form_fields(about.data, "survey"), "audience": "youth"}
    )
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/survey/step/care")
    reloaded = client.get("/survey/step/about", headers=EN)  # the back gesture, a reload
    assert form_fields(reloaded.data, "survey")["audience"] == "youth"


def test_every_step_starts_with_a_back_link_to_the_step_before(client, provider):
    page = start_survey(client, headers=EN)
    previous = "/survey/p/vlinderboom"  # the start page of the open link
    while True:
        html = page.get_data(as_text=True)
        main = html.split('<main id="main">')[1]
        assert main.lstrip().startswith(f'<p><a class="back-link" href="{previous}">Back</a>')
        if page.request.path.endswith("/check"):
            break
        previous = page.request.path
        given = {name: ALL_AGREE[name] for name in asked(page)}
        page = step(client, page, headers=EN, audience="youth", **given)


def test_back_and_change_links_keep_every_answer(client, provider):
    check = complete_survey(client, comment="Goed zo", headers=EN, care_type="residential")
    back = step(client, check, action="back", headers=EN)
    fields = form_fields(back.data, "survey")
    assert fields["comment"] == "Goed zo" and fields["q_safety_home"] == ALL_AGREE["q_safety_home"]
    care = client.get("/survey/step/care", headers=EN)  # a "Change" link on the check page
    assert form_fields(care.data, "survey")["care_type"] == "residential"


def test_safety_where_you_live_only_for_care_you_live_in(client, provider):
    for care_type, shown in (("ambulatory", False), ("family_home", True), ("", False)):
        check = complete_survey(client, headers=EN, care_type=care_type)
        assert ("I feel safe where I live." in check.get_data(as_text=True)) is shown, care_type
        safety = client.get("/survey/step/page4", headers=EN)
        assert ("q_safety_home" in asked(safety)) is shown
        assert "q_safety_helpers" in asked(safety)  # safety with the helpers: everyone


def test_an_answer_to_a_question_no_longer_asked_is_not_stored(client, db, provider):
    check = complete_survey(client, headers=EN, care_type="residential")
    care = client.get("/survey/step/care", headers=EN)
    step(client, care, care_type="ambulatory", headers=EN)
    check = client.get("/survey/step/check", headers=EN)
    assert step(client, check, action="send").status_code == 303
    response = released(db, SurveyResponse).one()
    assert response.care_type.value == "ambulatory"
    from tests.test_survey import stored_answers

    assert "safety_home" not in stored_answers(db)


def test_a_draft_holds_no_identity_and_is_emptied_by_sending(client, db, provider):
    check = complete_survey(client, comment="merkteken", headers=EN)
    draft = db.exec(select(FormDraft)).one()
    assert set(json.loads(draft.data)) <= {
        "provider", "code", "token", "audience", "municipality", "care_type", "age_band",
        "comment", "questionnaire", *ALL_AGREE,  # the questionnaire's id, the same for all
    }  # fmt: skip
    assert draft.form == "survey" and "merkteken" in draft.data
    assert step(client, check, action="send").status_code == 303
    db.expire_all()
    spent = db.exec(select(FormDraft)).one()
    assert spent.data == "{}" and "merkteken" not in spent.data
    # The back gesture after sending lands on the thank-you page, not on a form.
    assert client.get("/survey/step/check").headers["Location"].endswith("/survey/thanks")


def test_a_step_posted_after_its_draft_expired_keeps_what_the_page_holds(client, db, provider):
    page = step(client, start_survey(client, headers=EN), audience="youth", headers=EN)
    page = step(client, page, headers=EN)  # the mark
    db.exec(select(FormDraft)).one()
    for draft in db.exec(select(FormDraft)):
        db.delete(draft)  # the nightly housekeeping removed it
    db.commit()
    kept = step(client, page, q_overall_mark="6", headers=EN)
    html = kept.get_data(as_text=True)
    assert kept.request.path == "/survey/step/page1"
    assert "This page was open for more than a day" in html
    assert form_fields(kept.data, "survey")["q_overall_mark"] == "6"
    # The earlier pages are asked again when sending.
    check = answer_from_about(client, client.get("/survey/step/about", headers=EN), headers=EN)
    assert step(client, check, action="send").status_code == 303
    assert len(released(db, SurveyResponse).all()) == 1


def test_an_expired_page_opened_again_says_so_kindly(client, db, provider):
    start_survey(client, headers=EN)
    for draft in db.exec(select(FormDraft)):
        db.delete(draft)
    db.commit()
    gone = client.get("/survey/step/care", headers=EN)
    assert gone.status_code == 410
    assert "This survey page is no longer open" in gone.get_data(as_text=True)


def test_an_expired_code_survey_asks_the_code_again_and_keeps_the_answers(client, db, provider):
    from tests.test_invitations import make_codes, start_with_code

    closed = add_provider(db, "Horizon Jeugdzorg", "horizon", open_link=False)
    code = make_codes(db, closed)[0]
    page = step(client, start_with_code(client, code), audience="parent", headers=EN)
    page = step(client, page, headers=EN)
    for draft in db.exec(select(FormDraft)):
        db.delete(draft)
    db.commit()
    again = step(client, page, q_overall_mark="9", headers=EN)
    assert again.status_code == 410
    assert "Please type your invitation code again" in again.get_data(as_text=True)
    resumed = start_with_code(client, code)
    assert resumed.request.path == "/survey/step/about"
    mark = client.get("/survey/step/page1", headers=EN)
    assert form_fields(mark.data, "survey")["q_overall_mark"] == "9"


def test_the_open_link_switch_holds_on_every_route(client, db, provider):
    add_provider(db, "Dicht Huis", "dicht-huis", open_link=False)
    intro = client.get("/survey/p/dicht-huis", headers=EN)
    assert "invitation code" in intro.get_data(as_text=True)
    token = form_fields(client.get("/survey/p/vlinderboom").data)["csrf_token"]
    assert client.post("/survey/p/dicht-huis", data={"csrf_token": token}).status_code == 403
    # A page whose draft expired, posted as if it were the closed provider's.
    check = complete_survey(client, headers=EN)
    for draft in db.exec(select(FormDraft)):
        db.delete(draft)
    db.commit()
    forged = step(client, check, action="send", provider="dicht-huis", headers=EN)
    assert forged.status_code == 410 and "invitation code" in forged.get_data(as_text=True)
    # A survey under way when its provider switches the open link off.
    check = complete_survey(client)
    provider.open_link = False
    db.add(provider)
    db.commit()
    assert client.get("/survey/step/about").status_code == 403
    assert step(client, check, action="next").status_code == 403
    assert step(client, check, action="send").status_code == 403
    assert released(db, SurveyResponse).all() == []


def test_the_page_cannot_choose_another_provider(client, db, provider):
    other = add_provider(db, "Ander Huis", "ander-huis")
    check = complete_survey(client)
    assert step(client, check, action="send", provider=other.slug).status_code == 303
    assert released(db, SurveyResponse).one().provider_id == provider.id


def test_a_page_posted_while_a_twin_click_sends_lands_on_thanks(client, db, provider, monkeypatch):
    from portal.timeutil import dutch_day, utcnow
    from portal.web import drafts

    check = complete_survey(client)
    last = step(client, check, action="back")
    save = drafts.save

    def twin_sent_first(session, handle, *args):
        drafts.spend(session, handle, dutch_day(utcnow()))
        session.commit()
        return save(session, handle, *args)

    monkeypatch.setattr(drafts, "save", twin_sent_first)
    landed = step(client, last, comment="nog iets")
    assert landed.status_code == 200 and landed.request.path == "/survey/thanks"


def test_a_version_activated_mid_survey_leaves_the_started_questions_alone(client, db, provider):
    from portal.models import Questionnaire

    page = start_survey(client)
    started = db.exec(select(Questionnaire).where(Questionnaire.active)).one()
    other = db.exec(select(Questionnaire).where(Questionnaire.id != started.id)).first()
    started.active, other.active = False, True
    db.commit()
    check = answer_from_about(client, page)
    assert step(client, check, action="send").status_code == 303
    assert released(db, SurveyResponse).one().questionnaire_id == started.id
