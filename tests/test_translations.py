"""Catalogs are complete and current; messages hold no f-strings or HTML.

Two templates: translations/messages.pot (every string, babel.cfg) feeds the Dutch catalog,
translations/public.pot (public pages and mails to youths and parents, babel-public.cfg)
feeds the catalogs of the languages only public pages speak (portal/i18n/languages.py).
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.i18n.extract import public_names
from portal.i18n.languages import PUBLIC_LANGUAGES, STAFF_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
GETTEXT_NAMES = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"}
# Template -> the mapping that extracts it.
TEMPLATES = {"messages.pot": "babel.cfg", "public.pot": "babel-public.cfg"}
PUBLIC_ONLY = sorted(set(PUBLIC_LANGUAGES) - set(STAFF_LANGUAGES))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def _language(catalog: Path) -> str:
    return catalog.parts[-3]


def _template(catalog: Path) -> Path:
    return TRANSLATIONS / ("public.pot" if _language(catalog) in PUBLIC_ONLY else "messages.pot")


def _ids(path: Path) -> set[object]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_is_current(tmp_path, template):
    fresh = tmp_path / template
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--mapping-file",
            str(ROOT / TEMPLATES[template]),
            "--keywords",
            "_l",
            "--keywords",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "--output-file",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = _ids(TRANSLATIONS / template)
    extracted = _ids(fresh)
    assert extracted == committed, (
        f"translations/{template} is stale: run `make translations`. "
        f"New: {sorted(map(str, extracted - committed))}; "
        f"gone: {sorted(map(str, committed - extracted))}"
    )


def test_there_is_a_dutch_catalog():
    assert TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po" in CATALOGS


def test_every_language_on_offer_has_a_catalog_and_no_other():
    # English is the source language: its msgids are the text.
    assert {_language(c) for c in CATALOGS} == set(PUBLIC_LANGUAGES) - {"en"}


def test_public_strings_are_part_of_the_full_template():
    """So the Dutch catalog translates every public string too."""
    public = _ids(TRANSLATIONS / "public.pot")
    assert public, "translations/public.pot holds no strings"
    assert public <= _ids(TRANSLATIONS / "messages.pot")


@pytest.mark.parametrize("catalog", CATALOGS, ids=_language)
def test_catalog_is_complete_and_has_no_fuzzy_entry(catalog):
    with catalog.open("rb") as handle:
        parsed = read_po(handle)
    messages = [m for m in parsed if m.id]
    assert {m.id for m in messages} == _ids(_template(catalog)), (
        "catalog out of date: run `make translations`"
    )
    untranslated = [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert not untranslated
    assert not [m.id for m in messages if m.fuzzy]
    wrong_forms = [
        m.id for m in messages if isinstance(m.id, tuple) and len(m.string) != parsed.num_plurals
    ]
    assert not wrong_forms, f"{_language(catalog)} needs {parsed.num_plurals} plural forms"


def _placeholders(text: str) -> set[str]:
    return {m.group(0) for m in PLACEHOLDER.finditer(text)}


def placeholder_problems(msgid: object, string: object) -> list[str]:
    """Every placeholder of the English, and no other; a plural form may leave out
    %(num)d ("one day", "يومان")."""
    if isinstance(msgid, tuple):
        wanted = _placeholders(msgid[0]) | _placeholders(msgid[1])
        forms = list(string) if isinstance(string, tuple) else [str(string)]
        return [
            form
            for form in forms
            if _placeholders(form) - wanted or (wanted - _placeholders(form)) - {"%(num)d"}
        ]
    return [] if _placeholders(str(msgid)) == _placeholders(str(string)) else [str(string)]


@pytest.mark.parametrize("catalog", CATALOGS, ids=_language)
def test_translations_keep_the_placeholders(catalog):
    with catalog.open("rb") as handle:
        wrong = {
            str(m.id): problems
            for m in read_po(handle)
            if m.id and m.string and (problems := placeholder_problems(m.id, m.string))
        }
    assert not wrong


def test_a_placeholder_mismatch_is_found():
    assert placeholder_problems("Hello %(name)s", "Hallo %(naam)s")
    assert placeholder_problems("Hello %(name)s", "Hallo")
    assert placeholder_problems("%(num)d day", "%(num)s dag")
    assert not placeholder_problems("%(name)s or %(name)s", "%(name)s")
    plural = ("%(num)d day at %(name)s", "%(num)d days at %(name)s")
    assert not placeholder_problems(plural, ("يوم واحد عند %(name)s", "%(num)d أيام عند %(name)s"))
    assert placeholder_problems(plural, ("%(num)d dzień", "%(num)d dni"))


@pytest.mark.parametrize("template", TEMPLATES)
def test_messages_hold_no_html(template):
    for message_id in _ids(TRANSLATIONS / template):
        for text in message_id if isinstance(message_id, tuple) else (message_id,):
            assert not re.search(r"</?[a-zA-Z][^>]*>", text), text


def test_gettext_calls_take_a_literal_string():
    offenders = []
    for path in (ROOT / "portal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and not (node.args and isinstance(node.args[0], ast.Constant))
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders


def test_templates_use_no_string_formatting_inside_messages():
    pattern = re.compile(r"_\(\s*f?[\"'][^\"']*[\"']\s*(%|\.format|~)")
    for template in (ROOT / "portal").rglob("*.html"):
        assert not pattern.search(template.read_text()), template


MIXED = b"""
from flask_babel import gettext as _

LABELS = {"a": _("Public label")}


def to_youth():
    return _("For the youth")


@decorated
def to_staff():
    return _("For the staff")
"""


def _extract(names: str) -> list[str]:
    found = public_names(io.BytesIO(MIXED), {"_": None}, (), {"names": names})
    return [messages for _line, _func, messages, _comments in found]


def test_the_public_extractor_keeps_only_the_named_definitions():
    assert _extract("to_youth LABELS") == ["Public label", "For the youth"]
    assert _extract("to_staff") == ["For the staff"]


def test_the_public_extractor_refuses_a_name_that_is_gone():
    with pytest.raises(ValueError, match="to_parents"):
        _extract("to_youth to_parents")
