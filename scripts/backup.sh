#!/bin/sh
# Back up the portal's database to FILE (default: backups/klankbord-DATE.backup).
# SQLite: a consistent copy through SQLite's backup API, also while the portal runs.
# PostgreSQL: pg_dump in the custom format (restore with scripts/restore.sh).
# Reads the same KLANKBORD_* environment as the portal (KLANKBORD_DATABASE_URL).
set -eu
cd "$(dirname "$0")/.."
FLASK="${FLASK:-.venv/bin/flask}"
[ -x "$FLASK" ] || FLASK=flask
file="${1:-backups/klankbord-$(date +%Y-%m-%d).backup}"
mkdir -p "$(dirname "$file")"
umask 077  # a backup holds complaints: readable by this user only
exec "$FLASK" --app portal:create_app backup create "$file"
