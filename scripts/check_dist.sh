#!/usr/bin/env bash
# Check dist/ the way Grafana loads it (run after scripts/build_dist.sh):
#
# - plugin.json parses, and says what Grafana needs to start the backend:
#   id askloki-nlq-datasource, type datasource, backend true, executable
#   gpx_askloki; its info.version is Cargo.toml's; grafanaDependency's
#   minimum is the @grafana/* version the frontend builds against and the one
#   docs/deploy.md names;
# - module.js is there (Grafana loads the plugin's editors from it);
# - gpx_askloki_linux_amd64 and gpx_askloki_linux_arm64 (executable +
#   _<GOOS>_<GOARCH>, the names Grafana looks for) and the CLI builds are ELF
#   files for their architecture, executable, and static: no program
#   interpreter and no shared libraries (so they run on Alpine and Ubuntu alike);
# - each backend, started as Grafana starts it (grafana_plugin_type=datasource),
#   prints go-plugin's handshake `1|2|tcp|127.0.0.1:<port>|grpc`: natively, or
#   under qemu-user for the other architecture (skipped, and said, when there
#   is no qemu-<arch>[-static]); the CLI prints its version.
#
# Usage: scripts/check_dist.sh [DIST_DIR]   (default dist). Exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
ARCHS="${ASKLOKI_DIST_ARCHS:-amd64 arm64}"

passed=0 failed=0 skipped=0
ok() { echo "ok    $*"; passed=$((passed + 1)); }
bad() { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "skip  $*"; skipped=$((skipped + 1)); }

[[ -d "$DIST" ]] || { echo "check_dist: no $DIST/ (run scripts/build_dist.sh)"; exit 1; }

# --- plugin.json and versions ------------------------------------------------------
cargo_version="$(sed -n 's/^version *= *"\(.*\)"$/\1/p' Cargo.toml | head -n1)"
if out="$(python3 - "$DIST/plugin.json" "$cargo_version" frontend/package.json docs/deploy.md <<'EOF'
import json, re, sys
path, cargo_version, package_json, deploy_md = sys.argv[1:]
problems = []
try:
    with open(path) as f:
        p = json.load(f)
except (OSError, ValueError) as e:
    print(f"{path}: {e}")
    sys.exit(1)
want = {"id": "askloki-nlq-datasource", "type": "datasource", "backend": True, "executable": "gpx_askloki"}
for k, v in want.items():
    if p.get(k) != v:
        problems.append(f"{k} is {p.get(k)!r}, want {v!r}")
version = (p.get("info") or {}).get("version")
if version != cargo_version:
    problems.append(f"info.version {version!r} is not Cargo.toml's {cargo_version!r}")
dep = (p.get("dependencies") or {}).get("grafanaDependency", "")
m = re.fullmatch(r">=\s*(\d+)\.(\d+)\.\d+", dep or "")
if not m:
    problems.append(f"grafanaDependency {dep!r} is not '>=X.Y.Z'")
else:
    minimum = f"{m[1]}.{m[2]}"
    with open(package_json) as f:
        deps = json.load(f).get("dependencies", {})
    for name in ("@grafana/data", "@grafana/runtime", "@grafana/ui"):
        spec = deps.get(name, "")
        got = re.search(r"(\d+)\.(\d+)", spec)
        if not got or f"{got[1]}.{got[2]}" != minimum:
            problems.append(f"frontend builds against {name} {spec!r}, grafanaDependency says {dep!r}")
    with open(deploy_md) as f:
        if f"Grafana {minimum} or newer" not in f.read():
            problems.append(f"docs/deploy.md does not say 'Grafana {minimum} or newer'")
if problems:
    print("; ".join(problems))
    sys.exit(1)
print(f"id {p['id']}, version {version}, grafanaDependency {dep}")
EOF
)"; then ok "plugin.json: $out"; else bad "plugin.json: $out"; fi

if [[ -s "$DIST/module.js" ]]; then ok "module.js ($(du -h "$DIST/module.js" | cut -f1))"; else bad "no $DIST/module.js"; fi

# --- ELF: architecture, static -----------------------------------------------------
# Reads the ELF header and program headers itself: no file/readelf needed.
elf_check() { # file arch -> prints a description, exit 1 if not a static ELF of arch
  python3 - "$1" "$2" <<'EOF'
import struct, sys
path, arch = sys.argv[1:]
machine = {"amd64": 62, "arm64": 183}[arch]
with open(path, "rb") as f:
    data = f.read(1 << 20)
if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
    print("not a 64-bit little-endian ELF file"); sys.exit(1)
e_type, e_machine = struct.unpack_from("<HH", data, 16)
e_phoff, = struct.unpack_from("<Q", data, 32)
e_phentsize, e_phnum = struct.unpack_from("<HH", data, 54)
types = [struct.unpack_from("<I", data, e_phoff + i * e_phentsize)[0] for i in range(e_phnum)]
PT_DYNAMIC, PT_INTERP = 2, 3
problems = []
if e_machine != machine:
    problems.append(f"machine {e_machine}, want {machine} ({arch})")
if PT_INTERP in types:
    problems.append("has a program interpreter (dynamically linked)")
if PT_DYNAMIC in types:
    problems.append("has a dynamic section (shared libraries or static-pie)")
if problems:
    print("; ".join(problems)); sys.exit(1)
print(f"ELF {arch}, static (no interpreter, no dynamic section)")
EOF
}

host_arch=""
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) host_arch=amd64 ;;
  Linux/aarch64) host_arch=arm64 ;;
esac

# A command that runs a binary of the given architecture here, or nothing.
runner_for() {
  if [[ "$1" == "$host_arch" ]]; then return 0; fi
  local q
  case "$1" in amd64) q=x86_64 ;; arm64) q=aarch64 ;; esac
  for cand in "qemu-$q-static" "qemu-$q"; do
    if command -v "$cand" >/dev/null 2>&1; then echo "$cand"; return 0; fi
  done
  return 1
}

# Start a backend as Grafana does and wait for go-plugin's handshake line.
handshake() { # file [runner]
  local bin="$1" runner="${2:-}" out pid line="" i
  out="$(mktemp)"
  # shellcheck disable=SC2086 # $runner is one word or none
  grafana_plugin_type=datasource $runner "$bin" >"$out" 2>/dev/null &
  pid=$!
  for i in $(seq 1 100); do
    line="$(head -n1 "$out")"
    [[ -n "$line" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
  echo "$line"
  [[ "$line" =~ ^1\|2\|tcp\|127\.0\.0\.1:[0-9]+\|grpc$ ]]
}

for arch in $ARCHS; do
  for name in gpx_askloki askloki; do
    f="$DIST/${name}_linux_$arch"
    if [[ ! -f "$f" ]]; then bad "no $f"; continue; fi
    if [[ ! -x "$f" ]]; then bad "$f is not executable"; fi
    if desc="$(elf_check "$f" "$arch")"; then ok "$f: $desc, $(du -h "$f" | cut -f1)"; else bad "$f: $desc"; fi
    if command -v file >/dev/null 2>&1; then echo "      file: $(file -b "$f")"; fi
    if [[ "$arch" == "$host_arch" ]] && command -v ldd >/dev/null 2>&1; then
      echo "      ldd: $(ldd "$f" 2>&1 | head -n1 | sed 's/^[[:space:]]*//')"
    fi
  done

  if ! runner="$(runner_for "$arch")"; then
    skip "running the $arch builds: not this machine's architecture and no qemu-user here (Debian: qemu-user-static)"
    continue
  fi
  how="${runner:-natively}"
  if line="$(handshake "$DIST/gpx_askloki_linux_$arch" "$runner")"; then
    ok "gpx_askloki_linux_$arch ($how) handshake: $line"
  else
    bad "gpx_askloki_linux_$arch ($how) printed no go-plugin handshake (got '${line}')"
  fi
  # shellcheck disable=SC2086
  if v="$($runner "$DIST/askloki_linux_$arch" --version 2>&1)" && [[ "$v" == "askloki $cargo_version" ]]; then
    ok "askloki_linux_$arch ($how): $v"
  else
    bad "askloki_linux_$arch ($how) --version: '$v', want 'askloki $cargo_version'"
  fi
done

if [[ -n "$host_arch" && -x "$DIST/askloki" ]]; then
  if v="$("$DIST/askloki" --version 2>&1)" && [[ "$v" == "askloki $cargo_version" ]]; then
    ok "askloki wrapper picks askloki_linux_$host_arch"
  else
    bad "dist/askloki --version: '$v'"
  fi
fi

echo "check_dist: $passed passed, $failed failed, $skipped skipped"
if [[ "$failed" -ne 0 ]]; then
  echo "$DIST/ is not what Grafana needs (FAIL lines above)"
  exit 1
fi
