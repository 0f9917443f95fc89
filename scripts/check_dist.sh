#!/usr/bin/env bash
# Check dist/ the way Grafana loads it (run after scripts/build_dist.sh):
#
# - the nested-plugins layout of an app: dist/plugin.json is the app
#   (askloki-nlq-app, type app) whose "includes" name the two plugins nested
#   below it, dist/datasource/plugin.json (askloki-nlq-datasource) and
#   dist/panels/answer/plugin.json (askloki-answer-panel), each found by
#   Grafana as a plugin.json in a folder of its own under the app's, each
#   with its module.js and the logo its plugin.json names; no plugin.json
#   elsewhere (Grafana would load it as one more plugin);
# - the datasource's plugin.json says what Grafana needs to start the
#   backend: type datasource, backend true, executable gpx_askloki; every
#   plugin.json's info.version is Cargo.toml's; grafanaDependency's minimum
#   is the @grafana/* version the frontend builds against and the one
#   docs/deploy.md names;
# - datasource/gpx_askloki_linux_amd64 and _arm64 (the nested plugin's
#   folder + executable + _<GOOS>_<GOARCH>, where Grafana looks for a nested
#   datasource's backend) and the CLI builds (top level) are ELF
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

# --- the app, its nested plugins, versions ----------------------------------------
cargo_version="$(sed -n 's/^version *= *"\(.*\)"$/\1/p' Cargo.toml | head -n1)"
if out="$(python3 - "$DIST" "$cargo_version" frontend/package.json docs/deploy.md <<'EOF'
import json, os, re, sys
dist, cargo_version, package_json, deploy_md = sys.argv[1:]
problems = []
# Where Grafana finds plugins: every plugin.json under the app's folder.
found = sorted(
    os.path.relpath(os.path.join(root, "plugin.json"), dist)
    for root, _, files in os.walk(dist)
    if "plugin.json" in files
)
want_files = ["datasource/plugin.json", "panels/answer/plugin.json", "plugin.json"]
if found != want_files:
    problems.append(f"plugin.json files {found}, want {want_files}")
want = {
    "plugin.json": {"id": "askloki-nlq-app", "type": "app"},
    "datasource/plugin.json": {"id": "askloki-nlq-datasource", "type": "datasource", "backend": True, "executable": "gpx_askloki"},
    "panels/answer/plugin.json": {"id": "askloki-answer-panel", "type": "panel"},
}
plugins = {}
for rel, fields in want.items():
    path = os.path.join(dist, rel)
    try:
        with open(path) as f:
            p = json.load(f)
    except (OSError, ValueError) as e:
        problems.append(f"{rel}: {e}")
        continue
    plugins[rel] = p
    for k, v in fields.items():
        if p.get(k) != v:
            problems.append(f"{rel}: {k} is {p.get(k)!r}, want {v!r}")
    version = (p.get("info") or {}).get("version")
    if version != cargo_version:
        problems.append(f"{rel}: info.version {version!r} is not Cargo.toml's {cargo_version!r}")
    folder = os.path.dirname(path)
    module = os.path.join(folder, "module.js")
    if not (os.path.isfile(module) and os.path.getsize(module) > 0):
        problems.append(f"{rel}: no module.js beside it")
    for size, logo in ((p.get("info") or {}).get("logos") or {}).items():
        if not os.path.isfile(os.path.join(folder, logo)):
            problems.append(f"{rel}: its {size} logo {logo} is missing")
    dep = (p.get("dependencies") or {}).get("grafanaDependency", "")
    m = re.fullmatch(r">=\s*(\d+)\.(\d+)\.\d+", dep or "")
    if not m:
        problems.append(f"{rel}: grafanaDependency {dep!r} is not '>=X.Y.Z'")
        continue
    minimum = f"{m[1]}.{m[2]}"
    with open(package_json) as f:
        deps = json.load(f).get("dependencies", {})
    for name in ("@grafana/data", "@grafana/runtime", "@grafana/ui"):
        spec = deps.get(name, "")
        got = re.search(r"(\d+)\.(\d+)", spec)
        if not got or f"{got[1]}.{got[2]}" != minimum:
            problems.append(f"{rel}: frontend builds against {name} {spec!r}, grafanaDependency says {dep!r}")
    with open(deploy_md) as f:
        if f"Grafana {minimum} or newer" not in f.read():
            problems.append(f"docs/deploy.md does not say 'Grafana {minimum} or newer'")
# The app names what it nests, by type and name.
app = plugins.get("plugin.json", {})
includes = {(i.get("type"), i.get("name")) for i in app.get("includes", [])}
for rel in ("datasource/plugin.json", "panels/answer/plugin.json"):
    child = plugins.get(rel)
    if child and (child["type"], child.get("name")) not in includes:
        problems.append(f"the app's includes do not name {rel} ({child['type']} {child.get('name')!r})")
if problems:
    print("; ".join(sorted(set(problems))))
    sys.exit(1)
print(f"app {app['id']} nests {plugins['datasource/plugin.json']['id']} and {plugins['panels/answer/plugin.json']['id']}, version {cargo_version}")
EOF
)"; then ok "plugins: $out"; else bad "plugins: $out"; fi

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
    # The backend sits in the nested datasource's folder; the CLI at the top.
    if [[ "$name" == gpx_askloki ]]; then f="$DIST/datasource/${name}_linux_$arch"; else f="$DIST/${name}_linux_$arch"; fi
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
  if line="$(handshake "$DIST/datasource/gpx_askloki_linux_$arch" "$runner")"; then
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
