// Runs the site's search script (assets/search.js) in Node over a built site, for
// tests/search_engines.rs and benches/relevance.rs.
// Usage: node search_engines.cjs SITE_DIR LIMIT < queries (one per line)
// → one JSON line per query: {"query", "docs": [document numbers], "names", "kinds", "total",
// "emptiedBy", "empty", "ms"}
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, limitText] = process.argv.slice(2);
const limit = Number(limitText) || 10;
const api = require(path.resolve(site, "assets/search.js"));

const load = (name) => new Promise((resolve, reject) => {
  fs.readFile(path.join(site, "search", name + ".js"), "utf8", (err, text) => {
    if (err) return reject(err);
    let data = null;
    vm.runInNewContext(text, { errdexIndex: (_name, d) => { data = d; } });
    resolve(data);
  });
});

async function main() {
  const engine = new api.Engine(load);
  const queries = fs.readFileSync(0, "utf8").split("\n").filter((q) => q.length > 0);
  const out = [];
  for (const query of queries) {
    const started = process.hrtime.bigint();
    const result = await engine.search(query, limit);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.push(JSON.stringify({
      query,
      docs: result.hits.map((h) => h.id),
      names: result.hits.map((h) => h.name),
      kinds: result.hits.map((h) => h.kind),
      total: result.total,
      emptiedBy: result.emptiedBy,
      empty: result.empty,
      ms,
    }));
  }
  process.stdout.write(out.join("\n") + "\n");
}
main().catch((err) => { console.error(err); process.exit(1); });
