"""Every public page: the organisation that runs the portal, "Need help now?" in the
footer, the quick exit, the help and accessibility pages, page titles, one register."""

from __future__ import annotations

import re
from html import unescape

import pytest

from config import ConfigurationError, load_settings
from portal.i18n.languages import PUBLIC_LANGUAGES
from portal.web.branding import QUICK_EXIT_URL
from tests.conftest import TEST_SECRET, add_staff, form_fields, log_in, make_settings
from tests.survey_helpers import complete_survey, start_survey

EN = {"Accept-Language": "en"}
NL = {"Accept-Language": "nl"}
INFO_PAGES = ["/", "/privacy", "/help", "/accessibility"]
# Pages where someone may be in danger, or watched: these get the quick exit.
EXIT_PAGES = ["/survey/", "/survey/p/vlinderboom", "/complaints/", "/complaints/follow"]
EXIT_PAGES += ["/confidant/", "/family/"]


def footer(html: str) -> str:
    return html.split('<footer class="foot">')[1]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("path", INFO_PAGES + EXIT_PAGES)
def test_every_public_footer_has_help_and_the_organisation(client, provider, path):
    page = client.get(path, headers=EN)
    assert page.status_code == 200
    foot = footer(page.get_data(as_text=True))
    assert "Need help now?" in foot
    for number in ("tel:112", "tel:08000432", "tel:08002000"):
        assert number in foot
    assert 'href="/confidant/"' in foot
    assert "Stichting Klankbord (demo)" in foot and "tel:0301234567" in foot
    assert "mailto:contact@klankbord.example" in foot
    assert "Monday to Friday, 09:00 to 17:00" in foot
    assert 'href="/help"' in foot and 'href="/accessibility"' in foot


@pytest.mark.parametrize("path", EXIT_PAGES)
def test_pages_where_someone_may_be_watched_have_a_quick_exit(client, provider, path):
    html = client.get(path, headers=EN).get_data(as_text=True)
    link = re.search(r'<a class="quick-exit" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link and link.group(1) == QUICK_EXIT_URL and link.group(2) == "Leave this site quickly"
    script = re.search(r'<script src="(/static/quick-exit\.[0-9a-f]+\.js)" defer></script>', html)
    assert script, "the script that replaces the history entry"
    assert "location.replace" in client.get(script.group(1)).get_data(as_text=True)


def test_the_quick_exit_script_is_allowed_and_loads_nothing_from_elsewhere(client, provider):
    page = client.get("/survey/p/vlinderboom")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script>" not in page.get_data(as_text=True)  # no inline script


def test_information_and_staff_pages_have_no_quick_exit(app, client, db, provider):
    for path in INFO_PAGES:
        assert "quick-exit" not in client.get(path).get_data(as_text=True), path
    staff = app.test_client()
    log_in(staff, add_staff(db, "medewerker@vlinderboom.example", provider))
    inbox = staff.get("/staff/").get_data(as_text=True)
    assert "quick-exit" not in inbox and "Need help now?" not in footer(inbox)


def test_the_survey_steps_have_the_quick_exit_too(client, provider):
    check = complete_survey(client, headers=EN)
    assert 'class="quick-exit"' in check.get_data(as_text=True)


def test_the_header_names_the_organisation(client, provider):
    header = client.get("/", headers=EN).get_data(as_text=True).split("</header>")[0]
    assert "Stichting Klankbord (demo)" in header
    assert "<img" not in header  # no logo set


def test_help_and_accessibility_statement(client, provider):
    help_page = visible_text(client.get("/help", headers=EN).get_data(as_text=True))
    assert "I lost my receipt code" in help_page and "Leave this site quickly" in help_page
    statement = visible_text(client.get("/accessibility", headers=EN).get_data(as_text=True))
    assert "Accessibility statement" in statement and "WCAG 2.1" in statement
    assert re.search(r"December 1, 2026|1 December 2026", statement)  # a setting
    assert "contact@klankbord.example" in statement


def test_the_home_page_title_is_plain_text(client):
    title = re.search(r"<title>(.*?)</title>", client.get("/", headers=EN).get_data(as_text=True))
    assert title and title.group(1) == "Welcome – Klankbord"


def test_error_pages_of_public_forms_start_their_title_with_error(client, provider):
    token = form_fields(client.get("/survey/").data)["csrf_token"]
    code = client.post("/survey/code", data={"csrf_token": token, "code": "x"}, headers=EN)
    assert "<title>Error: " in code.get_data(as_text=True)
    about = start_survey(client, headers=EN)
    data = {**form_fields(about.data, "survey"), "action": "next"}
    error = client.post("/survey/step/about", data=data, follow_redirects=True, headers=EN)
    assert "<title>Error: Step 1 of 7" in error.get_data(as_text=True)
    assert "<title>Step 1 of 7" in about.get_data(as_text=True)


@pytest.mark.parametrize("path", INFO_PAGES + EXIT_PAGES + ["/survey/thanks"])
def test_dutch_public_pages_say_je_not_u(client, provider, path):
    text = visible_text(client.get(path, headers=NL).get_data(as_text=True))
    assert not re.search(r"\b([Uu]|[Uu]w)\b", text), re.findall(r".{30}\b[Uu]w?\b.{30}", text)


def test_organisation_settings(tmp_path):
    settings = load_settings(
        {
            "KLANKBORD_SECRET_KEY": TEST_SECRET,
            "KLANKBORD_ORGANISATION_NAME": "Jeugdhulp Regio Utrecht",
            "KLANKBORD_ORGANISATION_PHONE": "+31 30 286 00 00",
            "KLANKBORD_ORGANISATION_HOURS": "08:30-16:30",
        }
    )
    assert settings["ORGANISATION_NAME"] == "Jeugdhulp Regio Utrecht"
    bad = [
        {"KLANKBORD_ORGANISATION_HOURS": "9 to 5"},
        {"KLANKBORD_ORGANISATION_PHONE": "call us"},
        {"KLANKBORD_ORGANISATION_EMAIL": "nobody"},
        {"KLANKBORD_ORGANISATION_LOGO": str(tmp_path / "missing.png")},
        {"KLANKBORD_ORGANISATION_NAME": " "},
        {"KLANKBORD_ACCESSIBILITY_STATEMENT_DATE": "soon"},
    ]
    for environ in bad:
        with pytest.raises(ConfigurationError):
            load_settings({"KLANKBORD_SECRET_KEY": TEST_SECRET, **environ})


def test_the_logo_is_served_from_this_site(tmp_path, database_path):
    from portal import create_app

    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    settings = make_settings(
        f"sqlite:///{database_path}", tmp_path / "instance", ORGANISATION_LOGO=str(logo)
    )
    client = create_app(settings).test_client()
    header = client.get("/").get_data(as_text=True).split("</header>")[0]
    assert '<img src="/organisation/logo" alt=""' in header
    served = client.get("/organisation/logo")
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"


def test_without_a_logo_there_is_nothing_to_serve(client):
    assert client.get("/organisation/logo").status_code == 404


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_footer_help_in_every_language(client, provider, language):
    client.get(f"/language/{language}")
    foot = footer(client.get("/survey/").get_data(as_text=True))
    assert 'id="help-footer"' in foot and "tel:112" in foot
