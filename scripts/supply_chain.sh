#!/usr/bin/env bash
# Supply-chain checks (scripts/test.sh runs them):
#
# - cargo deny check licenses: every crate we build with is under a licence
#   deny.toml allows (permissive ones; no GPL/AGPL/LGPL-only crate);
# - cargo deny check advisories: no crate with a RustSec vulnerability
#   advisory (deny.toml says which other advisories fail);
# - npm audit --omit=dev --audit-level=high in frontend/: no high or critical
#   advisory in what the plugin's frontend ships.
#
# The two advisory checks need their databases: RustSec's is a git
# repository cargo-deny clones from GitHub, npm's is the registry's bulk
# advisory endpoint. Where either cannot be reached (no GitHub here; this
# registry mirror refuses the audit POST), that check is SKIPPED with a
# line saying so, and the rest still runs: the licence check is offline.
#
# Installs cargo-deny (cargo install --locked) when it is missing.
# Env: ASKLOKI_CARGO_LOCK (see scripts/build_dist.sh), ASKLOKI_TOOLS_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${ASKLOKI_TOOLS_DIR:-$HOME/.cache/askloki-tools}"
DENY_VERSION=0.20.2

cargo() {
  if [[ -n "${ASKLOKI_CARGO_LOCK:-}" ]]; then
    flock "$ASKLOKI_CARGO_LOCK" cargo "$@"
  else
    command cargo "$@"
  fi
}

if ! command -v cargo-deny >/dev/null 2>&1; then
  echo "== cargo install cargo-deny $DENY_VERSION"
  CARGO_TARGET_DIR="$TOOLS/cargo-install" cargo install cargo-deny --locked --version "$DENY_VERSION"
fi

# cargo-deny clones the RustSec database itself; fetching it first tells
# "no database here" apart from "an advisory matched".
if timeout 120 cargo deny fetch db >/tmp/askloki-deny-fetch.$$ 2>&1; then
  echo "== cargo deny check licenses advisories"
  cargo deny --locked check licenses advisories
else
  echo "== cargo deny check licenses"
  cargo deny --locked check licenses
  echo "SKIPPED: cargo deny check advisories: the RustSec advisory database (a git clone from GitHub) cannot be fetched from this machine:"
  grep -v '^[[:space:]]*$' /tmp/askloki-deny-fetch.$$ | tail -n1 | sed 's/^/    /' || true
  echo "    licences were checked; run 'cargo deny check advisories' where GitHub is reachable"
fi
rm -f /tmp/askloki-deny-fetch.$$

echo "== npm audit --omit=dev --audit-level=high (frontend)"
audit_json="$(cd frontend && npm audit --omit=dev --json 2>/dev/null || true)"
python3 - "$audit_json" <<'EOF'
import json, sys
try:
    report = json.loads(sys.argv[1])
except ValueError:
    report = {"error": {"summary": "npm audit printed no report"}}
if "error" in report:
    err = report["error"] or {}
    why = (err.get("summary") or report.get("message") or err.get("code") or "no reason given").strip().splitlines()[0]
    print(f"SKIPPED: npm audit: the registry's advisory endpoint cannot be used from this machine ({why}); run it where it can")
    sys.exit(0)
counts = report.get("metadata", {}).get("vulnerabilities", {})
high = counts.get("high", 0) + counts.get("critical", 0)
summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("critical", "high", "moderate", "low"))
if high:
    for name, v in sorted(report.get("vulnerabilities", {}).items()):
        if v.get("severity") in ("high", "critical"):
            print(f"  {v['severity']}: {name} {v.get('range', '')}")
    print(f"npm audit: {summary} in the frontend's runtime dependencies: fix the high/critical ones (npm audit fix)")
    sys.exit(1)
print(f"npm audit: no high or critical advisory ({summary})")
EOF
