"""Settings for serving the portal: how much it logs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def serving_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    return {
        # Level of the JSON log lines on stderr (portal/operations/logs.py):
        # DEBUG, INFO, WARNING, ERROR.
        "LOG_LEVEL": environ.get("KLANKBORD_LOG_LEVEL", "INFO").strip().upper(),
    }
