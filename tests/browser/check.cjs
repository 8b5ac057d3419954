// Browser check of the static site in headless Chromium, over the DevTools protocol on a pipe
// (--remote-debugging-pipe: no WebSocket library, no npm package).
// Usage: node check.cjs CHROMIUM SEEDS_SITE HOSTILE_SITE SCREENSHOT_DIR
// Opens SEEDS_SITE/index.html from file://, types queries, checks the expected hits, follows one
// to its code page, presses Enter on an exact code, takes screenshots (desktop, phone, dark);
// opens the hostile fixture's pages and checks no script from the docs ran.
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./cdp.cjs");

const [chromium, seedsSite, hostileSite, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const cdp = launch(chromium);
const { send, once } = cdp;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log(`ok   ${what}`); }
  else { failed++; console.log(`FAIL ${what}`); }
}

async function main() {
  const page = await cdp.tab();
  const s = page.sessionId;
  const { evaluate, open } = page;
  const errors = [];
  cdp.on((m) => {
    if (m.sessionId === s && m.method === "Runtime.exceptionThrown") {
      errors.push(m.params.exceptionDetails.text + " " +
        ((m.params.exceptionDetails.exception || {}).description || ""));
    }
  });
  const size = (width, height, mobile = false) => send("Emulation.setDeviceMetricsOverride",
    { width, height, deviceScaleFactor: 1, mobile }, s);
  const shot = async (name) => {
    const { data } = await send("Page.captureScreenshot", { format: "png" }, s);
    fs.writeFileSync(path.join(shots, name), Buffer.from(data, "base64"));
  };
  const type = async (text) => {
    await evaluate("(() => { const q = document.getElementById('q'); q.value = ''; q.focus(); })()");
    for (const ch of text) await send("Input.insertText", { text: ch }, s);
  };
  const hitsFor = async (wanted, timeout = 5000) => {
    const started = Date.now();
    let hits = [];
    while (Date.now() - started < timeout) {
      hits = await evaluate("Array.from(document.querySelectorAll('#hits li')).map(li => li.textContent)");
      if (hits.some((h) => h.includes(wanted))) return { hits, ms: Date.now() - started };
      await sleep(50);
    }
    return { hits, ms: null };
  };
  const fileUrl = (site, page) => "file://" + path.resolve(site, page);

  await size(1280, 900);
  await open(fileUrl(seedsSite, "index.html"));
  check(await evaluate("document.title.includes('errdex')"), "index.html opens from file://");

  await type("css6007");
  let r = await hitsFor("exact code");
  check(r.ms !== null && r.hits[0].startsWith("CSS.6007"), `typing css6007 shows CSS.6007 as the exact code (${JSON.stringify(r.hits.slice(0, 2))})`);
  await shot("search-exact-code.png");

  await type("失败");
  r = await hitsFor("失败");
  check(r.ms !== null, `typing 失败 finds Chinese text by part of a word (${JSON.stringify(r.hits.slice(0, 2))})`);
  await shot("search-chinese.png");

  await type("snapshto");
  r = await hitsFor("CSS.6007");
  check(r.ms !== null, `a typo (snapshto) still finds CSS.6007 (${r.hits.length} hits)`);
  await shot("search-typo.png");

  await type("reset password");
  r = await hitsFor("CSS.6007");
  check(r.ms !== null, "typing 'reset password' lists CSS.6007");
  const loaded = once("Page.loadEventFired", s);
  await evaluate("Array.from(document.querySelectorAll('#hits a')).find(a => a.textContent === 'CSS.6007').click()");
  await loaded;
  check((await evaluate("location.pathname")).endsWith("/codes/CSS.6007.html"), "following the hit opens codes/CSS.6007.html");
  check(await evaluate("document.querySelector('h1').textContent === 'CSS.6007'"), "the code page is titled CSS.6007");
  check(await evaluate("!!document.querySelector('.conflict-box')"), "the code page marks its conflicting definitions");
  await shot("code-page.png");

  await type("CSS.6009");
  await hitsFor("exact code");
  const enterLoaded = once("Page.loadEventFired", s);
  await send("Input.dispatchKeyEvent", { type: "keyDown", key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: "\r" }, s);
  await send("Input.dispatchKeyEvent", { type: "keyUp", key: "Enter", code: "Enter", windowsVirtualKeyCode: 13 }, s);
  await enterLoaded;
  check((await evaluate("location.pathname")).endsWith("/codes/CSS.6009.html"), "Enter on an exact code goes straight to its page");

  await open(fileUrl(seedsSite, "search.html") + "?q=Css-6007");
  await sleep(500);
  check((await evaluate("location.pathname")).endsWith("/codes/CSS.6007.html"), "search.html?q=Css-6007 redirects to the code page");

  await open(fileUrl(seedsSite, "services/CSS.html"));
  const rows = await evaluate("document.querySelectorAll('#codes tbody tr').length");
  await evaluate("(() => { const s = document.getElementById('status-filter'); s.value = '500'; s.dispatchEvent(new Event('change')); })()");
  const shown = await evaluate("Array.from(document.querySelectorAll('#codes tbody tr')).filter(r => !r.hidden).map(r => r.getAttribute('data-status'))");
  check(shown.length > 0 && shown.length < rows && shown.every((x) => x === "500"), `the status filter keeps only 500 rows (${shown.length} of ${rows})`);
  await evaluate("document.querySelector('#codes thead th:nth-child(2) button').click()");
  await evaluate("document.querySelector('#codes thead th:nth-child(2) button').click()");
  check(await evaluate("document.querySelector('#codes thead th:nth-child(2)').getAttribute('aria-sort') === 'descending'"), "the status column sorts");
  await size(390, 844, true);
  await shot("service-phone.png");
  await send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: "dark" }] }, s);
  await size(1280, 900);
  await open(fileUrl(seedsSite, "operations/" + fs.readdirSync(path.join(seedsSite, "operations")).sort()[0]));
  await shot("operation-dark.png");
  await send("Emulation.setEmulatedMedia", { features: [] }, s);

  for (const page of fs.readdirSync(path.join(hostileSite, "codes")).sort()) {
    await open(fileUrl(hostileSite, "codes/" + page));
    check(await evaluate("typeof window.errdexPwned === 'undefined'"), `no script from the docs runs on codes/${page}`);
  }
  await open(fileUrl(hostileSite, "codes/XSS.0101.html"));
  check((await evaluate("document.body.textContent")).includes("<script>window.errdexPwned = 3</script>"), "the <script> cell shows as text");
  await shot("hostile-code.png");

  check(errors.length === 0, `no JavaScript errors (${errors.join("; ")})`);
}

main()
  .catch((err) => { failed++; console.log(`FAIL ${err.stack || err}`); })
  .finally(async () => {
    console.log(`browser check: ${passed} passed, ${failed} failed (screenshots in ${shots})`);
    if (failed) console.log(cdp.stderr().slice(-2000));
    await cdp.close();
    process.exit(failed ? 1 : 0);
  });
