#!/usr/bin/env bash
# Installs Debian's Chromium for the frontend's browser test, if it is missing.
# Playwright never downloads a browser of its own here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD).
set -euo pipefail

for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "browser: $(command -v "$name") ($("$name" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "browser: no chromium and no apt-get; the browser test will be skipped" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "browser: not root and no sudo; cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
echo "browser: installed $(command -v chromium) ($(chromium --version 2>/dev/null || true))"
