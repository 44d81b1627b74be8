#!/bin/sh
# Unpacks the browser pair that is NOT installed beside the installed one, so the real-browser tests
# can run on both lines Debian bookworm carries (bookworm main: Chromium 150 / Firefox ESR 140;
# bookworm-security: Chromium 156 / Firefox ESR 153). Which pair `apt-get install` gives depends on
# the machine's package lists; this script takes, for chromium and firefox-esr, the version
# `apt-cache madison` lists that differs from the installed one.
#
# Each package version is `apt-get download`ed and `dpkg -x`ed into .cache/browsers/<package>-<version>/
# (git-ignored) and reused when present. The binaries run from there with the installed pair's libraries.
# Prints two lines for the caller to eval (shell-quoted):
#   CHROME_PATH='<dir>/usr/lib/chromium/chromium'
#   FIREFOX_PATH='<dir>/usr/lib/firefox-esr/firefox-esr'
# Progress goes to stderr. Fails (non-zero) when there is no other version to fetch.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
cache="$root/.cache/browsers"

say() { echo "older-browsers: $*" >&2; }
die() { say "$*"; exit 1; }

command -v dpkg-query >/dev/null 2>&1 && command -v apt-cache >/dev/null 2>&1 || die "needs Debian's dpkg and apt"

installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }
listed() { apt-cache madison "$1" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }'; }
# The first version apt lists for $1 that is not $2 (madison lists newest first).
other_version() { listed "$1" | grep -vxF "$2" | head -n 1; }

chromium_installed=$(installed chromium)
firefox_installed=$(installed firefox-esr)
[ -n "$chromium_installed" ] && [ -n "$firefox_installed" ] ||
  die "chromium and firefox-esr must be installed from Debian's packages (run sh scripts/setup.sh)"

chromium_other=$(other_version chromium "$chromium_installed")
firefox_other=$(other_version firefox-esr "$firefox_installed")
if { [ -z "$chromium_other" ] || [ -z "$firefox_other" ]; } && [ "$(id -u)" = 0 ]; then
  say "apt lists no other version yet: apt-get update"
  apt-get update -qq >&2
  chromium_other=$(other_version chromium "$chromium_installed")
  firefox_other=$(other_version firefox-esr "$firefox_installed")
fi
[ -n "$chromium_other" ] || die "apt lists no chromium other than the installed $chromium_installed (apt-cache madison chromium)"
[ -n "$firefox_other" ] || die "apt lists no firefox-esr other than the installed $firefox_installed (apt-cache madison firefox-esr)"

# unpack <dir name> <binary inside> <package=version>...: downloads and extracts once; a .complete marker says it finished.
unpack() {
  dir="$cache/$1" binary=$2
  shift 2
  if [ -f "$dir/.complete" ] && [ -x "$dir/$binary" ]; then
    say "reusing $dir"
    return
  fi
  say "fetching $*"
  rm -rf "$dir" "$dir.part"
  mkdir -p "$dir.part/debs"
  # apt's _apt user must be able to write there, or apt warns and downloads unsandboxed.
  chmod 0777 "$dir.part/debs"
  (cd "$dir.part/debs" && apt-get download -q "$@" >&2)
  for deb in "$dir.part"/debs/*.deb; do dpkg -x "$deb" "$dir.part"; done
  rm -rf "$dir.part/debs"
  [ -x "$dir.part/$binary" ] || die "no $binary in $*"
  touch "$dir.part/.complete"
  mv "$dir.part" "$dir"
}

unpack "chromium-$chromium_other" usr/lib/chromium/chromium "chromium=$chromium_other" "chromium-common=$chromium_other"
unpack "firefox-esr-$firefox_other" usr/lib/firefox-esr/firefox-esr "firefox-esr=$firefox_other"

# The unpacked binaries borrow the installed pair's libraries: say so now if that does not work.
for binary in "$cache/chromium-$chromium_other/usr/lib/chromium/chromium" "$cache/firefox-esr-$firefox_other/usr/lib/firefox-esr/firefox-esr"; do
  version=$("$binary" --version 2>&1) || die "$binary does not run (missing libraries? ldd shows them): $version"
  say "$version"
done

case $cache in *"'"*) die "the repository's path must not contain a single quote: $cache" ;; esac
echo "CHROME_PATH='$cache/chromium-$chromium_other/usr/lib/chromium/chromium'"
echo "FIREFOX_PATH='$cache/firefox-esr-$firefox_other/usr/lib/firefox-esr/firefox-esr'"
