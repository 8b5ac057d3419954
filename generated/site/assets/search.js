/* errdex reference site: search as you type, and sortable, filterable tables.
 *
 * Search ranks exactly as `errdex search` does: the same documents, words and positions
 * (written by crates/errdex-site/src/search.rs from errdex-search's docs.rs and text.rs), the
 * same query language (parse.rs, plan.rs) and the same ranking rules (rank.rs, whose module
 * doc is the specification). Each function below mirrors the Rust function of the same name;
 * tests/search_engines.rs runs this file in Node and compares its hits with the command's.
 * Index files are small scripts that call errdexIndex(name, data): scripts load from file://
 * where fetch() cannot. Every text from the docs is put into the page with textContent, never
 * as markup.
 */
(function (global) {
  "use strict";

  // ---- words (text.rs) ----
  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var NUMERIC = /\p{N}/u;
  var LONGEST_WORD = 40;
  var SHORTEST_PREFIX = 3, ONE_TYPO = 5, TWO_TYPOS = 9;

  /* Runs of a text: {cjk, chars}, word characters lower-cased. */
  function runs(text) {
    var out = [], current = null;
    function flush() {
      if (current && (current.cjk || current.chars.length <= LONGEST_WORD)) out.push(current);
      current = null;
    }
    for (var ch of String(text)) {
      var cjk = isCjk(ch.codePointAt(0));
      if (!cjk && !ALNUM.test(ch)) { flush(); continue; }
      if (current && current.cjk !== cjk) flush();
      if (!current) current = { cjk: cjk, chars: [] };
      if (cjk) current.chars.push(ch);
      else for (var l of ch.toLowerCase()) current.chars.push(l);
    }
    flush();
    return out;
  }

  /* Query words: words; a CJK run as its neighbour pairs (a lone character as itself). */
  function queryWords(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (!run.cjk || run.chars.length === 1) { out.push(run.chars.join("")); return; }
      for (var i = 0; i + 1 < run.chars.length; i++) out.push(run.chars[i] + run.chars[i + 1]);
    });
    return out;
  }

  function isCjkWord(word) {
    return word.length > 0 && isCjk(word.codePointAt(0));
  }

  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    var s = word, base;
    if (word.endsWith("ies") && word.length - 3 >= 3) {
      s = word.slice(0, -3) + "y";
    } else if ((base = ["ing", "ed"].map(function (suffix) {
      return word.endsWith(suffix) && word.length - suffix.length >= 3 ? word.slice(0, -suffix.length) : null;
    }).filter(function (b) { return b !== null; })[0]) !== undefined) {
      s = base;
    } else if (word.endsWith("s") && word.length - 1 >= 3 && !/[sui]s$/.test(word)) {
      s = word.slice(0, -1);
    }
    if (s.length >= 5 && s.endsWith("e")) s = s.slice(0, -1);
    return s;
  }

  /* The lower-case compact form of a code (CSS.6007 → css6007). */
  function compactCode(text) {
    var out = "";
    for (var ch of String(text)) if (ALNUM.test(ch)) out += ch.toLowerCase();
    return out;
  }

  function QueryWord(text, loose, last) {
    var chars = Array.from(text);
    this.text = text;
    this.stem = stem(text);
    this.chars = chars.length;
    this.loose = loose && !chars.some(function (c) { return NUMERIC.test(c) || isCjk(c.codePointAt(0)); });
    this.last = last;
    this.synonym = null;
  }
  QueryWord.prototype.allowedTypos = function () {
    if (!this.loose || this.chars < ONE_TYPO) return 0;
    return this.chars < TWO_TYPOS ? 1 : 2;
  };
  QueryWord.prototype.head = function () { return Array.from(this.text).slice(0, 2).join(""); };

  /* Edit distance with adjacent transpositions (optimal string alignment), over characters. */
  function editDistance(a, b) {
    a = Array.from(a); b = Array.from(b);
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) rows[i].push(i === 0 ? j : 0);
    }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
        rows[i][j] = v;
      }
    }
    return rows[a.length][b.length];
  }

  /* How `key` answers `word`: {typos, exact} or null. */
  function wordMatch(word, key) {
    if (key === word.text) return { typos: 0, exact: true };
    if (!key.startsWith(word.head())) return null;
    if (word.chars >= 4 && word.stem.length >= 3 && stem(key) === word.stem) return { typos: 0, exact: false };
    if (!word.loose) return null;
    if (word.last && word.chars >= SHORTEST_PREFIX && key.startsWith(word.text)) return { typos: 1, exact: false };
    var allowed = word.allowedTypos();
    if (allowed === 0 || NUMERIC.test(key)) return null;
    if (Math.abs(Array.from(key).length - word.chars) > allowed) return null;
    var d = editDistance(word.text, key);
    return d <= allowed ? { typos: d, exact: false } : null;
  }

  // ---- synonyms (synonyms.rs): the vocabulary comes in the index's meta ----
  var MARK = "~";
  var NEGATION_REACH = 2;

  function hasOwn(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* The tokens a run of words asks as words of their own (synonyms.rs phrase_tokens): those of
     its phrases (leftmost-longest) and negations, in order, once each. */
  function phraseTokens(vocabulary, words) {
    var out = [];
    if (!vocabulary) return out;
    function add(tokens) { tokens.forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); }); }
    var phraseFree = 0;
    words.forEach(function (word, i) {
      if (i >= phraseFree) {
        var found = vocabulary.phrases.find(function (p) {
          return words.length - i >= p[0].length && p[0].every(function (w, k) { return words[i + k] === w; });
        });
        if (found) {
          phraseFree = i + found[0].length;
          add(found[1]);
        }
      }
      if (vocabulary.negations.indexOf(word) >= 0) {
        var j = i + 1;
        while (j < words.length && j - i <= NEGATION_REACH && vocabulary.gap.indexOf(words[j]) >= 0) j++;
        if (j < words.length && hasOwn(vocabulary.opposites, words[j])) add(vocabulary.opposites[words[j]]);
      }
    });
    return out;
  }

  /* A word's own synonym token (synonyms.rs token), or null. */
  function wordToken(vocabulary, word) {
    return vocabulary && hasOwn(vocabulary.words, word) ? MARK + vocabulary.words[word] : null;
  }

  // ---- the query language (parse.rs, plan.rs) ----
  var KINDS = {
    code: "code", codes: "code", operation: "operation", operations: "operation",
    field: "field", fields: "field", parameter: "field", parameters: "field",
    "enum": "enum", enums: "enum", value: "enum", values: "enum", page: "page", pages: "page",
  };
  var FILTER_KINDS = {
    code: ["code", "mention", "retired_code"],
    mention: ["code", "mention", "retired_code"],
    "enum": ["enum", "retired_value"]
  };
  /* Retired codes and values: the last documents, ranked after every live one (rule 0). */
  var RETIRED_KINDS = ["retired_code", "retired_value"];
  function isQuote(c) { return c === "\"" || c === "\u201c" || c === "\u201d"; }
  function isSpace(c) { return /^\s$/u.test(c); }

  function pieces(query) {
    var chars = Array.from(String(query)), at = 0, out = [];
    while (at < chars.length) {
      if (isSpace(chars[at])) { at++; continue; }
      var bare = "", negated = false;
      if (chars[at] === "-") {
        at++;
        if (at < chars.length && isQuote(chars[at])) negated = true; else bare += "-";
      }
      if (at < chars.length && isQuote(chars[at])) {
        at++;
        var text = "";
        while (at < chars.length && !isQuote(chars[at])) text += chars[at++];
        at++;
        out.push({ quoted: true, text: text, negated: negated });
        continue;
      }
      while (at < chars.length && !isSpace(chars[at]) && !isQuote(chars[at])) bare += chars[at++];
      out.push({ quoted: false, text: bare });
    }
    return out;
  }

  function filterOf(piece) {
    var colon = piece.indexOf(":");
    if (colon < 0) return null;
    var key = piece.slice(0, colon).toLowerCase(), value = piece.slice(colon + 1).trim();
    if (key === "service" && value && Array.from(value).every(function (c) { return ALNUM.test(c) || c === "-" || c === "_"; })) {
      return { key: "service", value: value.toUpperCase() };
    }
    if (key === "status" && /^\+?[0-9]+$/.test(value)) {
      var status = Number(value);
      if (status >= 100 && status < 600) return { key: "status", value: status };
    }
    if (key === "kind" && Object.prototype.hasOwnProperty.call(KINDS, value.toLowerCase())) {
      return { key: "kind", value: KINDS[value.toLowerCase()] };
    }
    return null;
  }

  function filterWritten(f) {
    return f.key + ":" + (f.key === "service" ? f.value.toLowerCase() : f.value);
  }

  /* Parts of a query, in order: {type: words|phrase|exclude|filter, words|filter}. */
  function parseQuery(query) {
    var parts = [];
    pieces(query).forEach(function (p) {
      var words;
      if (p.quoted) {
        words = queryWords(p.text);
        if (words.length) parts.push({ type: p.negated ? "exclude" : "phrase", words: words });
        return;
      }
      var filter = filterOf(p.text);
      if (filter) { parts.push({ type: "filter", filter: filter }); return; }
      if (p.text.startsWith("-")) {
        words = queryWords(p.text.slice(1));
        if (words.length) parts.push({ type: "exclude", words: words });
        return;
      }
      words = queryWords(p.text);
      if (words.length) parts.push({ type: "words", words: words });
    });
    return parts;
  }

  function isEmptyQuery(parts) {
    return !parts.some(function (p) { return p.type !== "exclude"; });
  }

  var MOST_WORDS = 16;

  /* {words: [QueryWord], steps: [{type: filter|phrase|exclude, …}]}. */
  /* Per part, the phrase tokens of its run of unquoted words, given to the run's last part (plan.rs). */
  function phraseTokensPerPart(parts, vocabulary) {
    var out = parts.map(function () { return []; });
    var at = 0;
    while (at < parts.length) {
      var end = at;
      while (end < parts.length && parts[end].type === "words") end++;
      if (end === at) { at++; continue; }
      var words = [];
      for (var i = at; i < end; i++) words = words.concat(parts[i].words);
      out[end - 1] = phraseTokens(vocabulary, words);
      at = end;
    }
    return out;
  }

  function plan(parts, vocabulary) {
    var out = { words: [], steps: [] };
    var partTokens = phraseTokensPerPart(parts, vocabulary);
    var wordParts = parts.filter(function (p) { return p.type === "words" || p.type === "phrase"; });
    var final = wordParts[wordParts.length - 1];
    var lastWords = final && final.type === "words" ? final.words.length : 0;
    var seen = 0, previous = null;
    function addWord(text, loose, last) {
      for (var i = 0; i < out.words.length; i++) {
        if (out.words[i].text === text) {
          out.words[i] = new QueryWord(text, out.words[i].loose || loose, last);
          return i;
        }
      }
      if (out.words.length >= MOST_WORDS) return null;
      out.words.push(new QueryWord(text, loose, last));
      return out.words.length - 1;
    }
    parts.forEach(function (part, partAt) {
      if (part.type === "words" || part.type === "phrase") {
        seen++;
        var loose = part.type === "words";
        var finalPart = seen === wordParts.length && lastWords > 0;
        var indices = part.words.map(function (text, at) {
          return addWord(text, loose, loose && finalPart && at + 1 === part.words.length);
        });
        if (!loose) out.steps.push({ type: "phrase", indices: indices });
        else {
          var code = joinedCode(previous, part.words);
          if (code !== null) addWord(code, false, false);
        }
        partTokens[partAt].forEach(function (token) { addWord(token, false, false); });
        previous = loose ? part.words : null;
      } else if (part.type === "exclude") {
        out.steps.push({ type: "exclude", words: part.words.map(function (w) { return new QueryWord(w, false, false); }) });
      } else {
        out.steps.push({ type: "filter", filter: part.filter });
      }
    });
    /* An unquoted word also asks for its own synonym token. */
    out.words.forEach(function (w) { if (w.loose) w.synonym = wordToken(vocabulary, w.text); });
    return out;
  }

  /* The compact code that words written together spell (plan.rs). */
  function joinedCode(previous, words) {
    function hasDigit(w) { return /[0-9]/.test(w); }
    if (words.length >= 2 && words.some(hasDigit) && words.every(function (w) { return !isCjkWord(w); })) {
      return words.join("");
    }
    if (previous && previous.length === 1 && words.length === 1 && /^[a-z]+$/.test(previous[0]) && hasDigit(words[0])) {
      return previous[0] + words[0];
    }
    return null;
  }

  function stepWritten(step, words) {
    if (step.type === "filter") return filterWritten(step.filter);
    if (step.type === "phrase") {
      return "\"" + step.indices.filter(function (i) { return i !== null; })
        .map(function (i) { return words[i].text; }).join(" ") + "\"";
    }
    var texts = step.words.map(function (w) { return w.text; });
    return "-" + (texts.length === 1 ? texts[0] : "\"" + texts.join(" ") + "\"");
  }

  // ---- the ranking rules (rank.rs) ----
  var ATTRIBUTE_SPAN = 4096, POSITIONS_KEPT = 8, PROXIMITY_CAP = 7;

  function attributeOf(position) { return Math.floor(position / ATTRIBUTE_SPAN); }

  function proximityCost(a, b) {
    if (attributeOf(a) !== attributeOf(b)) return PROXIMITY_CAP;
    return Math.min(b > a ? b - a - 1 : a - b + 1, PROXIMITY_CAP);
  }

  /* ⌊log2(documents / holding)⌋ in integers (0 for a word in no document). */
  function rarity(documents, holding) {
    if (!holding) return 0;
    return 31 - Math.clz32(Math.max(1, Math.floor(documents / holding)));
  }

  /* What a document holds of a word: null (nothing), true (a stop word: present), or its
     occurrences ({position, typos, exact}). */
  function exactPositions(held) {
    if (held === true) return null;
    if (!held) return [];
    return held.filter(function (o) { return o.typos === 0; }).map(function (o) { return o.position; });
  }

  /* The rank key of a document from what it holds of each word, and each word's rarity. */
  function rankKey(doc, held, rarities) {
    var key = { retired: false, words: 0, rarity: 0, typos: 0, proximity: 0, attribute: 0, exact: 0, starts: false, doc: doc };
    var placed = [];
    held.forEach(function (h, i) {
      if (!h) return;
      if (h === true) {
        key.exact++;
      } else {
        var fewest = Math.min.apply(null, h.map(function (o) { return o.typos; }));
        var best = h.filter(function (o) { return o.typos === fewest; });
        key.typos += fewest;
        key.attribute += Math.min.apply(null, best.map(function (o) { return attributeOf(o.position); }));
        if (h.some(function (o) { return o.exact; })) key.exact++;
        placed.push(best);
      }
      key.words++;
      key.rarity += rarities[i];
    });
    for (var i = 0; i + 1 < placed.length; i++) {
      var best = PROXIMITY_CAP;
      placed[i].forEach(function (a) {
        placed[i + 1].forEach(function (b) { best = Math.min(best, proximityCost(a.position, b.position)); });
      });
      key.proximity += best;
    }
    key.starts = placed.length > 0 && placed[0].some(function (o) { return o.position % ATTRIBUTE_SPAN === 0; });
    return key;
  }

  function compareKeys(a, b) {
    return ((a.retired ? 1 : 0) - (b.retired ? 1 : 0)) || (b.words - a.words) || (b.rarity - a.rarity) || (a.typos - b.typos) ||
      (a.proximity - b.proximity) || (a.attribute - b.attribute) || (b.exact - a.exact) ||
      ((b.starts ? 1 : 0) - (a.starts ? 1 : 0)) || (a.doc - b.doc);
  }

  /* The phrase's words stand at consecutive positions; a null word (stop word) anywhere. */
  function holdsPhrase(lists) {
    var anchor = lists.findIndex(function (l) { return l !== null; });
    if (anchor < 0) return true;
    var known = [];
    lists.forEach(function (l, i) { if (l !== null) known.push([i - anchor, l]); });
    return known[0][1].some(function (start) {
      return known.slice(1).every(function (k) { return k[1].indexOf(start + k[0]) >= 0; });
    });
  }

  // ---- the index files ----
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

  /* [doc gap, n, first position, position gaps…]… → [[doc, [positions]]…]. */
  function decodePostings(flat) {
    var out = [], doc = 0, i = 0;
    while (i < flat.length) {
      doc += flat[i];
      var n = flat[i + 1], positions = [], p = 0;
      for (var k = 0; k < n; k++) { p += flat[i + 2 + k]; positions.push(p); }
      out.push([doc, positions]);
      i += 2 + n;
    }
    return out;
  }

  /* A base64 bitmap (bit d % 8 of byte d / 8) → document numbers. */
  function decodeBitmap(text) {
    var bytes = typeof atob === "function" ? atob(text) : Buffer.from(text, "base64").toString("binary");
    var out = [];
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes.charCodeAt(i);
      for (var bit = 0; bit < 8; bit++) if (byte & (1 << bit)) out.push(i * 8 + bit);
    }
    return out;
  }

  function decodeDocs(gaps) {
    var out = [], doc = 0;
    gaps.forEach(function (g) { doc += g; out.push(doc); });
    return out;
  }

  // ---- the engine (query.rs): load(name) gives a promise of an index file's data ----
  function Engine(load) {
    this.load = load;
    this.cache = {};
    this.decoded = {};
  }

  Engine.prototype.file = function (name) {
    if (!this.cache[name]) {
      var self = this;
      this.cache[name] = this.load(name).catch(function (err) { delete self.cache[name]; throw err; });
    }
    return this.cache[name];
  };

  Engine.prototype.shard = function (token, meta) {
    return this.file("t/" + shardOf(token, meta.shards)).catch(function () { return {}; });
  };

  Engine.prototype.postings = function (shard, key) {
    var id = shardKey(key) + "\u0000" + key;
    if (!this.decoded[id]) this.decoded[id] = decodePostings(shard.w[key]);
    return this.decoded[id];
  };

  /* What the index holds of a word: {stop, docs: Map doc → held}. */
  Engine.prototype.find = function (word, meta) {
    var self = this;
    return this.shard(word.text, meta).then(function (shard) {
      var words = shard.w || {}, stops = shard.s || {};
      var docs = new Map();
      if (Object.prototype.hasOwnProperty.call(stops, word.text)) {
        decodeBitmap(shard.b[word.text]).forEach(function (d) { docs.set(d, true); });
        return { stop: true, docs: docs };
      }
      var exactOnly = !word.loose && (word.chars < 4 || isCjkWord(word.text));
      var keys = exactOnly ? (Object.prototype.hasOwnProperty.call(words, word.text) ? [word.text] : [])
        : Object.keys(words).filter(function (k) { return k.startsWith(word.head()); });
      function add(from, key, m) {
        self.postings(from, key).forEach(function (entry) {
          var held = docs.get(entry[0]);
          if (!held) docs.set(entry[0], held = []);
          entry[1].slice(0, POSITIONS_KEPT).forEach(function (position) {
            held.push({ position: position, typos: m.typos, exact: m.exact });
          });
        });
      }
      keys.forEach(function (key) {
        var m = wordMatch(word, key);
        if (m) add(shard, key, m);
      });
      /* Synonym tokens: looked up whole, one typo, never when a stop word. */
      if (!word.synonym) return { stop: false, docs: docs };
      return self.shard(word.synonym, meta).then(function (tokenShard) {
        if (hasOwn(tokenShard.w || {}, word.synonym)) add(tokenShard, word.synonym, { typos: 1, exact: false });
        return { stop: false, docs: docs };
      });
    });
  };

  Engine.prototype.filterDocs = function (filter, meta) {
    if (filter.key === "kind") {
      var set = new Set();
      (FILTER_KINDS[filter.value] || [filter.value]).forEach(function (kind) {
        var range = meta.kinds[kind];
        if (range) for (var d = range[0]; d < range[1]; d++) set.add(d);
      });
      return Promise.resolve(set);
    }
    var facet = filterWritten(filter);
    return this.shard(facet, meta).then(function (shard) {
      return new Set(decodeDocs((shard.f && shard.f[facet]) || []));
    });
  };

  Engine.prototype.excluded = function (words, meta) {
    return Promise.all(words.map(function (w) { return this.find(w, meta); }, this)).then(function (found) {
      var out = new Set();
      if (!found.length) return out;
      found[0].docs.forEach(function (_, doc) {
        var lists = found.map(function (f) { return exactPositions(f.docs.get(doc)); });
        if (holdsPhrase(lists)) out.add(doc);
      });
      return out;
    });
  };

  Engine.prototype.doc = function (id, meta) {
    var chunk = Math.floor(id / meta.chunk);
    return this.file("d/" + chunk).then(function (rows) {
      var row = rows[id - chunk * meta.chunk];
      return {
        id: id, url: row[0], name: row[1], title: row[1], kind: row[2], snippet: row[3],
        context: row[4], count: row[5], service: row[6],
      };
    });
  };

  /* Ranked hits: {hits, total, emptiedBy: {filter, before} | null, exact: hit | null, empty}. */
  Engine.prototype.search = function (query, limit) {
    var self = this;
    limit = limit || 10;
    var parts = parseQuery(query);
    if (isEmptyQuery(parts)) return Promise.resolve({ hits: [], total: 0, emptiedBy: null, exact: null, empty: true });
    return this.file("meta").then(function (meta) {
      var p = plan(parts, meta.synonyms);
      return Promise.all(p.words.map(function (w) { return self.find(w, meta); })).then(function (found) {
        var rarities = found.map(function (f) { return rarity(meta.docs, f.docs.size); });
        var onlyStop = found.every(function (f) { return f.stop; });
        var candidates = new Map();
        found.forEach(function (f) {
          if (f.stop && !onlyStop) return;
          f.docs.forEach(function (_, doc) {
            if (!candidates.has(doc)) candidates.set(doc, p.words.map(function () { return null; }));
          });
        });
        if (!p.words.length) for (var d = 0; d < meta.docs; d++) candidates.set(d, []);
        found.forEach(function (f, i) {
          f.docs.forEach(function (held, doc) {
            var c = candidates.get(doc);
            if (c) c[i] = held;
          });
        });
        var emptiedBy = null;
        var chain = Promise.resolve();
        p.steps.forEach(function (step) {
          chain = chain.then(function () {
            var before = candidates.size;
            var done;
            if (step.type === "filter") {
              done = self.filterDocs(step.filter, meta).then(function (kept) {
                candidates.forEach(function (_, doc) { if (!kept.has(doc)) candidates.delete(doc); });
              });
            } else if (step.type === "phrase") {
              candidates.forEach(function (held, doc) {
                var lists = step.indices.map(function (i) { return i === null ? null : exactPositions(held[i]); });
                if (!holdsPhrase(lists)) candidates.delete(doc);
              });
              done = Promise.resolve();
            } else {
              done = self.excluded(step.words, meta).then(function (excluded) {
                excluded.forEach(function (doc) { candidates.delete(doc); });
              });
            }
            return done.then(function () {
              if (before > 0 && candidates.size === 0 && !emptiedBy) {
                emptiedBy = { filter: stepWritten(step, p.words), before: before };
              }
            });
          });
        });
        return chain.then(function () {
          var ranked = [];
          var retiredFrom = Infinity;
          RETIRED_KINDS.forEach(function (kind) {
            if (meta.kinds[kind]) retiredFrom = Math.min(retiredFrom, meta.kinds[kind][0]);
          });
          candidates.forEach(function (held, doc) {
            var key = rankKey(doc, held, rarities);
            key.retired = doc >= retiredFrom;
            ranked.push(key);
          });
          ranked.sort(compareKeys);
          var top = ranked.slice(0, limit);
          return Promise.all(top.map(function (k) { return self.doc(k.doc, meta); })).then(function (docs) {
            docs.forEach(function (doc, i) { doc.rank = top[i]; });
            var typed = compactCode(query);
            var exact = docs.length && docs[0].kind === "code" && typed.length > 1 &&
              compactCode(docs[0].name) === typed ? docs[0] : null;
            return { hits: docs, total: ranked.length, emptiedBy: emptiedBy, exact: exact, empty: false };
          });
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

  var COUNT_NOUNS = {
    code: "definitions", mention: "mentions", field: "operations", "enum": "enumerations",
    retired_code: "definitions", retired_value: "enumerations"
  };

  function hitList(root, result, query) {
    var box = document.createDocumentFragment();
    if (!result.hits.length) {
      var why = result.emptiedBy
        ? "No match for “" + query + "”: the words find " + result.emptiedBy.before + ", but “" +
          result.emptiedBy.filter + "” leaves none."
        : "No match for “" + query + "”.";
      box.appendChild(el("p", "empty", why));
      return box;
    }
    var list = el("ol");
    result.hits.forEach(function (hit) {
      var li = el("li");
      var a = el(hit.url ? "a" : "span", "hit-title", hit.name);
      if (hit.url) a.href = root + hit.url;
      li.appendChild(a);
      var kind = result.exact === hit ? "exact code" : hit.kind;
      if (hit.count > 1 && COUNT_NOUNS[hit.kind]) kind += " · in " + hit.count + " " + COUNT_NOUNS[hit.kind];
      if (hit.service) kind += " · " + hit.service;
      li.appendChild(el("span", "hit-kind", kind));
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
        if (target && target.url) global.location.href = root + target.url;
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
    queryWords: queryWords, stem: stem, wordMatch: wordMatch, QueryWord: QueryWord,
    parseQuery: parseQuery, plan: plan, rankKey: rankKey, compareKeys: compareKeys,
    holdsPhrase: holdsPhrase, rarity: rarity, compactCode: compactCode, shardOf: shardOf,
    editDistance: editDistance, Engine: Engine, scriptLoader: scriptLoader,
    phraseTokens: phraseTokens, wordToken: wordToken,
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
