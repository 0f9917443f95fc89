#!/usr/bin/env bash
# The project's test command: formatting, lints, every test, the plugin
# directory Grafana loads (static amd64 and arm64 builds, checked), and
# supply-chain checks.
# Safe to run on a fresh machine: it needs the Rust toolchain (rustup, cargo,
# rustfmt, clippy), Node.js with npm and Python 3; it installs Debian's
# chromium for the frontend's browser test and qemu-user-static for running
# the arm64 build when missing, the musl targets, cargo-zigbuild, zig (PyPI)
# and cargo-deny (scripts/build_dist.sh, scripts/supply_chain.sh), and builds
# everything else from this repository (npm ci from the lock file).
#
# ASKLOKI_CARGO_LOCK=<file>: every cargo command runs under flock on it (a
# machine several builds share).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cargo() {
  if [[ -n "${ASKLOKI_CARGO_LOCK:-}" ]]; then
    flock "$ASKLOKI_CARGO_LOCK" cargo "$@"
  else
    command cargo "$@"
  fi
}

# The end-to-end tests read the public Loghub samples: $ASKLOKI_LOGHUB, else
# ../shared/loghub beside this checkout (as in CI), else beside the
# repository this one was cloned from (a scratch clone of a local checkout).
# Where they are found, every test that needs them must run; where they are
# not (a machine with nothing beside the clone), those tests skip.
if [[ -z "${ASKLOKI_LOGHUB:-}" ]]; then
  origin="$(git remote get-url origin 2>/dev/null || true)"
  for candidate in ../shared/loghub "${origin:+$origin/../shared/loghub}"; do
    if [[ -n "$candidate" && -d "$candidate" ]]; then
      export ASKLOKI_LOGHUB="$(cd "$candidate" && pwd)"
      break
    fi
  done
fi
if [[ -n "${ASKLOKI_LOGHUB:-}" && -d "$ASKLOKI_LOGHUB" ]]; then
  export ASKLOKI_REQUIRE_LOGHUB=1
else
  echo "test.sh: the Loghub samples are not here (../shared/loghub or \$ASKLOKI_LOGHUB): skipping the tests that need them (ask_loghub, analyze per_line_verdicts_on_bgl/each_capability_from_the_cli, cli_query on HDFS/BGL/OpenStack/Apache, knowledge on OpenSSH/HDFS/Apache)"
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked

echo "== frontend: npm ci, build, tests (component and headless-browser)"
(cd frontend && bash scripts/install-browser.sh &&
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund &&
  npm run build && npm test)

echo "== supply chain: licences and advisories"
start=$SECONDS
scripts/supply_chain.sh
echo "   supply_chain took $((SECONDS - start)) s"

echo "== dist/: static builds for linux amd64 and arm64, and the frontend"
start=$SECONDS
ASKLOKI_DIST_FRONTEND=reuse scripts/build_dist.sh
echo "   build_dist took $((SECONDS - start)) s"

echo "== dist/ as Grafana loads it"
# qemu-user runs the arm64 build once (its go-plugin handshake); without it
# check_dist says it skipped that.
if ! command -v qemu-aarch64-static >/dev/null 2>&1 && ! command -v qemu-aarch64 >/dev/null 2>&1 &&
  [[ "$(uname -m)" != aarch64 ]] && command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]]; then
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq qemu-user-static >/dev/null) ||
    echo "test.sh: could not install qemu-user-static; the arm64 build will not be run"
fi
scripts/check_dist.sh
