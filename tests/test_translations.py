"""Catalogs are complete and current; messages hold no f-strings or HTML."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
GETTEXT_NAMES = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"}


def _ids(path: Path) -> set[object]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_template_is_current(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--mapping-file",
            str(ROOT / "babel.cfg"),
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
    committed = _ids(TRANSLATIONS / "messages.pot")
    extracted = _ids(fresh)
    assert extracted == committed, (
        "translations/messages.pot is stale: run `make translations`. "
        f"New: {sorted(map(str, extracted - committed))}; "
        f"gone: {sorted(map(str, committed - extracted))}"
    )


def test_there_is_a_dutch_catalog():
    assert TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po" in CATALOGS


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_is_complete_and_has_no_fuzzy_entry(catalog):
    template = _ids(TRANSLATIONS / "messages.pot")
    with catalog.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    assert {m.id for m in messages} == template, "catalog out of date: run `make translations`"
    untranslated = [m.id for m in messages if not all(m.string) if isinstance(m.string, tuple)]
    untranslated += [m.id for m in messages if not m.string]
    assert not untranslated
    assert not [m.id for m in messages if m.fuzzy]


def test_messages_hold_no_html():
    for message_id in _ids(TRANSLATIONS / "messages.pot"):
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
