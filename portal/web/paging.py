"""Page numbers for long lists: every list shows a page, never everything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select


@dataclass(frozen=True)
class Window:
    page: int
    pages: int
    total: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def window(session: Session, statement: Any, page: int, size: int) -> Window:
    """Count what ``statement`` selects and clamp ``page`` to the pages there are."""
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    pages = max(1, -(-total // size))
    return Window(min(max(page, 1), pages), pages, total, size)
