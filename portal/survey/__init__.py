from . import steps  # noqa: F401  (registers the step routes on the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
