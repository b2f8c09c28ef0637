"""Seed 002 point 12: "vermijd de term regisseur". The word suggests that the professional,
not the family, is in charge, so no catalog and no template may hold it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AVOIDED = "regis" + "seur"  # spelled apart, so this file does not trip a search itself


def _texts() -> list[Path]:
    translations = ROOT / "translations"
    catalogs = [translations / "messages.pot", *translations.glob("*/LC_MESSAGES/messages.po")]
    templates = [
        path
        for path in (ROOT / "portal").rglob("*")
        if path.is_file() and "templates" in path.parts and path.suffix in {".html", ".txt"}
    ]
    return [path for path in [*catalogs, *templates] if path.is_file()]


def test_no_catalog_or_template_holds_the_avoided_word():
    found = [str(p.relative_to(ROOT)) for p in _texts() if AVOIDED in p.read_text().lower()]
    assert found == []


def test_the_check_reads_the_catalogs_and_the_family_templates():
    names = {p.name for p in _texts()}
    assert {"messages.pot", "messages.po", "page.html", "arrangement.html"} <= names
