"""Public pages stay light at national scale: 342 municipalities, 5,000 providers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import insert

from portal.models import Municipality, Provider, ProviderMunicipality
from tests.complaint_helpers import complaint_step, file_complaint, open_with_code, start_complaint
from tests.survey_helpers import start_survey, step

# Bytes of HTML plus its stylesheet, uncompressed (compressed they are a fifth of it).
LIMIT = 30 * 1024


@pytest.fixture
def national(db):
    db.execute(
        insert(Municipality),
        [{"name": f"Gemeente {n:03d}", "cbs_code": f"GM{n:04d}"} for n in range(1, 343)],
    )
    db.execute(
        insert(Provider),
        [
            {
                "name": f"Jeugdhulp Aanbieder {n:04d}",
                "slug": f"aanbieder-{n:04d}",
                "open_link": True,
                "regime": "jeugdwet",
                "regulation_url": "",
                "awb_advisory_committee": False,
            }
            for n in range(1, 5001)
        ],
    )
    db.execute(
        insert(ProviderMunicipality),
        [{"provider_id": n, "municipality_id": n % 342 + 1} for n in range(1, 5001)],
    )
    db.commit()


def weight(client, response) -> int:
    html = response.get_data()
    sheet = re.search(rb'href="(/static/[^"]+\.css)"', html)
    css = client.get(sheet.group(1).decode()).get_data() if sheet else b""
    return len(html) + len(css)


def test_public_pages_weigh_at_most_30_kb(client, national):
    page = start_complaint(client)
    pages = {"/complaints/new/provider": page}
    for path in [
        "/",
        "/privacy",
        "/help",
        "/accessibility",
        "/survey/",
        "/survey/?q=Gemeente+001",
        "/complaints/",
        "/complaints/follow",
        "/complaints/new/provider?q=Aanbieder",
        "/confidant/",
        "/confidant/?place=1",  # 152 municipalities fit: a short list all the same
        "/confidant/follow",
        "/family/",
    ]:
        pages[path] = client.get(path)
    page = complaint_step(client, page, provider="17", role="youth")
    pages["/complaints/new/about"] = page
    pages["/complaints/new/about?place=1"] = complaint_step(
        client, page, action="find_place", place="1"
    )
    survey = step(client, start_survey(client, "aanbieder-0017"), audience="youth")
    pages["/survey/step/care"] = survey
    pages["/survey/step/care?place=1"] = step(client, survey, action="find_place", place="1")
    started = client.get("/confidant/new")
    pages["/confidant/new/you"] = client.get(started.headers["Location"])
    assert "Typ meer van de naam" in pages["/survey/step/care?place=1"].get_data(as_text=True)
    for path, response in pages.items():
        assert response.status_code == 200, path
        assert weight(client, response) <= LIMIT, (path, weight(client, response))


def test_a_complaint_page_with_every_municipality_stays_light(app, national, db):
    """The complaint's own page offers its provider's municipalities, not all 342."""
    db.execute(
        insert(ProviderMunicipality),
        [{"provider_id": 17, "municipality_id": n} for n in range(1, 343) if n != 17 % 342 + 1],
    )
    db.commit()
    client = app.test_client()
    code = file_complaint(client, 17)
    mine = open_with_code(client, code)
    page = client.get(mine.headers["Location"])
    assert page.status_code == 200
    assert weight(client, page) <= LIMIT, weight(client, page)
