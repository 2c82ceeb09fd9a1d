#!/usr/bin/env bash
# Starts the built server for the browser tests: a fresh SQLite database with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export DATABASE_URL="sqlite://$data/e2e.db"
export AUTOPORT_DEMO=1
export LEPTOS_OUTPUT_NAME=autoport
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
# Single sign-on sends people back to this address (registered at the test provider).
export AUTOPORT_PUBLIC_URL="http://127.0.0.1:${E2E_PORT:-3100}"
# The test OpenID provider runs on this machine; single sign-on refuses loopback otherwise.
export AUTOPORT_SSO_ALLOW_LOOPBACK=1
export RUST_LOG="${RUST_LOG:-warn}"
# The release build (what scripts/test.sh builds and people deploy) unless E2E_PROFILE=debug,
# e.g. after a plain `cargo leptos build`.
"target/${E2E_PROFILE:-release}/autoport"
