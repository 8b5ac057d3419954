/* errdex reference site: search as you type, and sortable, filterable tables.
 *
 * The index is written by src/emit/site/search.rs as small scripts that call
 * errdexIndex(name, data); scripts load from file:// where fetch() cannot. The tokenizer
 * and shard hash here must match the Rust ones (tests/site_search.rs runs this file in Node).
 * Every text from the docs is put into the page with textContent, never as markup.
 */
(function (global) {
  "use strict";

  // ---- tokens (mirror of search.rs) ----
  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x20000 && cp <= 0x2ffff);
  }
  var ALNUM = /^[\p{L}\p{N}]$/u;
  var MAX_WORD_CHARS = 40;

  /* Runs of a text: {cjk: bool, chars: [..]}, words lower-cased. */
  function runs(text) {
    var out = [];
    var word = [];
    var cjk = [];
    function flushWord() {
      if (word.length && word.length <= MAX_WORD_CHARS) out.push({ cjk: false, chars: word });
      word = [];
    }
    function flushCjk() {
      if (cjk.length) out.push({ cjk: true, chars: cjk });
      cjk = [];
    }
    for (var ch of String(text)) {
      var cp = ch.codePointAt(0);
      if (isCjk(cp)) { flushWord(); cjk.push(ch); }
      else if (ALNUM.test(ch)) { flushCjk(); for (var l of ch.toLowerCase()) word.push(l); }
      else { flushWord(); flushCjk(); }
    }
    flushWord();
    flushCjk();
    return out;
  }

  /* Index tokens, as search.rs makes them: words; CJK characters and neighbour pairs. */
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (!run.cjk) { out.push(run.chars.join("")); return; }
      run.chars.forEach(function (c, i) {
        out.push(c);
        if (i + 1 < run.chars.length) out.push(c + run.chars[i + 1]);
      });
    });
    return out;
  }

  /* Query terms: words; a CJK run as its neighbour pairs (a single character alone). */
  function queryTerms(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (!run.cjk) { out.push({ text: run.chars.join(""), cjk: false }); return; }
      if (run.chars.length === 1) { out.push({ text: run.chars[0], cjk: true }); return; }
      for (var i = 0; i + 1 < run.chars.length; i++) {
        out.push({ text: run.chars[i] + run.chars[i + 1], cjk: true });
      }
    });
    var seen = {};
    return out.filter(function (t) { return seen[t.text] ? false : (seen[t.text] = true); });
  }

  function compactCode(text) {
    var out = "";
    for (var ch of String(text)) if (ALNUM.test(ch)) out += ch.toLowerCase();
    return out;
  }

  function shardKey(token) {
    var chars = Array.from(token);
    if (!chars.length) return "";
    return isCjk(chars[0].codePointAt(0)) ? chars[0] : chars.slice(0, 2).join("");
  }

  function shardOf(token, shards) {
    var hash = 0x811c9dc5;
    for (var ch of shardKey(token)) {
      hash = (hash ^ ch.codePointAt(0)) >>> 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % Math.max(shards, 1);
  }

  /* Edit distance with adjacent transpositions, giving up past `max`. */
  function editDistance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function decode(flat) {
    var docs = [], weights = [], doc = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      doc += flat[i];
      docs.push(doc);
      weights.push(flat[i + 1]);
    }
    return { docs: docs, weights: weights };
  }

  // ---- the engine: load(name) gives a promise of an index file's data ----
  function Engine(load) {
    this.load = load;
    this.cache = {};
  }

  Engine.prototype.file = function (name) {
    if (!this.cache[name]) this.cache[name] = this.load(name);
    return this.cache[name];
  };

  /* How well `key` answers `term`: 1 exact, less for a prefix, less again for a near miss. */
  function matchFactor(term, key, isLast) {
    if (key === term.text) return 1;
    if (term.cjk) return 0;
    var t = term.text, tl = Array.from(t).length, kl = Array.from(key).length;
    if (isLast && tl >= 2 && key.startsWith(t)) return 0.5 + 0.3 * tl / kl;
    if (tl < 4 || /^[0-9]+$/.test(t)) return 0; // numbers are codes and statuses: no near misses
    var max = tl >= 8 ? 2 : 1;
    if (Math.abs(kl - tl) <= max && editDistance(t, key, max) <= max) return 0.45;
    if (isLast && kl > tl) {
      var head = Array.from(key).slice(0, tl).join("");
      if (editDistance(t, head, 1) <= 1) return 0.3;
    }
    return 0;
  }

  /* Scores of every document matching one term: doc id → score. */
  Engine.prototype.termScores = function (term, isLast, meta) {
    return this.file("t/" + shardOf(term.text, meta.shards)).then(function (shard) {
      var scores = new Map();
      // A stop word (in a large share of all documents) keeps only its heaviest postings;
      // it ranks but does not filter.
      scores.stop = !!(shard.s && shard.s[term.text]);
      var head = shardKey(term.text);
      var words = shard.w || {};
      Object.keys(words).forEach(function (key) {
        if (!key.startsWith(head)) return;
        var factor = matchFactor(term, key, isLast);
        if (factor <= 0) return;
        var postings = decode(words[key]);
        var df = (shard.s && shard.s[key]) || postings.docs.length;
        var idf = Math.log(1 + meta.docs / df);
        for (var i = 0; i < postings.docs.length; i++) {
          var s = factor * idf * (1 + Math.log(postings.weights[i]));
          var d = postings.docs[i];
          if (!(scores.get(d) >= s)) scores.set(d, s);
        }
      });
      return scores;
    }).catch(function () { return new Map(); });
  };

  /* Exact code look-up: the documents of codes written this way, in any spelling. */
  Engine.prototype.exactCodes = function (query, meta) {
    var compact = compactCode(query);
    if (compact.length < 2) return Promise.resolve([]);
    return this.file("t/" + shardOf(compact, meta.shards)).then(function (shard) {
      return (shard.c && shard.c[compact]) || [];
    }).catch(function () { return []; });
  };

  Engine.prototype.doc = function (id, meta) {
    var chunk = Math.floor(id / meta.chunk);
    return this.file("d/" + chunk).then(function (rows) {
      var row = rows[id - chunk * meta.chunk];
      return { id: id, url: row[0], title: row[1], kind: row[2], snippet: row[3] };
    });
  };

  /* Ranked hits for a query: {exact: hit or null, hits: [...], total}. */
  Engine.prototype.search = function (query, limit) {
    var self = this;
    limit = limit || 10;
    return this.file("meta").then(function (meta) {
      var terms = queryTerms(query);
      if (!terms.length) return { exact: null, hits: [], total: 0 };
      var exactP = self.exactCodes(query, meta);
      var scoreP = Promise.all(terms.map(function (t, i) {
        return self.termScores(t, i === terms.length - 1, meta);
      }));
      return Promise.all([exactP, scoreP]).then(function (parts) {
        var exactIds = parts[0], perTerm = parts[1];
        var total = new Map();
        var required = perTerm.filter(function (m) { return !m.stop; });
        if (!required.length) required = perTerm;
        var all = required.every(function (m) { return m.size > 0; });
        perTerm.forEach(function (m) {
          m.forEach(function (s, d) { total.set(d, (total.get(d) || 0) + s); });
        });
        total.forEach(function (_, d) {
          if (!required.every(function (m) { return m.has(d); })) total.delete(d);
        });
        // Words: when no document has them all, rank those with most. Not for CJK pairs,
        // which together spell one word.
        var cjk = terms.some(function (t) { return t.cjk; });
        if (!total.size && !all && !cjk) {
          perTerm.forEach(function (m) {
            m.forEach(function (s, d) { total.set(d, (total.get(d) || 0) + s); });
          });
        }
        exactIds.forEach(function (d) { total.set(d, 1e6 + (total.get(d) || 0)); });
        var ranked = Array.from(total.entries()).sort(function (a, b) {
          return b[1] - a[1] || a[0] - b[0];
        });
        var top = ranked.slice(0, limit);
        return Promise.all(top.map(function (e) { return self.doc(e[0], meta); })).then(function (docs) {
          docs.forEach(function (doc, i) { doc.score = top[i][1]; });
          var exact = exactIds.length === 1 && docs.length && docs[0].id === exactIds[0] ? docs[0] : null;
          return { exact: exact, hits: docs, total: ranked.length };
        });
      });
    });
  };

  // ---- loading index files with script elements (works from file://) ----
  var pending = {};
  global.errdexIndex = function (name, data) {
    var waiters = pending[name];
    delete pending[name];
    (waiters || []).forEach(function (w) { w.resolve(data); });
  };

  function scriptLoader(root) {
    return function (name) {
      return new Promise(function (resolve, reject) {
        (pending[name] = pending[name] || []).push({ resolve: resolve });
        var s = document.createElement("script");
        s.src = root + "search/" + name + ".js";
        s.charset = "utf-8";
        s.async = true;
        s.onerror = function () { delete pending[name]; reject(new Error("cannot load " + name)); };
        s.onload = function () { s.remove(); };
        document.head.appendChild(s);
      });
    };
  }

  // ---- the page ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function hitList(root, result, query) {
    var box = document.createDocumentFragment();
    if (!result.hits.length) {
      box.appendChild(el("p", "empty", "No match for “" + query + "”."));
      return box;
    }
    var list = el("ol");
    result.hits.forEach(function (hit) {
      var li = el("li");
      var a = el("a", "hit-title", hit.title);
      a.href = root + hit.url;
      li.appendChild(a);
      li.appendChild(el("span", "hit-kind", result.exact === hit ? "exact code" : hit.kind));
      if (hit.snippet) li.appendChild(el("span", "hit-snippet", hit.snippet));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (result.total > result.hits.length) {
      var more = el("p", "more");
      var a = el("a", "", "All " + result.total + " results");
      a.href = root + "search.html?q=" + encodeURIComponent(query);
      more.appendChild(a);
      box.appendChild(more);
    }
    return box;
  }

  function setUpSearch(root, engine) {
    var input = document.getElementById("q");
    var box = document.getElementById("hits");
    var form = input && input.form;
    if (!input || !box || !form) return;
    var seq = 0;
    function run() {
      var query = input.value.trim();
      var mine = ++seq;
      if (!query) { box.hidden = true; box.textContent = ""; return Promise.resolve(null); }
      return engine.search(query, 8).then(function (result) {
        if (mine !== seq) return result;
        box.textContent = "";
        box.appendChild(hitList(root, result, query));
        box.hidden = false;
        return result;
      }).catch(function () {
        if (mine !== seq) return null;
        box.textContent = "";
        box.appendChild(el("p", "empty", "The search index could not be loaded."));
        box.hidden = false;
        return null;
      });
    }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    input.addEventListener("focus", function () { engine.file("meta").catch(function () {}); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run().then(function (result) {
        var target = result && (result.exact || result.hits[0]);
        if (target) global.location.href = root + target.url;
      });
    });
    function links() { return Array.prototype.slice.call(box.querySelectorAll("a")); }
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
      if (event.key === "Escape") { input.value = ""; run(); }
    });
    box.addEventListener("keydown", function (event) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i + 1 < all.length) { event.preventDefault(); all[i + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
      if (event.key === "Escape") { input.focus(); }
    });
    var page = document.getElementById("search-page");
    var wanted = new URLSearchParams(global.location.search).get("q");
    if (page && wanted) {
      input.value = wanted;
      engine.search(wanted, 50).then(function (result) {
        if (result.exact) { global.location.replace(root + result.exact.url); return; }
        page.appendChild(el("p", "", result.total + " results for “" + wanted + "”."));
        page.appendChild(hitList(root, result, wanted));
      });
    }
  }

  function setUpTables() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, column) {
        var button = el("button", "", th.textContent);
        button.type = "button";
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
            var c = x.localeCompare(y, undefined, { numeric: true });
            return ascending ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".filter"), function (filter) {
      var select = filter.querySelector("select");
      var text = filter.querySelector("input");
      var count = filter.querySelector(".count");
      var table = document.getElementById(select.getAttribute("data-filter-table"));
      if (!table) return;
      filter.hidden = false;
      function apply() {
        var status = select.value, words = text.value.trim().toLowerCase(), shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var ok = (!status || row.getAttribute("data-status") === status) &&
            (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
          row.hidden = !ok;
          if (ok) shown++;
        });
        count.textContent = shown + " shown";
      }
      select.addEventListener("change", apply);
      text.addEventListener("input", apply);
    });
  }

  var api = {
    tokens: tokens, queryTerms: queryTerms, compactCode: compactCode, shardOf: shardOf,
    editDistance: editDistance, Engine: Engine, scriptLoader: scriptLoader,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  global.errdexSearch = api;

  if (typeof document !== "undefined") {
    var start = function () {
      var root = document.body.getAttribute("data-root") || "";
      setUpSearch(root, new Engine(scriptLoader(root)));
      setUpTables();
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : globalThis);
