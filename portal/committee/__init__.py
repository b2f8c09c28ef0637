from .views import blueprint

__all__ = ["blueprint"]
