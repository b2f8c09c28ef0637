"""Public pages to reach an independent trusted contact person (vertrouwenspersoon)."""

from . import follow, receipt  # noqa: F401  (these pages share the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
