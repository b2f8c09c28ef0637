#!/bin/sh
# Replace the portal's database by the backup in FILE. Stop the web service and
# the scheduler first; start them again afterwards. Asks before it replaces
# anything unless --yes is given as the second argument.
set -eu
cd "$(dirname "$0")/.."
FLASK="${FLASK:-.venv/bin/flask}"
[ -x "$FLASK" ] || FLASK=flask
if [ $# -lt 1 ]; then
    echo "usage: $0 FILE [--yes]" >&2
    exit 2
fi
file="$1"
shift
exec "$FLASK" --app portal:create_app backup restore "$@" "$file"
