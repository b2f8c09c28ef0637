"""Babel extractor for files that hold public and staff strings side by side.

Public pages and the mails youths and parents receive are translated into more languages
than staff pages (portal/i18n/languages.py). ``babel-public.cfg`` collects the public strings into
``translations/public.pot``; most files are public or staff as a whole, but a few (the
``notify`` modules, the family forms and labels) mix both. For those the mapping names the
top-level functions, classes or assignments that are public::

    [extractors]
    public_names = portal.i18n.extract:public_names

    [public_names: portal/complaints/notify.py]
    names = to_complainant

A name that is not defined in the file stops the extraction, so a rename cannot silently drop
public strings from the other catalogs.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Generator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

# (lineno, funcname, messages, comments), as Babel's extract_python yields them
Extracted = tuple[int, str, Any, list[str]]


def _spans(source: bytes, names: Collection[str]) -> list[tuple[int, int]]:
    """First and last line of each top-level definition or assignment called by a name."""
    found: dict[str, tuple[int, int]] = {}
    for node in ast.parse(source).body:
        defined: list[str] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined = [node.name]
        elif isinstance(node, ast.Assign):
            defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined = [node.target.id]
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        for name in defined:
            found[name] = (first, node.end_lineno or node.lineno)
    missing = sorted(set(names) - set(found))
    if missing:
        raise ValueError(f"babel-public.cfg names what the file does not define: {missing}")
    return [found[name] for name in names]


def public_names(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Generator[Extracted, None, None]:
    """Babel's Python extractor, limited to the top-level names in ``options["names"]``."""
    names = [name for name in re.split(r"[\s,]+", str(options.get("names", ""))) if name]
    spans = _spans(fileobj.read(), names)
    fileobj.seek(0)
    for found in extract_python(fileobj, keywords, comment_tags, options):
        if any(first <= found[0] <= last for first, last in spans):
            yield found
