#!/usr/bin/env bash
# The project's test command: formatting, lints, and every test.
# Safe to run on a fresh machine: it needs the Rust toolchain (cargo,
# rustfmt, clippy) and Node.js with npm; it installs Debian's chromium for the
# frontend's browser test when missing, and builds everything else from this
# repository (npm ci from the lock file).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/askloki-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --all-targets --locked
cargo test --doc --locked

echo "== frontend: npm ci, build, tests (component and headless-browser)"
(cd frontend && bash scripts/install-browser.sh &&
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund &&
  npm run build && npm test)
