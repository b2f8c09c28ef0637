from . import (
    organisations,  # noqa: F401  (organisation pages share the blueprint)
    outbox,  # noqa: F401  (outbox pages and the home's mail banner share it too)
    reports,  # noqa: F401  (annual report pages and the home's report warnings)
)
from .views import blueprint

__all__ = ["blueprint"]
