"""One family, one contact person (issue 10): professionals at /staff/families/, the
family page at /family/. The only identified part of Klankbord; it shares no table or
code path with the anonymous survey, complaint and confidant data."""

from . import public_views, staff_views, wizard_views  # noqa: F401  (register the routes)
from .blueprints import public as public_blueprint
from .blueprints import staff as staff_blueprint

__all__ = ["public_blueprint", "staff_blueprint"]
