# Sourced by the scripts: the toolchain chosen by setup.sh, and the Leptos settings that
# cargo-leptos uses, so plain cargo commands build with the same environment and share its
# cache instead of recompiling the Leptos crates.
if [ -f target/toolchain.env ]; then
  # shellcheck disable=SC1091
  . target/toolchain.env
fi
# wasm-opt from Binaryen 132 (scripts/binaryen, installed by setup.sh) before any other.
case ":$PATH:" in
  *":$PWD/scripts/binaryen/node_modules/.bin:"*) ;;
  *) export PATH="$PWD/scripts/binaryen/node_modules/.bin:$PATH" ;;
esac
export LEPTOS_OUTPUT_NAME=autoport
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_PKG_DIR=pkg
