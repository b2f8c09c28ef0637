from . import organisations  # noqa: F401  (organisation pages share the blueprint)
from .views import blueprint

__all__ = ["blueprint"]
