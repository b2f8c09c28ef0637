"""Public pages stay light at national scale: 342 municipalities, 5,000 providers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import insert

from portal.models import Municipality, Provider, ProviderMunicipality
from tests.complaint_helpers import complaint_step, start_complaint

# Bytes of HTML plus its stylesheet, uncompressed. 30 KB until issue 8 put "Need help
# now?", the organisation and the quick exit on every public page (about 2 KB).
LIMIT = 32 * 1024


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
        "/survey/",
        "/survey/?q=Gemeente+001",
        "/complaints/",
        "/complaints/follow",
        "/complaints/new/provider?q=Aanbieder",
    ]:
        pages[path] = client.get(path)
    page = complaint_step(client, page, provider="17", role="youth")
    pages["/complaints/new/about"] = page
    for path, response in pages.items():
        assert response.status_code == 200, path
        assert weight(client, response) <= LIMIT, (path, weight(client, response))
