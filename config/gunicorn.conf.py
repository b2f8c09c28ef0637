"""gunicorn settings: the access log never carries the client address or query string,
and has no line for a public route (config/gunicorn_access.py)."""

import os

bind = os.environ.get("KLANKBORD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KLANKBORD_WORKERS", "4"))
accesslog = "-"
# %(U)s is the path without the query string; no %(h)s, %(a)s or %({x-forwarded-for}i)s.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = ""
logger_class = "config.gunicorn_access.StaffOnlyAccessLog"
