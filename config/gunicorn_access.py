"""gunicorn's logger, with access-log lines for staff routes only.

A line for a public route would date what a youth or parent did: the journal
adds the time to every line. Named by `logger_class` in gunicorn.conf.py.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from portal.operations.logs import is_logged_path


class StaffOnlyAccessLog(Logger):
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if is_logged_path(environ.get("PATH_INFO", "")):
            super().access(resp, req, environ, request_time)
