// Runs the site's own search script (assets/search.js) in Node against a generated site.
// Usage: node query.cjs SITE_DIR QUERY...  → one JSON line per query:
// {"query", "exact": url|null, "hits": [{"title","url"}], "total", "bytes", "files"}
// "bytes" and "files" count the index files the query loaded, as a browser would.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
const api = require(path.resolve(site, "assets/search.js"));

async function main() {
  for (const query of queries) {
    let bytes = 0;
    let files = 0;
    const load = (name) => new Promise((resolve, reject) => {
      const file = path.join(site, "search", name + ".js");
      fs.readFile(file, "utf8", (err, text) => {
        if (err) return reject(err);
        bytes += Buffer.byteLength(text);
        files += 1;
        let data = null;
        vm.runInNewContext(text, { errdexIndex: (_name, d) => { data = d; } });
        resolve(data);
      });
    });
    const engine = new api.Engine(load);
    const started = process.hrtime.bigint();
    const result = await engine.search(query, 10);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({
      query,
      exact: result.exact ? result.exact.url : null,
      hits: result.hits.map((h) => ({ title: h.title, url: h.url })),
      total: result.total,
      bytes,
      files,
      ms,
    }));
  }
}
main().catch((err) => { console.error(err); process.exit(1); });
