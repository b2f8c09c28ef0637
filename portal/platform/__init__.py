from . import review  # noqa: F401  (registers the review pages on the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
