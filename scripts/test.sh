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

# The end-to-end tests read the public Loghub samples: $ASKLOKI_LOGHUB, else
# ../shared/loghub beside this checkout (as in CI), else beside the
# repository this one was cloned from (a scratch clone of a local checkout).
if [[ -z "${ASKLOKI_LOGHUB:-}" && ! -d ../shared/loghub ]]; then
  origin="$(git remote get-url origin 2>/dev/null || true)"
  if [[ -n "$origin" && -d "$origin/../shared/loghub" ]]; then
    export ASKLOKI_LOGHUB="$(cd "$origin/../shared/loghub" && pwd)"
  else
    echo "test.sh: the Loghub samples are missing: put them in ../shared/loghub or set ASKLOKI_LOGHUB" >&2
    exit 1
  fi
fi

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
