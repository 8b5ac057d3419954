// A tiny Chrome DevTools Protocol client over --remote-debugging-pipe (fd 3 to the browser,
// fd 4 from it, NUL-terminated JSON): no WebSocket library, no npm package.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/* Starts headless Chromium; returns {send, once, on, close}. */
function launch(chromium) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "errdex-chromium-"));
  const browser = spawn(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  browser.stderr.on("data", (d) => { stderr += d; });
  let nextId = 1;
  const waiting = new Map();
  const listeners = [];
  let buffer = Buffer.alloc(0);
  browser.stdio[4].on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
      buffer = buffer.subarray(end + 1);
      if (message.id && waiting.has(message.id)) {
        const { resolve, reject } = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result);
      } else if (message.method) {
        listeners.slice().forEach((l) => l(message));
      }
    }
  });
  function send(method, params = {}, sessionId) {
    const id = nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    browser.stdio[3].write(JSON.stringify(message) + "\0");
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  }
  function on(listener) { listeners.push(listener); }
  function once(method, sessionId, timeout = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeout);
      const listener = (m) => {
        if (m.method === method && m.sessionId === sessionId) {
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(m.params);
        }
      };
      listeners.push(listener);
    });
  }
  /* A new tab: {session, evaluate(expr), open(url)}. */
  async function tab() {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    await send("Page.enable", {}, sessionId);
    await send("Runtime.enable", {}, sessionId);
    const evaluate = async (expression) => {
      const r = await send("Runtime.evaluate",
        { expression, returnByValue: true, awaitPromise: true }, sessionId);
      if (r.exceptionDetails) {
        const d = r.exceptionDetails;
        throw new Error(`${d.text} ${(d.exception && d.exception.description) || ""}`);
      }
      return r.result.value;
    };
    const open = async (url) => {
      const loaded = once("Page.loadEventFired", sessionId);
      await send("Page.navigate", { url }, sessionId);
      await loaded;
    };
    return { sessionId, evaluate, open, close: () => send("Target.closeTarget", { targetId }) };
  }
  function close() {
    return new Promise((resolve) => {
      const done = () => {
        try { fs.rmSync(profile, { recursive: true, force: true }); } catch (_) { /* left in tmp */ }
        resolve();
      };
      browser.once("exit", done);
      browser.kill();
      setTimeout(done, 3000);
    });
  }
  return { send, once, on, tab, close, stderr: () => stderr };
}

module.exports = { launch };
