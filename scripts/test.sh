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

echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --all-targets --locked
cargo test --doc --locked

echo "== frontend: npm ci, build, tests (component and headless-browser)"
(cd frontend && bash scripts/install-browser.sh &&
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund &&
  npm run build && npm test)
