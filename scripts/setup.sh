#!/bin/sh
# Installs what a fresh machine lacks: the npm dependencies, and headless Chromium and Firefox for
# the real-browser tests (Debian packages, when running as root with apt-get available).
set -e
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
chromium_found() { [ -n "$CHROME_PATH" ] || have chromium || have chromium-browser || have google-chrome; }
firefox_found() { [ -n "$FIREFOX_PATH" ] || have firefox-esr || have firefox; }

if ! chromium_found || ! firefox_found; then
  if [ "$(id -u)" = 0 ] && have apt-get; then
    echo "setup: installing chromium and firefox-esr from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium firefox-esr >/dev/null
  else
    echo "setup: no Chromium/Firefox found: install them (apt-get install -y chromium firefox-esr) or set CHROME_PATH and FIREFOX_PATH" >&2
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# Which browsers the real-browser tests will use, so a failure report can name them.
node --import tsx scripts/browser-versions.ts
