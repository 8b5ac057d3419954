// errdex's site search against Pagefind, in headless Chromium over HTTP (Pagefind cannot run
// from file://). Usage: node compare.cjs CHROMIUM SITE_DIR QUERY...
// SITE_DIR holds the errdex site and Pagefind's index in SITE_DIR/_pagefind. For each query
// and engine, a fresh tab with the cache disabled loads the engine, runs the query and shows
// the first 10 hits (title and excerpt): bytes downloaded (on the wire with gzip, and
// uncompressed) and the time to the first result are printed as a table and as JSON lines.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const zlib = require("zlib");
const { launch } = require("./cdp.cjs");

const [chromium, siteArg, ...queries] = process.argv.slice(2);
const site = path.resolve(siteArg);
const types = { ".js": "text/javascript; charset=utf-8", ".html": "text/html; charset=utf-8", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
// Bytes served since the last reset: what the browser downloaded, workers included.
const served = { wire: 0, raw: 0, files: 0 };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/__bench.html") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end("<!DOCTYPE html><html><head></head><body data-root=\"/\"></body></html>");
  }
  const file = path.join(site, decodeURIComponent(url.pathname));
  if (!file.startsWith(site + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    return res.end();
  }
  const body = fs.readFileSync(file);
  const type = types[path.extname(file)] || "application/octet-stream";
  const gzip = /gzip/.test(req.headers["accept-encoding"] || "") && type !== "application/octet-stream";
  res.writeHead(200, { "content-type": type, "cache-control": "no-store", ...(gzip ? { "content-encoding": "gzip" } : {}) });
  const sent = gzip ? zlib.gzipSync(body) : body;
  if (url.pathname !== "/__bench.html") {
    served.wire += sent.length;
    served.raw += body.length;
    served.files += 1;
  }
  res.end(sent);
});

const OURS = (q) => `(async () => {
  const t0 = performance.now();
  await new Promise((ok, no) => { const s = document.createElement('script'); s.src = '/assets/search.js'; s.onload = ok; s.onerror = no; document.head.appendChild(s); });
  const api = window.errdexSearch;
  const r = await new api.Engine(api.scriptLoader('/')).search(${JSON.stringify(q)}, 10);
  const first = performance.now() - t0;
  return { first, hits: r.hits.map(h => h.title), total: r.total };
})()`;

const PAGEFIND = (q) => `(async () => {
  const t0 = performance.now();
  const pf = await import('/_pagefind/pagefind.js');
  await pf.options({ basePath: '/_pagefind/' });
  const search = await pf.search(${JSON.stringify(q)});
  const shown = search.results.slice(0, 10);
  const data = shown.length ? [await shown[0].data()] : [];
  const first = performance.now() - t0;
  for (const r of shown.slice(1)) data.push(await r.data());
  return { first, hits: data.map(d => d.meta.title), total: search.results.length };
})()`;

async function measure(cdp, port, engine, query) {
  const tab = await cdp.tab();
  await cdp.send("Network.enable", {}, tab.sessionId);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true }, tab.sessionId);
  await tab.open(`http://127.0.0.1:${port}/__bench.html`);
  Object.assign(served, { wire: 0, raw: 0, files: 0 });
  const result = await tab.evaluate((engine === "errdex" ? OURS : PAGEFIND)(query));
  const bytes = { ...served };
  await tab.close();
  return { engine, query, ...result, ...bytes };
}

async function main() {
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  const cdp = launch(chromium);
  const rows = [];
  try {
    for (const query of queries) {
      for (const engine of ["errdex", "pagefind"]) {
        // One warm-up (the browser's own start-up), then the measured run.
        await measure(cdp, port, engine, query);
        rows.push(await measure(cdp, port, engine, query));
      }
    }
  } finally {
    await cdp.close();
    server.close();
  }
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log("query                 engine     wire kB   raw kB  files  first result ms  hits  first hit");
  for (const r of rows) {
    console.log(`${r.query.padEnd(21)} ${r.engine.padEnd(9)} ${kb(r.wire)}  ${kb(r.raw)}  ${String(r.files).padStart(5)}  ${r.first.toFixed(1).padStart(15)}  ${String(r.total).padStart(4)}  ${r.hits[0] || "-"}`);
  }
  for (const r of rows) console.log(JSON.stringify(r));
}

main().catch((err) => { console.error(err); process.exit(1); });
