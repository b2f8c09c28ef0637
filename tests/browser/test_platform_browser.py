"""A client platform member on a phone: the region's chart with its table, a hidden
small group, the CSV of the table, and axe on the dashboard pages."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.test_accessibility import violations
from tests.browser.test_complaint_browser import fits, shot
from tests.browser.test_confidant_browser import sign_in
from tests.reporting_helpers import make_region

pytestmark = pytest.mark.browser


def test_a_member_reads_the_chart_and_table_and_exports_the_csv(browser, live_url, db):
    _inside, _outside, _utrecht, member = make_region(db)
    context, page = sign_in(browser, live_url, member)
    assert page.url.endswith("/platform/")
    chart = page.locator("figure.chart svg[role=img]")
    assert chart.count() == 1
    assert "Headline question" in chart.locator("title").text_content()
    assert page.get_by_role("table").first.is_visible()
    shot(page, "platform-dashboard-360")
    assert fits(page)
    assert violations(page) == []

    page.get_by_role("link", name="Binnen Jeugdhulp").click()
    assert page.get_by_text("fewer than 10 or hidden").first.is_visible()  # 3 parents
    assert fits(page)
    assert violations(page) == []
    shot(page, "platform-provider-360")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert (
        rows[0][:4] == ["item", "group", "n", "positive"]
        and rows[2][:3] == ["fit_question", "parent", "hidden"]
        and rows[4][:4] == ["fit_question", "all", "15", "80"]
    )
    context.close()
