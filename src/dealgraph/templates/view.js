/* dealgraph's graph view: search, filters, dates, the side panel and the layout controls.
 *
 * The page's data (the JSON in #dg-data) holds the vis-network nodes and edges that pyvis
 * built, and the tables they point into: types (legend and filters), facts (label, date, the
 * days it may fall on, quotes) and articles (IRI, title, URL). Everything that came from an
 * article or a label goes into the page with textContent only, and tooltips are plain text
 * strings (vis-network shows them as text).
 */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("dg-data").textContent);
  var types = data.types, facts = data.facts, articles = data.articles;
  var nodeItems = data.nodes, edgeItems = data.edges;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  document.title = data.title;
  $("title").textContent = data.title;
  $("summary").textContent = data.summary;
  data.notices.forEach(function (text) { $("notices").appendChild(el("p", text, "notice")); });

  // ---------------------------------------------------------------------------------------
  // Items: style edges by their type, plain-text tooltips, the focus drawn larger
  // ---------------------------------------------------------------------------------------

  function when(f) {
    if (!f || !f.date) { return "undated"; }
    return f.date + (f.precision ? " (" + f.precision + ")" : "");
  }
  function sourceText(q) {
    var a = articles[q[1]];
    return (a.title ? a.title + " — " : "") + (a.url || a.iri);
  }
  function quoteLines(f, limit) {
    var lines = [];
    (f.ev || []).slice(0, limit).forEach(function (q) {
      lines.push("“" + q[0] + "”");
      lines.push("Source: " + sourceText(q));
    });
    if (f.ev && f.ev.length > limit) { lines.push("(+" + (f.ev.length - limit) + " more quotes)"); }
    return lines;
  }
  function symmetric(e) { var ty = types[e.t]; return ty.kind === "relation" && !ty.arrows; }
  function heading(e) {
    var a = nodeItems[e.from].label, b = nodeItems[e.to].label;
    return symmetric(e) ? a + " — " + e.label + " — " + b : a + " — " + e.label + " → " + b;
  }
  function factOf(item) { return item.f === undefined ? null : facts[item.f]; }

  edgeItems.forEach(function (e) {
    var ty = types[e.t];
    if (e.label === undefined) { e.label = ty.label; }
    e.color = { color: ty.color, highlight: ty.color, hover: ty.color, inherit: false };
    e.dashes = ty.dashes;
    e.width = ty.width;
    e.arrows = ty.arrows;
    var f = factOf(e), lines = [heading(e)];
    if (f) {
      if (f.iri !== nodeItems[e.from].iri) { lines.push(f.label); }
      lines.push("Date: " + when(f));
      lines = lines.concat(quoteLines(f, 2));
    }
    e.title = lines.join("\n");
  });
  var focusIds = {};
  data.focus.forEach(function (id) { focusIds[id] = true; });
  nodeItems.forEach(function (n) {
    var f = factOf(n), lines = [n.label, types[n.t].label];
    if (n.desc) { lines.push(n.desc); }
    if (f) { lines.push("Date: " + when(f)); lines = lines.concat(quoteLines(f, 1)); }
    n.title = lines.join("\n");
    if (focusIds[n.id]) {
      n.borderWidth = 4;
      n.size = Math.max(n.size, 24);
      n.font = { size: 18, strokeWidth: 4 };
    }
  });

  // ---------------------------------------------------------------------------------------
  // The network
  // ---------------------------------------------------------------------------------------

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var network = new vis.Network($("network"), { nodes: [], edges: [] }, data.options);
  var state = window.dealgraph = {
    network: network, nodes: nodes, edges: edges, data: data,
    stabilized: false, frozen: false, iterations: null,
    timing: { start: started, ready: null, stabilized: null, drawn: null },
    shown: { nodes: nodeItems.length, edges: edgeItems.length }
  };
  var physicsButton = $("physics"), progress = $("progress");

  function freeze(on) {
    state.frozen = on;
    network.setOptions({ physics: { enabled: !on } });
    physicsButton.textContent = on ? "Resume layout" : "Freeze layout";
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
  }
  physicsButton.addEventListener("click", function () { freeze(!state.frozen); });
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });

  function settled() {
    if (state.stabilized) { return; }
    state.timing.stabilized = performance.now();
    state.stabilized = true;
    progress.hidden = true;
    physicsButton.disabled = false;
    freeze(true); // the layout has settled: stop moving until asked
    network.once("afterDrawing", function () { state.timing.drawn = performance.now(); });
    if (data.focus.length) {
      network.selectNodes(data.focus);
      showNode(data.focus[0]);
    }
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "Laying out " + plural(nodeItems.length, "node") + "… " +
      Math.round(100 * p.iterations / Math.max(p.total, 1)) + "%";
  });
  network.on("stabilized", function (p) { if (state.iterations === null) { state.iterations = p.iterations; } });
  network.once("stabilizationIterationsDone", settled);
  // Data after the handlers, so that a quick stabilisation is never missed.
  network.setData({ nodes: nodes, edges: edges });
  state.timing.ready = performance.now();
  if (!nodeItems.length) { progress.textContent = "Nothing to draw: this view is empty."; settled(); progress.hidden = false; }

  // ---------------------------------------------------------------------------------------
  // The side panel
  // ---------------------------------------------------------------------------------------

  var details = $("details");
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s<>"]+$/i.test(u) ? u : null; }
  function link(text, href) {
    var a = el("a", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function quotes(target, f) {
    (f.ev || []).forEach(function (q) {
      var a = articles[q[1]];
      target.appendChild(el("blockquote", q[0]));
      var src = el("div", null, "source");
      src.appendChild(el("span", "— "));
      var url = safeUrl(a.url);
      if (url) { src.appendChild(link(a.title || url, url)); } else { src.appendChild(el("span", a.title || "(untitled article)")); }
      src.appendChild(el("br"));
      src.appendChild(el("span", a.iri + " [" + q[2] + "–" + q[3] + "]"));
      if (q[4]) { src.appendChild(el("span", " · " + q[4])); }
      if (q[5] !== undefined && q[5] !== null && q[5] < 1) { src.appendChild(el("span", " · confidence " + q[5])); }
      target.appendChild(src);
    });
  }
  function rows(list) {
    var dl = el("dl");
    list.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "") { return; }
      dl.appendChild(el("dt", r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) { dd.appendChild(r[1]); } else { dd.textContent = String(r[1]); }
      dl.appendChild(dd);
    });
    return dl;
  }
  function wikidata(q) {
    return /^Q[1-9][0-9]*$/.test(q || "") ? link(q, "https://www.wikidata.org/wiki/" + q) : q;
  }
  function begin(title) {
    details.replaceChildren(el("h2", title));
    details.scrollIntoView({ block: "nearest" });
  }
  function hiddenNote(hidden) {
    if (hidden) { details.appendChild(el("p", "Hidden by the current filters.", "note")); }
  }
  function jumpButton(text, onclick) {
    var b = el("button", text, "jump");
    b.type = "button";
    b.addEventListener("click", onclick);
    return b;
  }

  function showNode(id) {
    var n = nodeItems[id], f = factOf(n), ty = types[n.t];
    state.panel = { kind: "node", id: id };
    begin(n.label);
    hiddenNote(nodeHidden[id]);
    var list = [["type", ty.label]];
    if (n.names) { list.push(["also called", n.names.join(" · ")]); }
    list.push(["description", n.desc]);
    list.push(["Wikidata", n.wd ? wikidata(n.wd) : ""]);
    if (f) {
      list.push(["date", when(f)]);
      list.push(["modality", f.modality]);
    }
    (n.props || []).forEach(function (p) { list.push([p[0], p[1]]); });
    list.push(["IRI", n.iri]);
    details.appendChild(rows(list));
    if (f && f.ev && f.ev.length) {
      details.appendChild(el("h3", "Evidence"));
      quotes(details, f);
    }
    var linked = network.getConnectedEdges(id);
    if (!linked.length) { return; }
    details.appendChild(el("h3", (f ? "Participants and links (" : "Facts and links (") + linked.length + ")"));
    var ul = el("ul", null, "links"), cap = 200;
    linked.slice(0, cap).forEach(function (eid) {
      var e = edgeItems[eid], ef = factOf(e), out = e.from === id;
      var other = nodeItems[out ? e.to : e.from];
      var li = el("li");
      var step = symmetric(e) ? "— " + e.label + " — " : out ? "— " + e.label + " → " : "← " + e.label + " — ";
      li.appendChild(el("span", step, "step"));
      li.appendChild(jumpButton(other.label, function () { select(other.id); }));
      if (edgeHidden[eid]) { li.appendChild(el("span", " (hidden)", "when")); }
      if (ef && ef.iri !== n.iri && ef.iri !== other.iri) {
        li.appendChild(el("div", ef.label));
      }
      if (ef) {
        var info = el("div", null, "when");
        info.appendChild(el("span", (ef.type ? ef.type + ", " : "") + when(ef) + " · "));
        info.appendChild(jumpButton("this edge", function () { selectEdge(eid); }));
        li.appendChild(info);
        if (ef.ev && ef.ev.length && ef.iri !== n.iri) {
          var more = el("details");
          more.open = linked.length <= 3;
          more.appendChild(el("summary", plural(ef.ev.length, "quote")));
          quotes(more, ef);
          li.appendChild(more);
        }
      }
      ul.appendChild(li);
    });
    details.appendChild(ul);
    if (linked.length > cap) { details.appendChild(el("p", "… and " + (linked.length - cap) + " more", "note")); }
  }

  function showEdge(id) {
    var e = edgeItems[id], f = factOf(e), ty = types[e.t];
    state.panel = { kind: "edge", id: id };
    begin(heading(e));
    hiddenNote(edgeHidden[id]);
    var from = nodeItems[e.from], to = nodeItems[e.to];
    var ends = el("span");
    ends.appendChild(jumpButton(from.label, function () { select(from.id); }));
    ends.appendChild(el("span", symmetric(e) ? " — " : " → "));
    ends.appendChild(jumpButton(to.label, function () { select(to.id); }));
    var list = [["between", ends], [ty.kind === "role" ? "role" : "relation", e.label]];
    if (f) {
      list.push(["fact", f.label + (f.type ? " (" + f.type + ")" : "")]);
      list.push(["date", when(f)]);
      if (e.w !== undefined) { list.push(["dated by", facts[e.w].label + ": " + when(facts[e.w])]); }
      list.push(["modality", f.modality]);
      list.push(["fact IRI", f.iri]);
    }
    details.appendChild(rows(list));
    if (f && f.ev && f.ev.length) {
      details.appendChild(el("h3", "Evidence"));
      quotes(details, f);
    }
  }

  function select(id) {
    network.selectNodes([id]);
    showNode(id);
  }
  function selectEdge(id) {
    network.selectEdges([id]);
    showEdge(id);
  }
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges && params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---------------------------------------------------------------------------------------
  // Search: any name (label, other labels, aliases, Wikidata id), any case, by prefix
  // ---------------------------------------------------------------------------------------

  function fold(s) { return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var index = nodeItems.map(function (n) {
    var names = [n.label].concat(n.names || []);
    if (n.wd) { names.push(n.wd); }
    return names.map(function (name) {
      var key = fold(name);
      return { name: name, key: key, words: key.split(/[\s\-_.,;:()\/'"]+/).filter(Boolean) };
    });
  });
  function find(text) {
    var q = fold(text.trim());
    if (!q) { return []; }
    var found = [];
    index.forEach(function (names, id) {
      var best = 3, hit = null;
      names.forEach(function (x) {
        var r = x.key === q ? 0 : x.key.indexOf(q) === 0 ? 1 : x.words.some(function (w) { return w.indexOf(q) === 0; }) ? 2 : 3;
        if (r < best) { best = r; hit = x.name; }
      });
      if (best < 3) { found.push({ id: id, rank: best, name: hit }); }
    });
    found.sort(function (a, b) {
      var na = nodeItems[a.id], nb = nodeItems[b.id];
      return a.rank - b.rank || nb.size - na.size || na.label.localeCompare(nb.label) || a.id - b.id;
    });
    return found.slice(0, 20);
  }
  var search = $("search"), results = $("search-results"), active = -1, current = [];
  function closeResults() {
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    active = -1;
  }
  function mark() {
    Array.prototype.forEach.call(results.children, function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
  }
  function pick(r) {
    closeResults();
    search.value = nodeItems[r.id].label;
    jump(r.id);
  }
  function jump(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
    state.jumped = id;
  }
  search.addEventListener("input", function () {
    current = find(search.value);
    results.replaceChildren();
    active = -1;
    if (!search.value.trim()) { closeResults(); return; }
    if (!current.length) {
      var none = "No entity called “" + search.value.trim() + "” in this view";
      if (data.cut) { none += " (" + plural(data.cut.total_nodes - data.cut.shown_nodes, "node") + " were left out of it)"; }
      results.appendChild(el("li", none, "none"));
    }
    current.forEach(function (r, i) {
      var n = nodeItems[r.id], li = el("li");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.appendChild(el("span", n.label, "name"));
      if (r.name !== n.label) { li.appendChild(el("span", "“" + r.name + "”", "alias")); }
      li.appendChild(el("span", types[n.t].label, "type"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(r); });
      results.appendChild(li);
    });
    results.hidden = false;
    search.setAttribute("aria-expanded", "true");
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!current.length) { return; }
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + current.length) % current.length;
      mark();
      search.setAttribute("aria-activedescendant", "search-result-" + active);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (current.length) { pick(current[Math.max(active, 0)]); }
    } else if (ev.key === "Escape") {
      closeResults();
    }
  });
  search.addEventListener("blur", closeResults);

  // ---------------------------------------------------------------------------------------
  // Filters: types (the legend's checkboxes) and dates
  // ---------------------------------------------------------------------------------------

  var typeOn = types.map(function () { return true; });
  var win = { lo: null, hi: null, undated: true, linkedOnly: false };
  var nodeHidden = nodeItems.map(function () { return false; });
  var edgeHidden = edgeItems.map(function () { return false; });

  function dateOk(fi) {
    if (fi === undefined) { return true; } // entities and query links have no date
    var d = facts[fi].days;
    if (!d) { return win.undated; }
    return (win.hi === null || d[0] === null || d[0] <= win.hi) &&
           (win.lo === null || d[1] === null || d[1] >= win.lo);
  }
  function apply() {
    var nodeOn = nodeItems.map(function (n) { return typeOn[n.t] && dateOk(n.f); });
    var edgeOn = edgeItems.map(function (e) {
      return typeOn[e.t] && dateOk(e.w !== undefined ? e.w : e.f) && nodeOn[e.from] && nodeOn[e.to];
    });
    if (win.linkedOnly) {
      var linked = nodeItems.map(function () { return false; });
      edgeItems.forEach(function (e, i) { if (edgeOn[i]) { linked[e.from] = linked[e.to] = true; } });
      nodeItems.forEach(function (n, i) { if (types[n.t].kind === "entity" && !linked[i]) { nodeOn[i] = false; } });
    }
    var nodeChanges = [], edgeChanges = [], shownNodes = 0, shownEdges = 0;
    nodeOn.forEach(function (on, i) {
      if (on) { shownNodes++; }
      if (nodeHidden[i] === on) { nodeHidden[i] = !on; nodeChanges.push({ id: i, hidden: !on }); }
    });
    edgeOn.forEach(function (on, i) {
      if (on) { shownEdges++; }
      if (edgeHidden[i] === on) { edgeHidden[i] = !on; edgeChanges.push({ id: i, hidden: !on }); }
    });
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
    state.shown = { nodes: shownNodes, edges: shownEdges };
    $("status").textContent = "Showing " + shownNodes.toLocaleString("en") + " of " + plural(nodeItems.length, "node") +
      ", " + shownEdges.toLocaleString("en") + " of " + plural(edgeItems.length, "edge") +
      (data.cut ? " drawn (the graph has " + plural(data.cut.total_nodes, "node") + ", " +
        plural(data.cut.total_edges, "edge") + ")" : "");
  }

  // The legend, one checkbox per type
  var groups = [
    ["entity", "Entities"], ["fact", "Facts (events)"], ["relation", "Relations"],
    ["role", "Roles (fact → participant)"], ["link", "Query links"]
  ];
  var boxes = [];
  groups.forEach(function (g) {
    var items = [];
    types.forEach(function (ty, i) { if (ty.kind === g[0]) { items.push(i); } });
    if (!items.length) { return; }
    items.sort(function (a, b) { return types[a].label.localeCompare(types[b].label); });
    $("legend-groups").appendChild(el("h3", g[1]));
    var ul = el("ul");
    items.forEach(function (i) {
      var ty = types[i], li = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.type = String(i);
      box.addEventListener("change", function () { typeOn[i] = box.checked; apply(); });
      boxes.push(box);
      var sw = el("span", null, "swatch " + ty.shape + (ty.dashes ? " dashed" : ""));
      if (ty.shape === "line" && ty.dashes) { sw.style.borderColor = ty.color; } else { sw.style.background = ty.color; }
      label.appendChild(box);
      label.appendChild(sw);
      label.appendChild(el("span", ty.label, "name"));
      label.appendChild(el("span", ty.count.toLocaleString("en"), "count"));
      li.appendChild(label);
      ul.appendChild(li);
    });
    $("legend-groups").appendChild(ul);
  });
  $("types-reset").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; typeOn[+box.dataset.type] = true; });
    apply();
  });

  // Dates: two inputs (a year, a month or a day) and a dual slider over the months present
  var from = $("date-from"), to = $("date-to"), sFrom = $("slider-from"), sTo = $("slider-to");
  var dateError = $("date-error");
  var undatedCount = facts.filter(function (f) { return !f.days; }).length;
  $("undated-label").textContent = "undated facts (" + undatedCount.toLocaleString("en") + ")";
  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }
  // The first (or, with end, the last) day of YYYY, YYYY-MM or YYYY-MM-DD; null when empty,
  // undefined when it is no date.
  function parseDay(text, end) {
    var t = text.trim();
    if (!t) { return null; }
    var m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(t);
    if (!m) { return undefined; }
    var y = +m[1], mo = m[2] ? +m[2] : null, d = m[3] ? +m[3] : null;
    if (mo !== null && (mo < 1 || mo > 12)) { return undefined; }
    if (d !== null && (d < 1 || d > daysIn(y, mo))) { return undefined; }
    if (!end) { return iso(y, mo || 1, d || 1); }
    mo = mo || 12;
    return iso(y, mo, d || daysIn(y, mo));
  }
  var months = [];
  if (data.span.length === 2) {
    var y0 = +data.span[0].slice(0, 4), m0 = +data.span[0].slice(5, 7);
    var y1 = +data.span[1].slice(0, 4), m1 = +data.span[1].slice(5, 7);
    for (var y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
      months.push(pad(y, 4) + "-" + pad(m, 2));
    }
    [sFrom, sTo].forEach(function (s) { s.max = String(months.length - 1); });
    sFrom.value = "0";
    sTo.value = String(months.length - 1);
    from.placeholder = months[0];
    to.placeholder = months[months.length - 1];
  } else {
    $("dates").querySelector(".sliders").hidden = true;
    $("dates").insertBefore(el("p", "No dated facts in this view.", "note"), $("dates").querySelector(".date-inputs"));
  }
  function monthIndex(day) {
    var key = day.slice(0, 7), i = months.indexOf(key);
    if (i >= 0) { return i; }
    return key < months[0] ? 0 : months.length - 1;
  }
  function setWindow(lo, hi) {
    win.lo = lo;
    win.hi = hi;
    state.window = { from: lo, to: hi };
    apply();
  }
  function typed() {
    var lo = parseDay(from.value, false), hi = parseDay(to.value, true);
    from.classList.toggle("bad", lo === undefined);
    to.classList.toggle("bad", hi === undefined);
    if (lo === undefined || hi === undefined) {
      dateError.textContent = "Write a year, a month or a day: 2019, 2019-06 or 2019-06-05.";
      return;
    }
    if (lo !== null && hi !== null && lo > hi) {
      dateError.textContent = "“From” is after “to”.";
      return;
    }
    dateError.textContent = "";
    if (months.length) {
      sFrom.value = String(lo === null ? 0 : monthIndex(lo));
      sTo.value = String(hi === null ? months.length - 1 : monthIndex(hi));
    }
    setWindow(lo, hi);
  }
  from.addEventListener("input", typed);
  to.addEventListener("input", typed);
  function slid(ev) {
    var a = +sFrom.value, b = +sTo.value;
    if (a > b) { if (ev.target === sFrom) { sTo.value = String(a); b = a; } else { sFrom.value = String(b); a = b; } }
    var last = months.length - 1;
    from.value = a === 0 ? "" : months[a];
    to.value = b === last ? "" : months[b];
    from.classList.remove("bad");
    to.classList.remove("bad");
    dateError.textContent = "";
    setWindow(a === 0 ? null : months[a] + "-01", b === last ? null : parseDay(months[b], true));
  }
  sFrom.addEventListener("input", slid);
  sTo.addEventListener("input", slid);
  $("undated").addEventListener("change", function (ev) { win.undated = ev.target.checked; apply(); });
  $("linked-only").addEventListener("change", function (ev) { win.linkedOnly = ev.target.checked; apply(); });
  $("dates-reset").addEventListener("click", function () {
    from.value = to.value = "";
    $("undated").checked = true;
    win.undated = true;
    typed();
  });

  apply();
})();
