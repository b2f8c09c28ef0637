"""Six languages on public pages and in mails to youths and parents; Dutch and English on
staff pages; Arabic right to left; an unknown language code means Dutch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace

import flask_babel
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from portal.complaints import notify as complaint_notify
from portal.confidant import notify as confidant_notify
from portal.families import notify as family_notify
from portal.i18n.languages import LANGUAGE_NAMES, PUBLIC_LANGUAGES, STAFF_LANGUAGES
from portal.models import Complaint, OutboxMail, StaffRole
from portal.security.access import PUBLIC, declared_access, roles_required
from portal.survey import signals
from tests.complaint_helpers import complaint_step, file_complaint, start_complaint
from tests.conftest import add_staff, log_in

PUBLIC_ONLY = [code for code in PUBLIC_LANGUAGES if code not in STAFF_LANGUAGES]
HTML_TAG = re.compile(r'<html lang="([a-z]+)" dir="(ltr|rtl)">')
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Public pages that answer a plain GET; the rest need a code or a form first.
SKIP = {"static", "public.healthz", "public.logo", "public.language"}


def speaking(client: FlaskClient, code: str) -> FlaskClient:
    """The visitor chose ``code`` with the language switch."""
    assert client.get(f"/language/{code}?next=/").status_code == 303
    return client


def html_language(page: str) -> tuple[str, str]:
    found = HTML_TAG.search(page)
    assert found, page[:300]
    return found.group(1), found.group(2)


def public_get_pages(app: Flask) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIP
        and "GET" in (rule.methods or ())
        and not rule.arguments
        and declared_access(app.view_functions[rule.endpoint]) == PUBLIC
        and not rule.rule.startswith("/staff")
    )


def test_the_switch_names_every_language_in_itself(client):
    page = client.get("/").get_data(as_text=True)
    assert [LANGUAGE_NAMES[c] for c in PUBLIC_LANGUAGES] == [
        "Nederlands",
        "English",
        "العربية",
        "Türkçe",
        "Polski",
        "Українська",
    ]
    for code in PUBLIC_LANGUAGES:
        assert re.search(rf'lang="{code}"[^>]*>{LANGUAGE_NAMES[code]}<', page), code


def test_the_switch_is_a_plain_link_that_keeps_the_page(client):
    """No JavaScript: a link to /language/<code> that comes back to the same address."""
    page = client.get("/complaints/").get_data(as_text=True)
    assert 'href="/language/tr?next=/complaints/?"' in page
    back = client.get("/language/tr?next=/complaints/")
    assert back.status_code == 303 and back.headers["Location"] == "/complaints/"
    assert html_language(client.get("/complaints/").get_data(as_text=True)) == ("tr", "ltr")


@pytest.mark.parametrize("code", PUBLIC_LANGUAGES)
def test_every_public_page_speaks_the_chosen_language(app, client, code):
    speaking(client, code)
    for path in public_get_pages(app):
        page = client.get(path, follow_redirects=True)
        body = page.get_data(as_text=True)
        assert html_language(body) == (code, "rtl" if code == "ar" else "ltr"), path
        if code == "ar":
            assert ARABIC.search(body), path


def test_an_arabic_page_is_right_to_left_and_the_others_left_to_right(client):
    assert html_language(client.get("/").get_data(as_text=True)) == ("nl", "ltr")
    speaking(client, "ar")
    page = client.get("/confidant/").get_data(as_text=True)
    assert html_language(page) == ("ar", "rtl")
    assert '<span aria-current="true" lang="ar">العربية</span>' in page


@pytest.mark.parametrize("code", PUBLIC_ONLY)
def test_staff_pages_never_speak_a_public_only_language(app, db, client, code, clock):
    speaking(client, code)
    for path in ("/staff/login", "/staff/login/code", "/staff/no-such-page"):
        body = client.get(path, follow_redirects=True).get_data(as_text=True)
        assert html_language(body) == ("nl", "ltr"), path
        assert "العربية" not in body and f'hreflang="{code}"' not in body
    admin = add_staff(db, "beheer@klankbord.example", None, StaffRole.ADMINISTRATOR)
    log_in(client, admin)
    staff_paths = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and not rule.arguments
        and declared_access(app.view_functions[rule.endpoint]) not in (None, PUBLIC)
    ]
    assert "/admin/" in staff_paths and "/staff/" in staff_paths
    for path in staff_paths:
        page = client.get(path)
        assert page.status_code in {200, 403}, path
        assert html_language(page.get_data(as_text=True)) == ("nl", "ltr"), path


def test_a_staff_page_follows_the_browser_between_dutch_and_english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ar, en;q=0.8, nl;q=0.5"
    assert html_language(client.get("/").get_data(as_text=True)) == ("ar", "rtl")
    assert html_language(client.get("/staff/login").get_data(as_text=True)) == ("en", "ltr")
    speaking(client, "pl")
    assert html_language(client.get("/staff/login").get_data(as_text=True)) == ("en", "ltr")
    assert html_language(client.get("/").get_data(as_text=True)) == ("pl", "ltr")


def test_a_staff_route_outside_the_staff_prefixes_is_still_staff(app, client):
    @roles_required(StaffRole.ADMINISTRATOR)
    def report(staff):  # pragma: no cover - the login redirect comes first
        return "report"

    app.add_url_rule("/reports-for-staff", view_func=report)
    speaking(client, "ar")
    with app.test_request_context("/reports-for-staff"):
        app.preprocess_request()
        assert str(flask_babel.get_locale()) == "nl"


def test_an_unknown_language_code_means_dutch(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert html_language(client.get("/").get_data(as_text=True)) == ("en", "ltr")
    switched = client.get("/language/xx?next=/privacy")
    assert switched.status_code == 303 and switched.headers["Location"] == "/privacy"
    assert html_language(client.get("/privacy").get_data(as_text=True)) == ("nl", "ltr")


def test_an_unknown_language_in_a_form_means_dutch_and_keeps_the_answers(client, provider):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = start_complaint(client)
    page = complaint_step(client, page, action="next", lang="fr-XX", provider=str(provider.id))
    body = page.get_data(as_text=True)
    assert html_language(body) == ("nl", "ltr")
    assert re.search(rf'<input checked[^>]* name="provider"[^>]* value="{provider.id}"', body)


def test_a_browser_that_asks_for_an_unknown_language_gets_dutch(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr, de;q=0.8"
    assert html_language(client.get("/").get_data(as_text=True)) == ("nl", "ltr")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "uk-UA"
    assert html_language(client.get("/").get_data(as_text=True)) == ("uk", "ltr")


def test_a_complaint_filed_in_arabic_gets_its_mails_in_arabic(app, db, client, provider, clock):
    speaking(client, "ar")
    file_complaint(client, provider.id, contact="email", email="jongere@example.nl")
    complaint = db.exec(select(Complaint)).one()
    assert complaint.language == "ar"
    with app.app_context():
        complaint_notify.to_complainant(db, complaint, "https://klankbord.test", clock.now, True)
    db.commit()
    sent = db.exec(select(OutboxMail).where(OutboxMail.recipient == "jongere@example.nl")).one()
    assert ARABIC.search(sent.subject) and ARABIC.search(sent.body)
    assert "https://klankbord.test/complaints/follow" in sent.body


@pytest.mark.parametrize("code", PUBLIC_LANGUAGES)
def test_mails_to_youths_and_parents_are_in_their_language(app, db, code):
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    base = "https://klankbord.test"
    with app.app_context():
        complaint_notify.to_complainant(
            db, SimpleNamespace(contact_email="a@example.nl", language=code), base, now
        )
        confidant_notify.to_requester(
            db, SimpleNamespace(contact_email="b@example.nl", language=code), base, now
        )
        family_notify.to_family(
            db, [SimpleNamespace(email="c@example.nl", language=code)], base, now
        )
        with flask_babel.force_locale("en"):
            english = {
                flask_babel.gettext("Klankbord: there is news about your complaint"),
                flask_babel.gettext("Klankbord: news from your trusted contact person"),
                flask_babel.gettext("Klankbord: there is news about your family arrangement"),
            }
    mails = [m for m in db.new if isinstance(m, OutboxMail)]
    assert len(mails) == 3
    for mail in mails:
        assert (mail.subject in english) == (code == "en"), (code, mail.subject)
        assert "%(" not in mail.body and base in mail.body


class RecordingTranslations:
    """Passes every lookup on, and notes the msgids the catalog does not hold."""

    def __init__(self, inner: object, missing: set[str]) -> None:
        self.inner, self.missing = inner, missing

    def ugettext(self, message: str) -> str:
        if message not in self.inner._catalog:  # type: ignore[attr-defined]
            self.missing.add(message)
        return self.inner.ugettext(message)  # type: ignore[attr-defined]

    def ungettext(self, singular: str, plural: str, num: int) -> str:
        if (singular, 0) not in self.inner._catalog:  # type: ignore[attr-defined]
            self.missing.add(singular)
        return self.inner.ungettext(singular, plural, num)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


@pytest.fixture
def untranslated(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    missing: set[str] = set()
    original = flask_babel.Domain.get_translations

    def recording(domain: flask_babel.Domain) -> RecordingTranslations:
        return RecordingTranslations(original(domain), missing)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", recording)
    yield missing


@pytest.mark.parametrize("code", PUBLIC_ONLY)
def test_public_pages_and_mails_find_every_string_in_the_catalog(
    app, db, client, provider, clock, untranslated, code
):
    """A public string outside babel-public.cfg would show in English: this walks the
    public pages, a form with its errors and the mails, and names what is missing."""
    speaking(client, code)
    for path in [*public_get_pages(app), "/complaints/new", "/confidant/new", "/no-such-page"]:
        client.get(path, follow_redirects=True)
    page = start_complaint(client)
    complaint_step(client, page)  # nothing chosen: the error messages
    complaint_step(client, page, provider=str(provider.id), role="youth")
    with app.app_context():
        complaint_notify.to_complainant(
            db, SimpleNamespace(contact_email="a@example.nl", language=code), "x", clock.now
        )
        confidant_notify.to_requester(
            db, SimpleNamespace(contact_email="b@example.nl", language=code), "x", clock.now
        )
        family_notify.to_family(
            db, [SimpleNamespace(email="c@example.nl", language=code)], "x", clock.now
        )
    assert not sorted(untranslated), "add these to babel-public.cfg or the catalogs"


@pytest.mark.parametrize(
    ("code", "comment"),
    [
        ("ar", "زوج أمي يضربني عندما يغضب"),
        ("ar", "أفكر أحيانًا في الانتحار"),
        ("ar", "لست آمنًا في البيت"),
        ("tr", "Evde şiddet var"),
        ("tr", "bazen intihar etmeyi düşünüyorum"),
        ("tr", "kendime zarar veriyorum"),
        ("pl", "Ojczym bije mnie, kiedy jest zły"),
        ("pl", "czasem myślę o samobójstwie"),
        ("pl", "nie czuje sie bezpiecznie w domu"),
        ("uk", "Вітчим б'є мене, коли злиться"),
        ("uk", "іноді думаю про самогубство"),
        ("uk", "я не в безпеці вдома"),
    ],
)
def test_danger_words_are_found_in_the_public_only_languages(code, comment):
    assert signals.DANGER_WORDS[code]
    assert signals.has_danger_words(comment)


@pytest.mark.parametrize(
    "comment",
    [
        "المساعدة جيدة جدًا، شكرًا",
        "Yardım çok iyi, teşekkürler",
        "Pomoc jest bardzo dobra, dziękuję",
        "Допомога дуже добра, дякую",
    ],
)
def test_ordinary_comments_in_the_public_only_languages_are_no_signal(comment):
    assert not signals.has_danger_words(comment)
