from . import follow  # noqa: F401  (the follow-up pages share the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
