#!/usr/bin/env bash
# The site's search against Pagefind on the 5,000-document synthetic corpus (issue 5).
# 1. `cargo bench --bench site_search` generates the corpus, builds it (site included) into
#    target/site-bench/out and prints the page weight;
# 2. Pagefind (npm package `pagefind`, run with npx) indexes the same generated site;
# 3. tests/browser/compare.cjs measures both in headless Chromium over local HTTP: bytes
#    downloaded to answer one query and time to the first result.
# Needs chromium, node and npx. ERRDEX_BENCH_DOCS changes the corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q --bench site_search
site=target/site-bench/out/site
browser=$(command -v chromium || command -v chromium-browser)
rm -rf "$site/_pagefind"
start=$(date +%s.%N)
npx -y pagefind@1 --site "$site" --output-subdir _pagefind --silent
echo "pagefind indexing: $(echo "$(date +%s.%N) - $start" | bc) s, $(du -sb "$site/_pagefind" | cut -f1) bytes in $(find "$site/_pagefind" -type f | wc -l) files"
code=$(node -e 'const kb=require(process.argv[1]); const c=kb.error_codes[Math.floor(kb.error_codes.length/2)]; console.log(c.code)' "$PWD/target/site-bench/out/kb.json")
node tests/browser/compare.cjs "$browser" "$site" "$code" "snapshot" "snapshot failed" "quota" "snapshto" "快照" "失败" "快照失败"
