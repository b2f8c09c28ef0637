"""CSV of exactly the table on screen: the same rows, hidden cells as their marks."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what Dutch spreadsheets expect
    writer.writerow(header)
    writer.writerows(rows)
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def plain(value: Any) -> Any:
    """A figure dict as its % positive; marks and numbers as they are."""
    if isinstance(value, dict):
        return value.get("positive", "")
    return "" if value is None else value
