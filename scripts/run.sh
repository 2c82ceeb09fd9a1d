#!/usr/bin/env bash
# Builds Autoport and serves it at http://127.0.0.1:3000 on the embedded SQLite database
# (data/autoport.db), with the demo consortium loaded into an empty database.
# Any DATABASE_URL / AUTOPORT_* you set (or put in .env) wins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
export AUTOPORT_DEMO="${AUTOPORT_DEMO:-1}"
exec cargo leptos serve
