"""The confidant desk (/desk/): requests to a confidant service, for its confidants and
coordinator; and the administrator's setup of the services."""

from . import services  # noqa: F401  (the setup pages share the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
