# Installs what building and testing need, only when missing. Sourced by scripts/run and
# scripts/test; safe to run again (a second run installs nothing).

set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES_BUILD="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev"
APT_PACKAGES_TEST="xvfb webkit2gtk-driver poppler-utils qpdf imagemagick"

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
  if ! command -v cargo >/dev/null 2>&1; then
    apt_install curl ca-certificates
    echo "==> installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
    . "$HOME/.cargo/env"
  fi
  if command -v rustup >/dev/null 2>&1; then
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> installing tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
}

# cargo-fuzz drives the fuzz targets in fuzz/ (scripts/fuzz); it needs a C++ compiler
# (build-essential) for libFuzzer and runs on the stable toolchain with `-s none`.
ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
}

# Builds outside the clone so repeated runs (and fresh clones) reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/devops-maturity/target}"
