#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests (SQLite always,
# PostgreSQL when TEST_DATABASE_URL is set; required in CI), then the browser journeys in
# Debian's Chromium against a freshly built release server.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
stage() {
  local now
  now=$(date +%s)
  printf '\n\033[1;32m==> %s\033[0m (at %ss)\n' "$1" "$((now - started))"
}

stage "setup"
scripts/setup.sh --test
. scripts/env.sh

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if [ -n "${CI:-}" ]; then
    echo "TEST_DATABASE_URL must be set in CI: the suite runs on PostgreSQL too" >&2
    exit 1
  fi
  echo "note: TEST_DATABASE_URL not set, PostgreSQL tests are skipped"
fi

stage "format"
cargo fmt --all --check

if [ "${AUTOPORT_TOOLCHAIN:-}" = debian ]; then
  # Debian's rustc-web ships no clippy. Lint the server half with rustup's toolchain in a
  # target dir of its own (two compilers must never share artifacts); rustup has no wasm32
  # here, so the browser half is compiled below but not linted.
  stage "lint (server, ssr; rustup's clippy)"
  env -u RUSTC PATH="$HOME/.cargo/bin:$PATH" CARGO_TARGET_DIR=target/lint \
    cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
  echo "note: frontend (wasm32) not linted on the Debian toolchain"
else
  stage "lint (server, ssr)"
  cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
  stage "lint (frontend, hydrate, wasm32)"
  cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
fi

stage "unit and integration tests"
mkdir -p target
# setup.sh --test installed Node's packages and aiosmtpd, so the real OpenID provider and the
# SMTP sink must run, not be skipped.
AUTOPORT_TEST_REQUIRE_OIDC_PROVIDER=1 AUTOPORT_TEST_REQUIRE_SMTP_SINK=1 cargo test -p app -p server --features app/ssr 2>&1 | tee target/cargo-test.log

# The journeys run against what people deploy: the release build, its wasm optimised by
# wasm-opt. A release bundle that does not compile, or does not hydrate, fails them.
stage "build the release site (cargo leptos build --release)"
cargo leptos build --release

stage "bundle size"
scripts/bundle-size.sh | tee target/bundle-size.md

stage "browser journeys (Playwright, Chromium, release build)"
(cd end2end && E2E_PROFILE=release npx playwright test) 2>&1 | tee target/playwright.log

stage "all passed"
rust=$(awk '/^test result: ok/ { for (i = 1; i < NF; i++) if ($(i + 1) == "passed;") n += $i } END { print n + 0 }' target/cargo-test.log)
browser=$(grep -E '^ +[0-9]+ passed' target/playwright.log | sed -E 's/ *([0-9]+) passed.*/\1/' | tail -n 1)
echo "rust tests: ${rust:-0}, browser journeys: ${browser:-0}"
echo "summary: $(( ${rust:-0} + ${browser:-0} )) passed, 0 failed"
