from . import complaints  # noqa: F401  (the complaint pages share the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
