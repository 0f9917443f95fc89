#!/usr/bin/env bash
# Build dist/, the AskLoki plugin directory as Grafana loads it:
#
#   dist/plugin.json               the plugin's metadata (from the repo root)
#   dist/gpx_askloki_<os>_<arch>   the backend Grafana starts (plugin.json "executable")
#   dist/module.js, dist/img/...   the frontend (frontend/ build), when there is one
#   dist/askloki                   the CLI, for docker-compose's loader (Grafana ignores it)
#   dist/README.md, dist/LICENSE
#
# Mount or copy dist/ as <grafana plugins dir>/askloki-nlq-datasource.
#
# Env: CARGO_TARGET_DIR (default $HOME/.cache/askloki-target).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
dist=dist

warn() { echo "build_dist: warning: $*" >&2; }
die() { echo "build_dist: $*" >&2; exit 1; }

# Grafana runs <executable>_<GOOS>_<GOARCH>: map uname to Go's names.
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$os" in
  linux | darwin) ;;
  *) die "unsupported OS '$os' (Grafana wants a linux or darwin build here)" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) die "unsupported architecture '$(uname -m)' (expected x86_64/amd64 or aarch64/arm64)" ;;
esac
backend="gpx_askloki_${os}_${arch}"

echo "== cargo build --release (target dir: $CARGO_TARGET_DIR)"
cargo build --release --locked --bin gpx_askloki --bin askloki
release="$CARGO_TARGET_DIR/release"

# Empty dist/ but keep the directory itself: a running Grafana container
# bind-mounts it, and a re-created directory would not be seen there.
mkdir -p "$dist"
find "$dist" -mindepth 1 -delete

install -m 0755 "$release/gpx_askloki" "$dist/$backend"
install -m 0755 "$release/askloki" "$dist/askloki"
# The release profile keeps line tables for profiling; Grafana needs none.
if command -v strip >/dev/null 2>&1; then
  strip --strip-debug "$dist/$backend" "$dist/askloki"
fi

if [[ -f frontend/package.json ]]; then
  echo "== frontend: npm ci && npm run build"
  (cd frontend && npm ci && npm run build)
  if [[ -d frontend/dist ]]; then
    cp -R frontend/dist/. "$dist/"
  elif [[ ! -f "$dist/module.js" ]]; then
    # (A build configured to write straight into ../dist is fine too.)
    die "the frontend build produced neither frontend/dist/ nor $dist/module.js"
  fi
  # The frontend's build may bring a plugin.json; the repo root's (copied
  # below) is the one that counts.
else
  warn "no frontend/package.json: dist/ has no module.js, so Grafana has no query or config editor for the plugin"
fi

# After the frontend, so these win over any copies it made.
install -m 0644 plugin.json "$dist/plugin.json"
# The frontend's README is the plugin page Grafana shows; the repo's is the fallback.
if [[ -f README.md && ! -f "$dist/README.md" ]]; then install -m 0644 README.md "$dist/README.md"; fi
if [[ -f LICENSE ]]; then install -m 0644 LICENSE "$dist/LICENSE"; fi
if [[ ! -f "$dist/img/logo.svg" ]]; then
  if [[ -f img/logo.svg ]]; then
    mkdir -p "$dist/img"
    install -m 0644 img/logo.svg "$dist/img/logo.svg"
  else
    warn "no img/logo.svg (plugin.json's logo): Grafana shows a broken logo"
  fi
fi

# The binaries link the host's glibc: Grafana's default (Alpine, musl) image
# cannot run them; use an -ubuntu image (docker-compose.yml does).
if command -v ldd >/dev/null 2>&1 && deps="$(ldd "$dist/$backend" 2>/dev/null)" &&
  [[ "$deps" == *libc.so* ]]; then
  echo "note: $backend is linked against glibc $(ldd --version 2>/dev/null | head -n1 | grep -o '[0-9][0-9.]*$' || true); run it in a glibc image (grafana/grafana:<version>-ubuntu), not the Alpine one"
fi

echo "== $dist/"
if command -v tree >/dev/null 2>&1; then
  tree -h "$dist"
else
  (cd "$dist" && find . -mindepth 1 | sort | while read -r p; do
    if [[ -d "$p" ]]; then echo "$p/"; else printf '%s  %s\n' "$p" "$(du -h "$p" | cut -f1)"; fi
  done)
fi
