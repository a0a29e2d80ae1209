# Installs what building and testing need, only when missing. Sourced by scripts/run and
# scripts/test; safe to run again (a second run installs nothing).

set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES_BUILD="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev"
# The fonts PDF reports take characters from that DejaVu lacks: Noto (CJK and more) and
# Symbola (emoji in outline; the colour emoji font is bitmaps, which a PDF cannot draw).
# chromium and chromium-driver play a participant's phone in the live session's e2e test.
APT_PACKAGES_TEST="xvfb webkit2gtk-driver poppler-utils qpdf imagemagick fonts-noto-core fonts-noto-cjk fonts-symbola chromium chromium-driver"

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
    ensure_pinned_toolchain
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
  fi
}

# rust-toolchain.toml pins the release the project is tested with. When rustup lacks it and the
# machine's stable toolchain is that same release, stable is linked under the pinned name (no
# download; machines here cannot fetch toolchains); otherwise rustup installs it.
ensure_pinned_toolchain() {
  local want stable
  want="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
  [ -n "$want" ] || return 0
  if rustup toolchain list | grep -q "^$want-"; then return 0; fi
  stable="$(rustup run stable rustc --version 2>/dev/null | awk '{ print $2 }')"
  if [ "$stable" = "$want" ]; then
    echo "==> linking the stable toolchain ($stable) as $want (rust-toolchain.toml)"
    rustup toolchain link "$want" "$(rustup run stable rustc --print sysroot)"
  else
    echo "==> installing Rust $want (rust-toolchain.toml)"
    rustup toolchain install "$want" --profile minimal --component rustfmt,clippy
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> installing tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
}

# Tauri's CLI, which makes the .deb (scripts/package-deb): npm's prebuilt @tauri-apps/cli, kept
# beside the build cache, rather than `cargo install tauri-cli` (hundreds of crates to compile).
ensure_tauri_cli() {
  local dir="$HOME/.cache/devops-maturity/tauri-cli"
  TAURI_CLI="$dir/node_modules/.bin/tauri"
  if [ ! -x "$TAURI_CLI" ]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    echo "==> installing the Tauri CLI (npm @tauri-apps/cli@2)"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --silent @tauri-apps/cli@2)
  fi
}

# The release build that scripts/package-deb ships and scripts/bench-startup measures: one cargo
# call, so the app, the CLI and the empty window share every dependency build and Tauri's
# features. `tauri/custom-protocol` is what `tauri build` adds: the page is served from the
# assets embedded in the binary, not from a dev server.
build_release() {
  echo "==> cargo build --release (the app, the CLI, the empty window)"
  cargo build --release --locked --features tauri/custom-protocol \
    -p devops-maturity-app -p devops-maturity-cli -p empty-window
}

# The package checks of scripts/test-deb: lintian, appstreamcli, man.
APT_PACKAGES_DEB_TEST="lintian appstream desktop-file-utils man-db xvfb x11-utils"

# cargo-fuzz drives the fuzz targets in fuzz/ (scripts/fuzz); it needs a C++ compiler
# (build-essential) for libFuzzer and runs on the stable toolchain with `-s none`.
ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
}

# axe-core, the accessibility checker the e2e suite injects into every page (tests/e2e/a11y.rs):
# one pinned file from the npm registry's tarball, checked against its SHA-256; no Node.js needed.
AXE_VERSION="4.14.1"
AXE_SHA256="e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745"
export AXE_CORE_JS="$HOME/.cache/devops-maturity/axe-core-$AXE_VERSION/axe.min.js"
ensure_axe() {
  if [ -f "$AXE_CORE_JS" ]; then return; fi
  apt_install curl ca-certificates
  echo "==> fetching axe-core $AXE_VERSION"
  local dir tgz
  dir="$(dirname "$AXE_CORE_JS")"
  tgz="$(mktemp)"
  curl -fsSL "https://registry.npmjs.org/axe-core/-/axe-core-$AXE_VERSION.tgz" -o "$tgz"
  echo "$AXE_SHA256  $tgz" | sha256sum -c --quiet
  mkdir -p "$dir"
  tar -xzf "$tgz" -C "$dir" --strip-components=1 package/axe.min.js package/LICENSE
  rm -f "$tgz"
}

# Builds outside the clone so repeated runs (and fresh clones) reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/devops-maturity/target}"
