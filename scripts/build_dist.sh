#!/usr/bin/env bash
# Build dist/, the AskLoki app as Grafana loads it: an app plugin with the
# datasource and the answer panel nested in it (Grafana's nested-plugins
# layout: each nested plugin in a folder of its own, with its plugin.json;
# the app's plugin.json lists them under "includes"):
#
#   dist/plugin.json                 the app (askloki-nlq-app; frontend/src/app)
#   dist/module.js, dist/img/...     the app's frontend
#   dist/datasource/plugin.json      the datasource (askloki-nlq-datasource; the
#                                    repository's plugin.json)
#   dist/datasource/gpx_askloki_linux_amd64   the backend Grafana starts, found
#   dist/datasource/gpx_askloki_linux_arm64   beside the nested plugin.json:
#                                    its "executable" + _<GOOS>_<GOARCH>;
#                                    static (musl)
#   dist/datasource/module.js, img/  the datasource's editors
#   dist/panels/answer/plugin.json   the answer panel (askloki-answer-panel)
#   dist/panels/answer/module.js
#   dist/askloki_linux_amd64         the CLI, static too, for docker-compose's loader
#   dist/askloki_linux_arm64         (Grafana ignores these three)
#   dist/askloki                     a sh wrapper that runs the machine's one
#   dist/README.md, dist/LICENSE
#
# Every plugin.json gets info.version from Cargo.toml. Mount or copy dist/ as
# <grafana plugins dir>/askloki-nlq-app.
#
# The static builds (docs/deploy.md, "Static builds"): Rust's musl targets, with
# zig as C compiler and linker through cargo-zigbuild. zig compiles the C and
# assembly of ring, psm (stacker) and mimalloc for either architecture and
# links the musl it ships, so one x86_64 Debian machine builds both without
# musl-gcc or a cross gcc. What this script installs when it is missing:
#
#   rustup target add x86_64-unknown-linux-musl aarch64-unknown-linux-musl
#   cargo install cargo-zigbuild --locked --version <pinned below>
#   pip install ziglang==<pinned below>     (into $ASKLOKI_TOOLS_DIR, not the system)
#
# then, per target:
#
#   cargo zigbuild --locked --profile dist --target <triple> --bin gpx_askloki --bin askloki
#
# Env:
#   CARGO_TARGET_DIR       default $HOME/.cache/askloki-target
#   ASKLOKI_DIST_ARCHS     "amd64 arm64" (default), or one of them
#   ASKLOKI_DIST_FRONTEND  "build" (default: npm ci, then the plugin's webpack
#                          build) or "reuse" (frontend/dist as already built,
#                          e.g. by scripts/test.sh)
#   ASKLOKI_CARGO_LOCK     a lock file: every cargo command runs under flock on
#                          it (a machine several builds share)
#   ASKLOKI_TOOLS_DIR      where zig is installed when missing
#                          (default $HOME/.cache/askloki-tools)
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
ARCHS="${ASKLOKI_DIST_ARCHS:-amd64 arm64}"
FRONTEND="${ASKLOKI_DIST_FRONTEND:-build}"
TOOLS="${ASKLOKI_TOOLS_DIR:-$HOME/.cache/askloki-tools}"
ZIGBUILD_VERSION=0.24.1
ZIGLANG_VERSION=0.17.1
dist=dist

warn() { echo "build_dist: warning: $*" >&2; }
die() { echo "build_dist: $*" >&2; exit 1; }
cargo() {
  if [[ -n "${ASKLOKI_CARGO_LOCK:-}" ]]; then
    flock "$ASKLOKI_CARGO_LOCK" cargo "$@"
  else
    command cargo "$@"
  fi
}

triple_of() {
  case "$1" in
    amd64) echo x86_64-unknown-linux-musl ;;
    arm64) echo aarch64-unknown-linux-musl ;;
    *) die "unknown architecture '$1' in ASKLOKI_DIST_ARCHS (amd64, arm64)" ;;
  esac
}

# --- Tools -------------------------------------------------------------------
for arch in $ARCHS; do
  triple="$(triple_of "$arch")"
  if ! rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
    command -v rustup >/dev/null 2>&1 ||
      die "no rustup to add the $triple target; install that target's standard library"
    echo "== rustup target add $triple"
    rustup target add "$triple"
  fi
done
if ! command -v cargo-zigbuild >/dev/null 2>&1; then
  echo "== cargo install cargo-zigbuild $ZIGBUILD_VERSION"
  # Its own target dir: the project's keeps only the project's builds.
  CARGO_TARGET_DIR="$TOOLS/cargo-install" cargo install cargo-zigbuild --locked --version "$ZIGBUILD_VERSION"
fi
# cargo-zigbuild runs `python3 -m ziglang` or a `zig` on PATH, else the
# one named by CARGO_ZIGBUILD_ZIG_PATH.
if ! python3 -m ziglang version >/dev/null 2>&1 && ! command -v zig >/dev/null 2>&1; then
  zigdir="$TOOLS/ziglang-$ZIGLANG_VERSION"
  if [[ ! -x "$zigdir/ziglang/zig" ]]; then
    echo "== pip install ziglang==$ZIGLANG_VERSION (into $zigdir)"
    python3 -m pip install --quiet --disable-pip-version-check --target "$zigdir" "ziglang==$ZIGLANG_VERSION"
  fi
  export CARGO_ZIGBUILD_ZIG_PATH="$zigdir/ziglang/zig"
fi

# --- Backends and CLI ----------------------------------------------------------
# Empty dist/ but keep the directory itself: a running Grafana container
# bind-mounts it, and a re-created directory would not be seen there.
mkdir -p "$dist"
find "$dist" -mindepth 1 -delete
mkdir -p "$dist/datasource"

for arch in $ARCHS; do
  triple="$(triple_of "$arch")"
  echo "== cargo zigbuild --profile dist --target $triple (target dir: $CARGO_TARGET_DIR)"
  start=$SECONDS
  cargo zigbuild --locked --profile dist --target "$triple" --bin gpx_askloki --bin askloki
  echo "   built in $((SECONDS - start)) s"
  out="$CARGO_TARGET_DIR/$triple/dist"
  install -m 0755 "$out/gpx_askloki" "$dist/datasource/gpx_askloki_linux_$arch"
  install -m 0755 "$out/askloki" "$dist/askloki_linux_$arch"
done

cat > "$dist/askloki" <<'EOF'
#!/bin/sh
# The askloki CLI for this machine: the static Linux build beside this file.
dir=$(dirname "$0")
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) arch=amd64 ;;
  Linux/aarch64 | Linux/arm64) arch=arm64 ;;
  *) echo "askloki: no build for $(uname -s)/$(uname -m) here; build it with cargo build --release" >&2; exit 1 ;;
esac
if [ ! -x "$dir/askloki_linux_$arch" ]; then
  echo "askloki: $dir/askloki_linux_$arch is missing; run scripts/build_dist.sh" >&2
  exit 1
fi
exec "$dir/askloki_linux_$arch" "$@"
EOF
chmod 0755 "$dist/askloki"

# --- Frontend ------------------------------------------------------------------
if [[ -f frontend/package.json ]]; then
  if [[ "$FRONTEND" == reuse && -f frontend/dist/datasource/module.js ]]; then
    echo "== frontend: reusing frontend/dist"
  else
    echo "== frontend: npm ci && the plugin's webpack build"
    (cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund &&
      ASKLOKI_BUILD=plugin npm run build)
  fi
  for module in module.js datasource/module.js panels/answer/module.js; do
    [[ -f "frontend/dist/$module" ]] || die "the frontend build produced no frontend/dist/$module"
  done
  cp -R frontend/dist/. "$dist/"
else
  warn "no frontend/package.json: dist/ has no module.js, so Grafana has no query or config editor for the plugin"
fi

# --- Metadata --------------------------------------------------------------------
# plugin.json's version is Cargo's (one version for backend, CLI and plugin);
# "updated" is the day of the commit built, so a rebuild gives the same file.
version="$(sed -n 's/^version *= *"\(.*\)"$/\1/p' Cargo.toml | head -n1)"
[[ -n "$version" ]] || die "no version in Cargo.toml"
updated="$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
# The datasource's plugin.json is the repository's (the backend keeps it); the
# app's and the panel's come from the frontend.
python3 - "$version" "$updated" \
  plugin.json "$dist/datasource/plugin.json" \
  frontend/src/app/plugin.json "$dist/plugin.json" \
  frontend/src/panel/plugin.json "$dist/panels/answer/plugin.json" <<'EOF'
import json, os, sys
version, updated, *pairs = sys.argv[1:]
for src, dst in zip(pairs[::2], pairs[1::2]):
    with open(src) as f:
        plugin = json.load(f)
    plugin["info"]["version"] = version
    plugin["info"]["updated"] = updated
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w") as f:
        json.dump(plugin, f, indent=2)
        f.write("\n")
EOF
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

echo "== $dist/ (version $version)"
(cd "$dist" && find . -mindepth 1 -maxdepth 3 -not -path './*/img/*' | sort | while read -r p; do
  if [[ -d "$p" ]]; then echo "$p/"; else printf '%s  %s\n' "$p" "$(du -h "$p" | cut -f1)"; fi
done)
