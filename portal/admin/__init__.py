from . import (
    organisations,  # noqa: F401  (organisation pages share the blueprint)
    outbox,  # noqa: F401  (outbox pages and the home's mail banner share it too)
)
from .views import blueprint

__all__ = ["blueprint"]
