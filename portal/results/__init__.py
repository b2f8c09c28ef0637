"""A provider's own results (/staff/results): the same protected figures as everyone's."""

from .views import blueprint

__all__ = ["blueprint"]
