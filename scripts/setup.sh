#!/usr/bin/env bash
# Obtains everything Autoport needs to build (and, with --test, to test).
# Idempotent: every step checks first and says what it skips or does.
#
#   scripts/setup.sh          toolchain: wasm32 target, cargo-leptos, wasm-bindgen-cli, wasm-opt (npm)
#   scripts/setup.sh --test   also Chromium + chromedriver (Debian), end2end's npm packages and
#                             aiosmtpd (the e-mail tests' SMTP sink) in a venv under target/
#
# Two ways to the wasm32 standard library:
#   * rustup (a normal laptop): `rustup target add wasm32-unknown-unknown`.
#   * Debian (our offline machines, rustup cannot download): Debian's rustc-web 1.96 plus the
#     wasm32 std built once from Debian's rust-web-src (see ../shared/TOOLCHAIN.md).
# The chosen toolchain is written to target/toolchain.env; scripts/env.sh reads it so that
# every build in this checkout uses one toolchain (mixing them would invalidate caches).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT_UPDATED=0
apt_install() {
  if [ $APT_UPDATED -eq 0 ]; then
    say "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

CARGO_LEPTOS_VERSION=0.3.11
mkdir -p target
ENV_FILE=target/toolchain.env

# ---- 1. the wasm32 target -------------------------------------------------------------------
debian_wasm_std_ready() {
  ls /usr/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib >/dev/null 2>&1 && [ -x /usr/bin/rustc ]
}

rustc_at_least_196() {
  "$1" --version 2>/dev/null | grep -qE '^rustc 1\.(9[6-9]|[1-9][0-9]{2})\.'
}

MODE=""
# AUTOPORT_TOOLCHAIN=debian forces the Debian path (to test it on a machine where rustup works).
if [ "${AUTOPORT_TOOLCHAIN:-}" = debian ] && debian_wasm_std_ready; then
  MODE=debian
  say "wasm32 target: Debian toolchain with wasm32 std already present, skipping"
elif [ "${AUTOPORT_TOOLCHAIN:-}" = debian ]; then
  MODE=debian_install
elif have rustup && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  MODE=rustup
  say "wasm32 target: present in rustup toolchain, skipping"
elif debian_wasm_std_ready; then
  MODE=debian
  say "wasm32 target: Debian toolchain with wasm32 std already present, skipping"
elif have rustup && timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  MODE=rustup
  say "wasm32 target: added with rustup"
else
  MODE=debian_install
fi
if [ "$MODE" = debian_install ]; then
  MODE=debian
  say "wasm32 target: taking the Debian path (rustup cannot provide it, or AUTOPORT_TOOLCHAIN=debian)"
  if ! rustc_at_least_196 /usr/bin/rustc; then
    if [ $APT_UPDATED -eq 0 ]; then say "apt-get update"; $SUDO apt-get update -qq; APT_UPDATED=1; fi
    say "apt-get install rustc-web cargo-web rust-web-src lld-22 (bookworm-security)"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-security \
      rustc-web cargo-web rust-web-src lld-22 >/dev/null
  fi
  say "building the wasm32 std from Debian's rust-web-src (about a minute)"
  STD_DIR=$(mktemp -d)
  mkdir -p "$STD_DIR/src"
  printf '[package]\nname = "wasm_std_seed"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n[workspace]\n' >"$STD_DIR/Cargo.toml"
  printf '#![no_std]\n' >"$STD_DIR/src/lib.rs"
  (cd "$STD_DIR" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
    /usr/bin/cargo build -q --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  $SUDO mkdir -p /usr/lib/rustlib/wasm32-unknown-unknown/lib
  find "$STD_DIR/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' ! -name 'libwasm_std_seed-*' \
    -exec $SUDO cp {} /usr/lib/rustlib/wasm32-unknown-unknown/lib/ \;
  rm -rf "$STD_DIR"
  say "wasm32 std installed into /usr/lib/rustlib/wasm32-unknown-unknown/lib"
fi
if [ "$MODE" = debian ] && [ ! -e /usr/local/bin/rust-lld ]; then
  say "linking rust-lld to Debian's lld-22"
  $SUDO ln -sf /usr/lib/llvm-22/bin/lld /usr/local/bin/rust-lld
fi

if [ "$MODE" = debian ]; then
  # Debian's cargo/rustc 1.96 for every build in this checkout: one toolchain, one cache.
  printf 'export PATH="/usr/bin:%s/.cargo/bin:$PATH"\nexport RUSTC=/usr/bin/rustc\nexport AUTOPORT_TOOLCHAIN=debian\n' "$HOME" >"$ENV_FILE"
else
  printf 'export AUTOPORT_TOOLCHAIN=rustup\n' >"$ENV_FILE"
fi
# shellcheck disable=SC1090
. "$ENV_FILE"
say "toolchain: $MODE ($(cargo --version))"

# ---- 2. wasm-opt (release builds of the wasm) -----------------------------------------------
# Binaryen 132 from the npm registry, pinned in scripts/binaryen/package-lock.json, never
# Debian's binaryen: its wasm-opt 108 (2022) predates the reference types that rustc and
# wasm-bindgen emit now, and the bundle it optimises never hydrates (docs/decisions.md).
# scripts/env.sh puts scripts/binaryen/node_modules/.bin first in PATH, where cargo-leptos
# looks for wasm-opt before it tries (and here fails) to download one.
WASM_OPT=scripts/binaryen/node_modules/.bin/wasm-opt
if [ -x "$WASM_OPT" ] && [ scripts/binaryen/node_modules/.package-lock.json -nt scripts/binaryen/package-lock.json ]; then
  say "wasm-opt $("$WASM_OPT" --version | awk '{print $3}'): present, skipping"
else
  say "npm ci in scripts/binaryen (wasm-opt from Binaryen)"
  (cd scripts/binaryen && npm ci --no-audit --no-fund --silent)
  say "wasm-opt $("$WASM_OPT" --version | awk '{print $3}') installed"
fi

# ---- 3. cargo-leptos ------------------------------------------------------------------------
if have cargo-leptos && cargo-leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "cargo-leptos $CARGO_LEPTOS_VERSION: present, skipping"
else
  # cargo-leptos's locked dependencies need rustc >= 1.96; a laptop's rustup stable has it,
  # here Debian's rustc-web does (it is only used for this install).
  INSTALL_CARGO=(cargo)
  if ! rustc_at_least_196 rustc; then
    if ! rustc_at_least_196 /usr/bin/rustc; then
      [ -f /etc/debian_version ] || { echo "cargo-leptos needs rustc >= 1.96: run 'rustup update'" >&2; exit 1; }
      if [ $APT_UPDATED -eq 0 ]; then say "apt-get update"; $SUDO apt-get update -qq; APT_UPDATED=1; fi
      say "apt-get install rustc-web cargo-web (bookworm-security) to build cargo-leptos"
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-security rustc-web cargo-web >/dev/null
    fi
    INSTALL_CARGO=(env RUSTC=/usr/bin/rustc /usr/bin/cargo)
  fi
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION with $("${INSTALL_CARGO[@]}" --version) (several minutes on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    "${INSTALL_CARGO[@]}" install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --quiet
fi

# ---- 4. wasm-bindgen-cli matching Cargo.lock --------------------------------------------------
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
if have wasm-bindgen && wasm-bindgen --version | grep -q " $WB_VERSION\$"; then
  say "wasm-bindgen-cli $WB_VERSION: present, skipping"
else
  say "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: its lock file pins a yanked crate (see TOOLCHAIN.md).
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --quiet
fi

# ---- 5. test tools ----------------------------------------------------------------------------
if [ $WANT_TEST -eq 1 ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium + chromium-driver: present, skipping"
  else
    apt_install chromium chromium-driver
  fi
  if [ -d end2end/node_modules/@playwright/test ] && \
     [ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ]; then
    say "end2end npm packages: present, skipping"
  else
    say "npm ci in end2end (Playwright's test runner and the test OpenID provider; never a browser)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
  # The SMTP sink of the e-mail tests (end2end/smtp/sink.py): aiosmtpd in a venv of our own,
  # never the system's Python packages.
  SINK_VENV=target/smtp-sink
  if [ -x "$SINK_VENV/bin/python3" ] && "$SINK_VENV/bin/python3" -c 'import aiosmtpd' 2>/dev/null; then
    say "aiosmtpd (SMTP test sink): present, skipping"
  else
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
      apt_install python3-venv
    fi
    say "aiosmtpd into $SINK_VENV (SMTP test sink)"
    python3 -m venv "$SINK_VENV"
    "$SINK_VENV/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==1.4.6"
  fi
fi
say "done"
