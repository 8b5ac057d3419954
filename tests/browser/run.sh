#!/usr/bin/env bash
# Browser check of the static site (issue 5). Headless Chromium opens the site from file://,
# types queries, follows a hit to its code page and saves screenshots in
# target/site-screenshots/. Installs Debian's chromium when it is missing and we may (CI or
# root). A missing browser is reported loudly but does not fail the run; a failing check does.
set -euo pipefail
cd "$(dirname "$0")/../.."
find_browser() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_browser)
if [ -z "$browser" ] && { [ "${CI:-}" = true ] || [ "$(id -u)" = 0 ]; }; then
  echo "browser check: installing Debian's chromium" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/errdex-chromium-install.log 2>&1 \
    || echo "browser check: apt-get install chromium failed (see /tmp/errdex-chromium-install.log)" >&2
  browser=$(find_browser)
fi
if [ -z "$browser" ] || ! command -v node >/dev/null; then
  echo "!!! BROWSER CHECK NOT RUN: chromium or node is missing and could not be installed !!!" >&2
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run -q -- build seeds --out "$out/seeds" 2>/dev/null
cargo run -q -- build tests/fixtures/site --out "$out/hostile" 2>/dev/null
node tests/browser/check.cjs "$browser" "$out/seeds/site" "$out/hostile/site" target/site-screenshots
