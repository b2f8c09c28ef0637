"""A municipality is found by typing part of its name: no public page lists all 342."""

from __future__ import annotations

from sqlmodel import select

from portal.models import Municipality, ProviderMunicipality
from portal.municipality_search import (
    MAX_OFFERED,
    municipality_by_id,
    offered_municipalities,
    plain,
)
from tests.complaint_helpers import complaint_step, file_complaint, open_with_code, start_complaint
from tests.confidant_helpers import request_step
from tests.conftest import add_provider, form_fields
from tests.survey_helpers import start_survey, step


def add_places(db, *names: str) -> dict[str, Municipality]:
    places = {
        name: Municipality(name=name, cbs_code=f"GM{n:04d}") for n, name in enumerate(names, 500)
    }
    db.add_all(places.values())
    db.commit()
    return places


def names(offered) -> list[str]:
    return [place.name for place in offered.places]


def test_names_compare_as_people_type_them():
    assert plain("Súdwest-Fryslân") == "sudwest fryslan"
    assert plain("  Gemeente 's-Hertogenbosch ") == "s hertogenbosch"
    assert plain("gemeente") == ""  # the word alone is no search
    assert plain("x" * 10_000) == "x" * 80  # cut before any work


def test_the_whole_name_comes_first_then_names_that_start_with_it(db):
    add_places(db, "Ede", "Heerde", "Edam-Volendam", "Súdwest-Fryslân")
    assert names(offered_municipalities(db, "ede")) == ["Ede"]
    assert names(offered_municipalities(db, "ed")) == ["Edam-Volendam", "Ede"]  # a to z
    assert names(offered_municipalities(db, "erd")) == ["Heerde"]  # anywhere in the name
    assert names(offered_municipalities(db, "erde")) == ["Heerde"]
    assert names(offered_municipalities(db, "sudwest")) == ["Súdwest-Fryslân"]


def test_a_merged_municipality_is_not_offered_and_the_list_stays_short(db):
    places = add_places(db, *(f"Dorp {n:02d}" for n in range(30)), "Oudgemeente")
    places["Oudgemeente"].merged_into_id = places["Dorp 00"].id
    db.commit()
    assert offered_municipalities(db, "oudgemeente").places == []
    many = offered_municipalities(db, "dorp")
    assert len(many.places) == MAX_OFFERED and many.more and many.matches == 30


def test_the_chosen_one_stays_first_and_nothing_fitting_falls_back_to_the_provider(db, provider):
    utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
    zeist = add_places(db, "Zeist")["Zeist"]
    served = offered_municipalities(db, "", provider.id)
    assert names(served) == ["Utrecht"] and not served.searched
    nothing = offered_municipalities(db, "atlantis", provider.id, chosen=zeist)
    assert names(nothing) == ["Zeist", "Utrecht"] and nothing.searched and nothing.matches == 0
    assert db.exec(select(ProviderMunicipality)).one().municipality_id == utrecht.id


def test_forged_ids_need_no_query(db):
    assert municipality_by_id(db, 2**40) is None
    assert municipality_by_id(db, True) is None
    assert municipality_by_id(db, "1") is None


def test_the_complaint_page_searches_the_municipality_to_inform(client, db, provider):
    add_places(db, "Zeist")
    code = file_complaint(client, provider.id)
    client.get(open_with_code(client, code).headers["Location"])
    token = form_fields(client.get("/complaints/mine").data)["csrf_token"]
    search = {"csrf_token": token, "action": "find_place", "place": "zeist"}
    searched = client.post("/complaints/mine/municipality", data=search)
    assert searched.status_code == 303
    assert searched.headers["Location"].endswith("/complaints/mine?place=zeist#inform")
    shown = client.get("/complaints/mine?place=zeist").get_data(as_text=True)
    assert "<option selected" in shown and ">Zeist</option>" in shown


def test_forms_work_while_only_the_search_is_shown(client, db):
    """A provider that lists no municipality: the page holds a search, no list, and the
    steps go on without a municipality."""
    alone = add_provider(db, "Zonder Gemeente", "zonder")
    page = complaint_step(client, start_complaint(client), provider=str(alone.id), role="youth")
    assert 'name="municipality"' not in page.get_data(as_text=True)
    story = complaint_step(client, page, theme="waiting_time")
    assert story.status_code == 200 and 'name="what_happened"' in story.get_data(as_text=True)
    started = client.get("/confidant/new")
    you = client.get(started.headers["Location"])
    assert 'name="municipality"' not in you.get_data(as_text=True)
    about = request_step(client, you, role="parent")
    # On to the next step (no desk takes requests here, so it says whom to call).
    assert about.status_code == 200 and about.request.path == "/confidant/new/about"


def test_a_common_name_finds_the_official_one(db):
    add_places(db, "'s-Gravenhage", "'s-Hertogenbosch")
    assert names(offered_municipalities(db, "Den Haag")) == ["'s-Gravenhage"]
    assert names(offered_municipalities(db, "den bo")) == ["'s-Hertogenbosch"]


def test_a_merged_municipality_is_refused_by_id_too(client, db, provider):
    places = add_places(db, "Haaren", "Vught")
    places["Haaren"].merged_into_id = places["Vught"].id
    db.commit()
    assert municipality_by_id(db, places["Haaren"].id) is None
    about = complaint_step(client, start_complaint(client), provider=str(provider.id), role="youth")
    forged = complaint_step(
        client, about, theme="waiting_time", municipality=str(places["Haaren"].id)
    )
    assert forged.status_code == 422


def test_choosing_none_after_a_search_stays_none_on_back_and_reload(client, db, provider):
    """A search that finds one municipality chooses it; "I'd rather not say" chosen
    afterwards is kept when the search's address is opened again (back, reload)."""
    zeist = add_places(db, "Zeist")["Zeist"]
    page = step(client, start_survey(client), audience="youth")
    found = step(client, page, action="find_place", place="zeist")
    assert f'<option selected value="{zeist.id}">Zeist' in found.get_data(as_text=True)
    step(client, found, municipality="0")
    again = client.get("/survey/step/care?place=zeist").get_data(as_text=True)
    assert '<option selected value="0">' in again and "No municipality matches" not in again
    assert "Geen gemeente past" not in again
    chosen = step(client, found, municipality=str(zeist.id))
    assert chosen.status_code == 200
    searched_again = client.get("/survey/step/care?place=zeist").get_data(as_text=True)
    assert "Geen gemeente past" not in searched_again  # the chosen one fits the search


def test_the_confidant_page_keeps_an_explicit_none_beside_a_search(client, db):
    zeist = add_places(db, "Zeist")["Zeist"]
    picked = client.get("/confidant/?place=zeist").get_data(as_text=True)
    assert f'<option selected value="{zeist.id}">Zeist' in picked
    declined = client.get("/confidant/?place=zeist&municipality=0").get_data(as_text=True)
    assert f'<option selected value="{zeist.id}">' not in declined
