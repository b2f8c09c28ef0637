"""Request limits that track no one: counters per client address held in process
memory for one window only (portal.security.ratelimit), and an overall pace per form.

Per client means per address, and a group home, school or office shares one;
the defaults leave room for a whole group filling in the survey together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# bucket -> (environment variable, default attempts per client per window)
BUCKETS: dict[str, tuple[str, int]] = {
    # Failed sign-in steps only (password, code, current password): an office signing
    # in at nine o'clock costs nothing.
    "staff_login": ("KLANKBORD_RATE_LIMIT_STAFF_LOGIN", 30),
    "receipt_lookup": ("KLANKBORD_RATE_LIMIT_RECEIPT_LOOKUP", 30),
    "complaint_send": ("KLANKBORD_RATE_LIMIT_COMPLAINT_SEND", 30),
    "survey_send": ("KLANKBORD_RATE_LIMIT_SURVEY_SEND", 100),
    "survey_code": ("KLANKBORD_RATE_LIMIT_SURVEY_CODE", 100),
    "family_code": ("KLANKBORD_RATE_LIMIT_FAMILY_CODE", 30),
}


def limit_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Attempts per client per window for each bucket (0 switches a bucket off)."""
    return {
        "RATE_LIMIT_ENABLED": environ.get("KLANKBORD_RATE_LIMIT", "on").strip().lower()
        not in {"0", "off", "false", "no"},
        "RATE_LIMIT_WINDOW_SECONDS": int(environ.get("KLANKBORD_RATE_LIMIT_WINDOW", "600")),
        "RATE_LIMITS": {
            bucket: int(environ.get(variable, str(default)))
            for bucket, (variable, default) in BUCKETS.items()
        },
        # All clients together, per bucket and window: beyond this every request is
        # slowed down (never refused), so a flood cannot lock everyone out.
        "RATE_LIMIT_GLOBAL": int(environ.get("KLANKBORD_RATE_LIMIT_GLOBAL", "3000")),
        # Behind a reverse proxy every request comes from the proxy: name how many
        # proxies set X-Forwarded-For, or all visitors share one per-client count.
        "PROXY_HOPS": int(environ.get("KLANKBORD_PROXY_HOPS", "0")),
        # The slow-down; at most one second, whatever is configured.
        "RATE_LIMIT_GLOBAL_DELAY": min(
            float(environ.get("KLANKBORD_RATE_LIMIT_GLOBAL_DELAY", "1.0")), 1.0
        ),
    }
