/* KPI dashboard: plain SVG and DOM, no library, no network. Inlined into the page by html.py.

   Reads the JSON in <script id="report-data"> (contact_center/dashboard/data.py) and fills every panel for
   the date focus (latest day, last 7 days, or any range within the data) and the queue in the toolbar.
   The report views ship each KPI per day as its summed numerator <kpi>_n and denominator <kpi>_d (and
   <kpi>_ok where the formula has a guard), as the dbt KPI macros define them. The one piece of arithmetic
   here is the KPI catalog's rule 1 over the rows in focus: sum(n) / sum(d), null on a zero denominator or
   a failed guard (see ratio()). Everything else only selects rows and draws. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var ALL = DATA.all_queues;
  var KPI = {};
  DATA.kpis.forEach(function (k) { KPI[k.name] = k; });
  var SHORT = { service_level: "SL", abandonment_rate: "abandon", transfer_rate: "transfer", fcr_rate: "FCR", csat: "CSAT",
    first_response_seconds: "ticket FRT", asa_seconds: "ASA", aht_seconds: "AHT" };
  var SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];

  // ---- rows ----------------------------------------------------------------------------------------
  function rows(columnar) {
    var names = Object.keys(columnar || {});
    if (!names.length) { return []; }
    return columnar[names[0]].map(function (_, i) {
      var r = {};
      names.forEach(function (n) { r[n] = columnar[n][i]; });
      return r;
    });
  }
  var QUEUE_DAYS = rows(DATA.queue_days);
  var INTERVALS = rows(DATA.intervals);
  var AGENT_DAYS = rows(DATA.agent_days);
  var AGENT_TIME = rows(DATA.agent_time_days);
  var CENTER_DAYS = rows(DATA.center_days);
  var AGENTS = {};
  DATA.agents.forEach(function (a) { AGENTS[a.agent_id] = a; });
  var QUEUES = {};
  DATA.queues.forEach(function (q) { QUEUES[q.queue_id] = q; });
  var DAYS = DATA.days;

  // ---- the one KPI formula of the page: rule 1 of the KPI catalog over the rows in focus ------------
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function ratio(list, kpi) {
    var n = null, d = null, ok = true;
    list.forEach(function (r) {
      if (isNum(r[kpi + "_n"])) { n = (n || 0) + r[kpi + "_n"]; }
      if (isNum(r[kpi + "_d"])) { d = (d || 0) + r[kpi + "_d"]; }
      if (r[kpi + "_ok"] === false) { ok = false; }
    });
    var value = (ok && n !== null && d !== null && d !== 0) ? n / d : null;
    return { value: value, n: n, d: d };
  }
  function total(list, column) {
    var s = null;
    list.forEach(function (r) { if (isNum(r[column])) { s = (s || 0) + r[column]; } });
    return s;
  }

  // ---- state -----------------------------------------------------------------------------------------
  var state = { from: DAYS[0], to: DAYS[DAYS.length - 1], queue: ALL, agentSort: { key: "adherence", dir: 1 },
    queueSort: { key: "queue", dir: 1 }, agentFilter: "", queueFilter: "" };
  function inFocus(day) { return day >= state.from && day <= state.to; }
  function focusDays() { return DAYS.filter(inFocus); }
  function queueDays(queue) {
    return QUEUE_DAYS.filter(function (r) { return r.queue_id === queue && inFocus(r.date_day); });
  }
  function focusText() {
    var n = focusDays().length;
    return state.from === state.to ? state.from : state.from + " to " + state.to + " (" + n + " days)";
  }

  // ---- formatting --------------------------------------------------------------------------------------
  function group(v, digits) {
    var s = v.toFixed(digits || 0), parts = s.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }
  function fmt(kind, v) {
    if (!isNum(v)) { return "n/a"; }
    switch (kind) {
      case "pct": return (100 * v).toFixed(1) + "%";
      case "pct0": return (100 * v).toFixed(0) + "%";
      case "sec": return group(v) + " s";
      case "dur": return v >= 3600 ? (v / 3600).toFixed(1) + " h" : (v / 60).toFixed(0) + " min";
      case "money": return group(v, 2);
      case "score": return (v > 0 ? "+" : "") + v.toFixed(0);
      case "num1": return v.toFixed(1);
      case "agents": return (v > 0 ? "+" : "") + v.toFixed(1);
      default: return group(v);
    }
  }
  // KPIs whose numerator and denominator are seconds of agent time: their n/d read in hours
  var TIME_PARTS = { occupancy: true, adherence: true, shrinkage: true, utilization: true };
  function countText(kind, agg, kpi) {
    if (agg.d === null) { return "no denominator"; }
    if (TIME_PARTS[kpi]) { return group((agg.n || 0) / 3600) + " h/" + group(agg.d / 3600) + " h"; }
    if (kind === "pct") { return group(agg.n || 0) + "/" + group(agg.d); }
    if (kind === "sec" || kind === "dur" || kind === "num1" || kind === "money") { return "n=" + group(agg.d, agg.d % 1 ? 1 : 0); }
    if (kind === "score") { return "n=" + group(agg.d); }
    return group(agg.n || 0) + "/" + group(agg.d);
  }
  function targetFor(queue, kpi) {
    var t = (DATA.targets[queue] || {})[kpi] || (DATA.targets[ALL] || {})[kpi];
    return t || null;
  }
  function status(value, target) {
    if (!isNum(value) || !target) { return ""; }
    return (target.better === "higher" ? value >= target.value : value <= target.value) ? "good" : "bad";
  }
  function targetText(target, kind) {
    if (!target) { return "no target"; }
    return "target " + (target.better === "higher" ? "\u2265 " : "\u2264 ") + fmt(kind === "pct" ? "pct0" : kind, target.value) +
      (target.source === "center" ? "" : " (" + target.source + ")");
  }
  function queueName(id) {
    if (id === ALL) { return "All queues"; }
    var q = QUEUES[id];
    return q ? q.queue_id + " " + q.queue_name : id;
  }

  // ---- DOM helpers -------------------------------------------------------------------------------------
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, x, y, content, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = content;
    return t;
  }
  function tip(node, content) { el("title", {}, node).textContent = content; }
  function svg(container, width, height, label) {
    return el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
      "aria-label": label || "", "class": "chart-svg", preserveAspectRatio: "xMinYMin meet" }, container);
  }
  function panel(id) {
    var p = document.getElementById("panel-" + id);
    var body = p.querySelector(".panel-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    p.querySelector(".focus-label").textContent = "\u2014 " + (id === "workforce" || id === "customers" ? "center" : queueName(state.queue)) + ", " + focusText();
    show(p, null);
    return body;
  }
  function show(p, reason) {
    var r = p.querySelector(".hidden-reason");
    p.querySelector(".panel-body").hidden = !!reason;
    p.querySelector(".note").hidden = !!reason;
    r.hidden = !reason;
    r.textContent = reason || "";
    p.setAttribute("data-hidden", reason ? "true" : "false");
  }
  function hide(id, reason) {
    var p = document.getElementById("panel-" + id);
    p.querySelector(".focus-label").textContent = "";
    show(p, reason);
  }

  // ---- scales and ticks ----------------------------------------------------------------------------------
  function linear(d0, d1, r0, r1) {
    var span = d1 - d0 || 1;
    return function (v) { return r0 + (v - d0) / span * (r1 - r0); };
  }
  var SECOND_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];
  function niceStep(span, count, kind) {
    var raw = span / Math.max(1, count);
    if (kind === "sec" || kind === "dur") {
      for (var i = 0; i < SECOND_STEPS.length; i++) { if (SECOND_STEPS[i] >= raw) { return SECOND_STEPS[i]; } }
      return Math.ceil(raw / 86400) * 86400;
    }
    var p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    var m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
  }
  function ticks(lo, hi, count, kind) {
    if (!(hi > lo)) { hi = lo + 1; }
    var step = niceStep(hi - lo, count, kind);
    var start = Math.floor(lo / step) * step, end = Math.ceil(hi / step) * step, out = [];
    for (var v = start; v <= end + step / 2; v += step) { out.push(Math.round(v / step) * step); }
    return out;
  }
  function tickLabel(kind, v) {
    if (kind === "pct") { return (100 * v).toFixed(0) + "%"; }
    if (kind === "dur") { return v >= 3600 ? (v / 3600) + " h" : (v / 60) + " min"; }
    if (kind === "sec") { return v >= 120 && v % 60 === 0 ? (v / 60) + " min" : v + " s"; }
    if (kind === "score") { return (v > 0 ? "+" : "") + v; }
    return group(v, v % 1 ? 1 : 0);
  }

  // ---- charts ------------------------------------------------------------------------------------------
  function legend(container, items) {
    var box = h("div", { "class": "legend" });
    items.forEach(function (it) {
      box.appendChild(h("span", { "class": "legend-item" }, [
        h("span", { "class": "swatch" + (it.dashed ? " dashed" : ""), style: "background:" + it.color + ";border-color:" + it.color }),
        h("span", { text: it.label })
      ]));
    });
    container.appendChild(box);
  }
  function lineChart(container, opts) {
    var series = opts.series.filter(function (sr) { return sr.points.some(function (p) { return isNum(p[1]); }); });
    var width = opts.width || 340, height = opts.height || 190;
    var wrap = h("div", { "class": "chart-cell" });
    container.appendChild(wrap);
    if (opts.title) { wrap.appendChild(h("h3", { text: opts.title })); }
    if (!series.length) { wrap.appendChild(h("p", { "class": "muted", text: "n/a for every day in focus" })); return; }
    var xs = opts.xs;
    var values = [];
    series.forEach(function (sr) { sr.points.forEach(function (p) { if (isNum(p[1])) { values.push(p[1]); } }); });
    (opts.targets || []).forEach(function (t) { values.push(t.value); });
    var lo = opts.yMin !== undefined ? opts.yMin : Math.min(0, Math.min.apply(null, values));
    var hiRaw = Math.max.apply(null, values);
    var yt = ticks(lo, opts.yMax !== undefined ? Math.min(opts.yMax, hiRaw) : hiRaw, 4, opts.kind);
    var left = 52, right = 12, top = 8, bottom = 26;
    var s = svg(wrap, width, height, opts.title || "");
    var x = linear(0, Math.max(1, xs.length - 1), left, width - right);
    var y = linear(yt[0], yt[yt.length - 1], height - bottom, top);
    yt.forEach(function (v) {
      el("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), "class": "grid" }, s);
      text(s, left - 6, y(v) + 4, tickLabel(opts.kind, v), { "class": "axis", "text-anchor": "end" });
    });
    var every = Math.max(1, Math.ceil(xs.length / 5));
    xs.forEach(function (xv, i) {
      if (i % every === 0 || i === xs.length - 1 && xs.length <= 5) {
        text(s, x(i), height - bottom + 16, xv.slice(5), { "class": "axis", "text-anchor": "middle" });
      }
    });
    var pos = {};
    xs.forEach(function (xv, i) { pos[xv] = i; });
    (opts.targets || []).forEach(function (t) {
      var line = el("line", { x1: left, x2: width - right, y1: y(t.value), y2: y(t.value), "class": "target mark" }, s);
      tip(line, t.label);
    });
    series.forEach(function (sr, si) {
      var color = sr.color || SERIES_COLORS[si % SERIES_COLORS.length];
      var d = "", pen = false;
      sr.points.forEach(function (p) {
        if (!isNum(p[1]) || pos[p[0]] === undefined) { pen = false; return; }
        d += (pen ? "L" : "M") + x(pos[p[0]]).toFixed(1) + "," + y(p[1]).toFixed(1);
        pen = true;
      });
      el("path", { d: d, fill: "none", stroke: color, "stroke-width": 2, "class": "mark series" }, s);
      sr.points.forEach(function (p) {
        if (!isNum(p[1]) || pos[p[0]] === undefined) { return; }
        var c = el("circle", { cx: x(pos[p[0]]), cy: y(p[1]), r: 3, fill: color, "class": "mark" }, s);
        tip(c, sr.name + " " + p[0] + ": " + fmt(opts.kind, p[1]) + (p[2] ? " (" + p[2] + ")" : ""));
      });
    });
    if (opts.legend !== false) {
      var items = series.map(function (sr, si) { return { label: sr.name, color: sr.color || SERIES_COLORS[si % SERIES_COLORS.length] }; });
      (opts.targets || []).forEach(function (t) { items.push({ label: t.label, color: "#555", dashed: true }); });
      legend(wrap, items);
    }
  }

  function openHours(queue, open) {
    // the queue's open hours over all the data: first to last interval where `open(row)` (contacts offered,
    // or agents required or scheduled for the staffing map), so closed hours take no width
    var times = INTERVALS.filter(function (r) { return r.queue_id === queue && open(r); }).map(function (r) { return r.time_of_day; }).sort();
    if (!times.length) { return []; }
    var out = [], first = times[0], last = times[times.length - 1];
    for (var m = 0; m < 1440; m += 30) {
      var t = (m < 600 ? "0" : "") + Math.floor(m / 60) + ":" + (m % 60 ? "30" : "00");
      if (t >= first && t <= last) { out.push(t); }
    }
    return out;
  }
  function heatmap(container, opts) {
    var days = focusDays();
    var times = openHours(state.queue, opts.open);
    var cell = 22, cellH = Math.max(14, Math.min(22, Math.floor(440 / days.length)));
    var left = 84, top = 22;
    var width = left + times.length * cell + 8, height = top + days.length * cellH + 6;
    var s = svg(container, width, height, opts.label);
    s.setAttribute("data-columns", times.length);
    times.forEach(function (t, i) {
      if (t.slice(3) === "00" && (i % 2 === 0 || times.length < 24)) {
        text(s, left + i * cell + cell / 2, top - 7, t.slice(0, 2) + "h", { "class": "axis", "text-anchor": "middle" });
      }
    });
    var index = {};
    opts.rows.forEach(function (r) { index[r.date_day + " " + r.time_of_day] = r; });
    days.forEach(function (d, j) {
      text(s, left - 6, top + j * cellH + cellH * 0.72, d, { "class": "axis", "text-anchor": "end" });
      times.forEach(function (t, i) {
        var r = index[d + " " + t];
        var v = r ? opts.value(r) : null;
        var rect = el("rect", { x: left + i * cell, y: top + j * cellH, width: cell - 1, height: cellH - 1,
          fill: opts.color(v), "class": isNum(v) ? "mark cell" : "cell empty", "data-day": d, "data-time": t }, s);
        if (isNum(v)) { rect.setAttribute("data-value", v); }
        tip(rect, d + " " + t + ": " + opts.label + " " + fmt(opts.kind, v) + (r ? " (" + opts.counts(r) + ")" : " (closed or no contacts)"));
      });
    });
    legend(container, opts.legend);
  }
  function slColor(target) {
    return function (v) {
      if (!isNum(v)) { return "#f1f2f4"; }
      if (v >= target) { return "#2e8b57"; }
      if (v >= target - 0.1) { return "#f0c419"; }
      if (v >= target - 0.3) { return "#f08c2e"; }
      return "#d62728";
    };
  }
  function asaColor(target) {
    return function (v) {
      if (!isNum(v)) { return "#f1f2f4"; }
      if (v <= target) { return "#2e8b57"; }
      if (v <= 2 * target) { return "#f0c419"; }
      if (v <= 4 * target) { return "#f08c2e"; }
      return "#d62728";
    };
  }
  function gapColor(v) {
    if (!isNum(v)) { return "#f1f2f4"; }
    if (v <= -3) { return "#b2182b"; }
    if (v <= -1) { return "#ef8a62"; }
    if (v < 1) { return "#e8e8e8"; }
    if (v < 3) { return "#67a9cf"; }
    return "#2166ac";
  }

  // ---- tables with sorting and filtering --------------------------------------------------------------
  function sortableTable(opts) {
    // opts: columns [{key, label, text?, cell(row) -> {display, value, css, n, title}}], rows, sort, filter(row, q)
    var wrap = h("div", { "class": "table-wrap" });
    var table = h("table", { id: opts.id, "data-sort-key": opts.sort.key, "data-sort-dir": opts.sort.dir > 0 ? "asc" : "desc" });
    var head = h("tr");
    opts.columns.forEach(function (c) {
      var arrow = opts.sort.key === c.key ? (opts.sort.dir > 0 ? " \u25B2" : " \u25BC") : "";
      var th = h("th", { "class": c.text ? "text" : null, "data-sort": c.key, scope: "col",
        "aria-sort": opts.sort.key === c.key ? (opts.sort.dir > 0 ? "ascending" : "descending") : "none" },
        [h("button", { type: "button", text: c.label + arrow })]);
      th.addEventListener("click", function () {
        if (opts.sort.key === c.key) { opts.sort.dir = -opts.sort.dir; } else { opts.sort.key = c.key; opts.sort.dir = c.text ? 1 : -1; }
        opts.redraw();
      });
      head.appendChild(th);
    });
    table.appendChild(h("thead", {}, [head]));
    var q = (opts.filterText || "").toLowerCase();
    var cells = opts.rows.filter(function (r) { return !q || opts.filter(r, q); }).map(function (r) {
      return { row: r, cells: opts.columns.map(function (c) { return c.cell(r); }) };
    });
    var ki = opts.columns.map(function (c) { return c.key; }).indexOf(opts.sort.key);
    cells.sort(function (a, b) {
      if (a.row.pinned !== b.row.pinned) { return a.row.pinned ? -1 : 1; }
      var va = a.cells[ki].value, vb = b.cells[ki].value;
      var na = va === null || va === undefined || (typeof va === "number" && !isFinite(va));
      var nb = vb === null || vb === undefined || (typeof vb === "number" && !isFinite(vb));
      if (na || nb) { return na === nb ? 0 : na ? 1 : -1; }  // n/a last in both directions
      return (va < vb ? -1 : va > vb ? 1 : 0) * opts.sort.dir;
    });
    var body = h("tbody");
    cells.forEach(function (rc) {
      var tr = h("tr", { "data-key": rc.row.key });
      rc.cells.forEach(function (c, i) {
        var col = opts.columns[i];
        var td = h("td", { "class": [col.text ? "text" : "", c.css || ""].join(" ").trim() || null, "data-kpi": col.key,
          "data-value": isNum(c.value) ? c.value : null, title: c.title || null });
        if (c.node) { td.appendChild(c.node); } else { td.appendChild(document.createTextNode(c.display)); }
        if (c.n) { td.appendChild(h("span", { "class": "n", text: c.n })); }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }
  function kpiCell(list, kpi, queue) {
    var agg = ratio(list, kpi), kind = KPI[kpi].kind, target = targetFor(queue, kpi);
    return { display: fmt(kind, agg.value), value: agg.value, css: status(agg.value, target),
      n: isNum(agg.value) ? countText(kind, agg, kpi) : null, title: KPI[kpi].label + ", " + targetText(target, kind) };
  }
  function filterBox(id, placeholder, value, onInput) {
    var input = h("input", { type: "search", id: id, placeholder: placeholder, value: value, "aria-label": placeholder });
    input.addEventListener("input", function () { onInput(input.value); });
    return input;
  }

  // ---- panels ------------------------------------------------------------------------------------------
  function lastBacklog(list) {
    var days = list.filter(function (r) { return isNum(r.backlog_tickets); }).map(function (r) { return r.date_day; }).sort();
    if (!days.length) { return null; }
    var last = days[days.length - 1];
    return total(list.filter(function (r) { return r.date_day === last; }), "backlog_tickets");
  }
  function drawQueues() {
    var body = panel("queues");
    var list = [ALL].concat(DATA.queues.map(function (q) { return q.queue_id; }));
    var data = list.map(function (id) {
      return { key: id, id: id, pinned: id === ALL, rows: queueDays(id) };
    });
    var columns = [
      { key: "queue", label: "queue", text: true, cell: function (r) {
        var b = h("button", { type: "button", "class": "drill", "data-drill": r.id, text: queueName(r.id) });
        b.addEventListener("click", function () { setQueue(r.id); });
        var channel = r.id === ALL ? "" : (QUEUES[r.id].channel || "");
        return { node: b, value: r.id === ALL ? "" : r.id, n: channel };
      } },
      { key: "offered", label: "offered", cell: function (r) { var v = total(r.rows, "offered"); return { display: fmt("num", v), value: v }; } },
      { key: "handled", label: "handled", cell: function (r) { var v = total(r.rows, "handled"); return { display: fmt("num", v), value: v }; } }
    ];
    ["service_level", "asa_seconds", "abandonment_rate", "aht_seconds", "transfer_rate", "fcr_rate", "csat",
      "first_response_seconds"].forEach(function (k) {
      columns.push({ key: k, label: SHORT[k] || KPI[k].label, cell: function (r) { return kpiCell(r.rows, k, r.id); } });
    });
    columns.push({ key: "backlog_tickets", label: "open tickets", cell: function (r) {
      var v = lastBacklog(r.rows); return { display: fmt("num", v), value: v, title: "open at the end of the focus's last day" }; } });
    body.appendChild(filterBox("queue-filter", "Filter queues", state.queueFilter, function (v) { state.queueFilter = v; redrawQueues(); }));
    body.appendChild(sortableTable({ id: "queue-table", columns: columns, rows: data, sort: state.queueSort,
      filterText: state.queueFilter, redraw: redrawQueues,
      filter: function (r, q) { return r.id === ALL || (queueName(r.id) + " " + (QUEUES[r.id].channel || "")).toLowerCase().indexOf(q) >= 0; } }));
    var missed = DATA.queues.filter(function (q) {
      var v = ratio(queueDays(q.queue_id), "service_level").value, t = targetFor(q.queue_id, "service_level");
      return status(v, t) === "bad";
    }).map(function (q) { return q.queue_id; });
    body.appendChild(h("p", { "class": "callout", id: "sl-missed", "data-queues": missed.join(" "),
      text: missed.length ? "Missed service level: " + missed.map(queueName).join(", ") + "." : "Every queue with contacts met its service-level target." }));
  }
  function redrawQueues() {
    var focus = document.activeElement && document.activeElement.id === "queue-filter";
    drawQueues();
    if (focus) { var f = document.getElementById("queue-filter"); f.focus(); f.setSelectionRange(f.value.length, f.value.length); }
  }

  var FAMILIES = [
    { id: "access", title: "Queue access", kpis: ["service_level", "asa_seconds", "abandonment_rate", "answer_rate"],
      reason: function (list) { return total(list, "offered") ? null : "no inbound contacts were offered to this queue in the focus (outbound or deferred work): queue access KPIs do not apply"; } },
    { id: "handling", title: "Handling", kpis: ["aht_seconds", "hold_rate", "transfer_rate"],
      reason: function (list) { return total(list, "handled") ? null : "no contacts were handled in the focus"; } },
    { id: "resolution", title: "Resolution and surveys", kpis: ["fcr_rate", "call_resolution_rate", "csat", "nps", "ces"],
      reason: function (list) { return total(list, "has_disposition_data") || total(list, "has_survey_data") ? null : "the data carries neither dispositions nor surveys for this queue in the focus"; } },
    { id: "tickets", title: "Tickets", kpis: ["first_response_seconds", "full_resolution_seconds", "ticket_reopen_rate"],
      reason: function (list) { return total(list, "tickets_created") || lastBacklog(list) ? null : "no help-desk tickets for this queue in the focus"; } },
    { id: "forecast", title: "Forecast and staffing", kpis: ["wape", "forecast_bias", "understaffed_share"],
      reason: function (list) { return total(list, "forecast_intervals") || total(list, "understaffed_share_d") ? null : "no forecasts or schedules delivered for this queue in the focus"; } },
    { id: "cost", title: "Cost and revenue", kpis: ["cost_per_contact", "revenue_per_call", "outbound_conversion_rate"],
      reason: function (list) { return isNum(total(list, "cost_per_contact_n")) || isNum(total(list, "revenue_per_call_n")) ? null : "no costs or orders delivered for this queue in the focus"; } }
  ];
  function tile(label, agg, kind, target, extra) {
    var st = status(agg.value, target);
    return h("div", { "class": "tile " + st, "data-tile": extra.key, "data-value": isNum(agg.value) ? agg.value : null }, [
      h("div", { "class": "label", text: label }),
      h("div", { "class": "value", text: fmt(kind, agg.value) }),
      h("div", { "class": "counts", text: (isNum(agg.value) && extra.counts !== false ? countText(kind, agg, extra.kpi) + " \u00b7 " : "") + targetText(target, kind) })
    ]);
  }
  function drawTiles() {
    var body = panel("tiles");
    var list = queueDays(state.queue);
    FAMILIES.forEach(function (f) {
      var reason = f.reason(list);
      var box = h("div", { "class": "family", "data-family": f.id }, [h("h3", { text: f.title })]);
      if (reason) {
        box.appendChild(h("p", { "class": "hidden-reason family-reason", text: f.title + " hidden: " + reason + "." }));
        box.setAttribute("data-hidden", "true");
      } else {
        var tiles = h("div", { "class": "tiles" });
        f.kpis.forEach(function (k) { tiles.appendChild(tile(KPI[k].label, ratio(list, k), KPI[k].kind, targetFor(state.queue, k), { key: k })); });
        box.appendChild(tiles);
      }
      body.appendChild(box);
    });
  }

  function drawHeatmaps() {
    var rowsQ = INTERVALS.filter(function (r) { return r.queue_id === state.queue && inFocus(r.date_day); });
    var offered = rowsQ.some(function (r) { return r.offered > 0; });
    var slT = targetFor(state.queue, "service_level"), asaT = targetFor(state.queue, "asa_seconds");
    if (!offered) {
      hide("sl-heatmap", "Hidden: no inbound contacts offered to " + queueName(state.queue) + " in " + focusText() + ", so there is no service level by interval.");
      hide("asa-heatmap", "Hidden: no inbound contacts answered for " + queueName(state.queue) + " in " + focusText() + ".");
    } else {
      var t = slT ? slT.value : 0.8;
      var offeredHours = function (r) { return r.offered > 0; };
      heatmap(panel("sl-heatmap"), { rows: rowsQ, label: "service level", kind: "pct", open: offeredHours,
        value: function (r) { return ratio([r], "service_level").value; }, color: slColor(t),
        counts: function (r) { var a = ratio([r], "service_level"); return group(a.n || 0) + " within T of " + group(a.d || 0); },
        legend: [{ label: "\u2265 target " + fmt("pct0", t), color: "#2e8b57" }, { label: "within 10 pts", color: "#f0c419" },
          { label: "10-30 pts below", color: "#f08c2e" }, { label: "> 30 pts below", color: "#d62728" }, { label: "no contacts", color: "#f1f2f4" }] });
      var a = asaT ? asaT.value : 30;
      heatmap(panel("asa-heatmap"), { rows: rowsQ, label: "ASA", kind: "sec", open: offeredHours,
        value: function (r) { return ratio([r], "asa_seconds").value; }, color: asaColor(a),
        counts: function (r) { return group(r.answered) + " answered of " + group(r.offered) + " offered"; },
        legend: [{ label: "\u2264 target " + fmt("sec", a), color: "#2e8b57" }, { label: "\u2264 2 x target", color: "#f0c419" },
          { label: "\u2264 4 x target", color: "#f08c2e" }, { label: "> 4 x target", color: "#d62728" }, { label: "no answers", color: "#f1f2f4" }] });
    }
    var staffed = rowsQ.some(function (r) { return isNum(r.required_agents) && isNum(r.scheduled_agents); });
    if (!staffed) {
      hide("staffing-heatmap", "Hidden: no Erlang C requirement and schedule for " + queueName(state.queue) + " in " + focusText() +
        " (deferred queues such as email are not staffed by interval, or schedules were not delivered).");
    } else {
      heatmap(panel("staffing-heatmap"), { rows: rowsQ, label: "scheduled - required agents", kind: "agents",
        open: function (r) { return r.required_agents > 0 || r.scheduled_agents > 0; },
        value: function (r) { return isNum(r.required_agents) ? r.staffing_gap_agents : null; }, color: gapColor,
        counts: function (r) { return fmt("num1", r.scheduled_agents) + " scheduled, " + fmt("num", r.required_agents) + " required"; },
        legend: [{ label: "3+ short", color: "#b2182b" }, { label: "1-3 short", color: "#ef8a62" }, { label: "within 1", color: "#e8e8e8" },
          { label: "1-3 over", color: "#67a9cf" }, { label: "3+ over", color: "#2166ac" }, { label: "no requirement", color: "#f1f2f4" }] });
    }
  }

  function dailySeries(list, kpi) {
    return focusDays().map(function (d) {
      var day = list.filter(function (r) { return r.date_day === d; });
      var agg = ratio(day, kpi);
      return [d, agg.value, isNum(agg.value) ? countText(KPI[kpi].kind, agg, kpi) : ""];
    });
  }
  function drawTrends() {
    var days = focusDays();
    if (days.length < 2) { return hide("trends", "Hidden: one day in focus; choose Last 7 days or a longer range to see trends."); }
    var list = queueDays(state.queue);
    var kpis = ["service_level", "asa_seconds", "abandonment_rate", "aht_seconds", "fcr_rate", "csat", "nps", "transfer_rate"].filter(function (k) {
      return isNum(ratio(list, k).value) || dailySeries(list, k).some(function (p) { return isNum(p[1]); });
    });
    if (!kpis.length) {
      return hide("trends", "Hidden: no contacts offered or handled for " + queueName(state.queue) + " in " + focusText() + " (its work is tickets: see Tickets).");
    }
    var body = panel("trends");
    var grid = h("div", { "class": "small-multiples" });
    body.appendChild(grid);
    kpis.forEach(function (k) {
      var t = targetFor(state.queue, k), kind = KPI[k].kind;
      lineChart(grid, { title: KPI[k].label, kind: kind, xs: days, yMin: kind === "score" ? -100 : 0, yMax: kind === "pct" ? 1 : (kind === "score" ? 100 : undefined),
        series: [{ name: queueName(state.queue), points: dailySeries(list, k) }],
        targets: t ? [{ value: t.value, label: targetText(t, kind) }] : [], legend: !!t });
    });
  }

  function drawTickets() {
    var list = queueDays(state.queue);
    var queues = DATA.queues.filter(function (q) {
      return queueDays(q.queue_id).some(function (r) { return r.tickets_created > 0 || isNum(r.backlog_tickets); });
    });
    if (!list.some(function (r) { return r.tickets_created > 0 || isNum(r.backlog_tickets); })) {
      return hide("tickets", "Hidden: no help-desk tickets for " + queueName(state.queue) + " in " + focusText() + ".");
    }
    var body = panel("tickets");
    var days = focusDays();
    // backlog change per queue over the focus: first day's end-of-day backlog against the last day's
    var rowsT = (state.queue === ALL ? queues.map(function (q) { return q.queue_id; }) : [state.queue]).map(function (id) {
      var qd = queueDays(id);
      var first = total(qd.filter(function (r) { return r.date_day === days[0]; }), "backlog_tickets");
      var last = total(qd.filter(function (r) { return r.date_day === days[days.length - 1]; }), "backlog_tickets");
      return { key: id, id: id, rows: qd, first: first, last: last, change: isNum(first) && isNum(last) ? last - first : null };
    });
    var columns = [
      { key: "queue", label: "queue", text: true, cell: function (r) { return { display: queueName(r.id), value: r.id }; } },
      { key: "created", label: "created", cell: function (r) { var v = total(r.rows, "tickets_created"); return { display: fmt("num", v), value: v }; } },
      { key: "backlog_start", label: "open " + days[0].slice(5), cell: function (r) { return { display: fmt("num", r.first), value: r.first }; } },
      { key: "backlog_end", label: "open " + days[days.length - 1].slice(5), cell: function (r) { return { display: fmt("num", r.last), value: r.last }; } },
      { key: "backlog_change", label: "change", cell: function (r) {
        var c = r.change; return { display: isNum(c) ? (c > 0 ? "\u25B2 +" + c : c < 0 ? "\u25BC " + c : "0") : "n/a", value: c,
          css: c > 0 ? "bad" : c < 0 ? "good" : "", title: c > 0 ? "backlog growing" : "backlog not growing" }; } },
      { key: "first_response_seconds", label: "first response", cell: function (r) { return kpiCell(r.rows, "first_response_seconds", r.id); } },
      { key: "full_resolution_seconds", label: "full resolution", cell: function (r) { return kpiCell(r.rows, "full_resolution_seconds", r.id); } },
      { key: "ticket_reopen_rate", label: "reopen rate", cell: function (r) { return kpiCell(r.rows, "ticket_reopen_rate", r.id); } }
    ];
    var sort = { key: "queue", dir: 1 };
    body.appendChild(sortableTable({ id: "ticket-table", columns: columns, rows: rowsT, sort: sort, filter: function () { return true; }, redraw: drawTickets }));
    if (days.length >= 2) {
      var grid = h("div", { "class": "small-multiples" });
      body.appendChild(grid);
      lineChart(grid, { title: "Open tickets at end of day", kind: "num", xs: days, yMin: 0,
        series: rowsT.map(function (r) { return { name: queueName(r.id), points: days.map(function (d) {
          return [d, total(r.rows.filter(function (x) { return x.date_day === d; }), "backlog_tickets")]; }) }; }) });
      lineChart(grid, { title: "Mean first response", kind: "dur", xs: days, yMin: 0,
        series: [{ name: queueName(state.queue), points: dailySeries(list, "first_response_seconds") }], legend: false });
    }
  }

  function drawWorkforce() {
    var list = CENTER_DAYS.filter(function (r) { return inFocus(r.date_day); });
    if (!list.some(function (r) { return isNum(r.adherence_d) && r.adherence_d > 0 || isNum(r.occupancy_d) && r.occupancy_d > 0; })) {
      return hide("workforce", "Hidden: no agent states or schedules delivered for " + focusText() + ".");
    }
    var body = panel("workforce");
    var tiles = h("div", { "class": "tiles" });
    ["occupancy", "adherence", "shrinkage", "utilization"].forEach(function (k) {
      tiles.appendChild(tile(KPI[k].label, ratio(list, k), "pct", targetFor(ALL, k), { key: "center-" + k, kpi: k }));
    });
    tiles.appendChild(tile("Cost per contact", ratio(list, "cost_per_contact"), "money", null, { key: "center-cost_per_contact" }));
    body.appendChild(tiles);
    var days = focusDays();
    if (days.length >= 2) {
      var grid = h("div", { "class": "small-multiples" });
      body.appendChild(grid);
      lineChart(grid, { title: "Occupancy, adherence, shrinkage", kind: "pct", xs: days, yMin: 0, yMax: 1, width: 420,
        series: ["occupancy", "adherence", "shrinkage"].map(function (k) { return { name: KPI[k].label, points: days.map(function (d) {
          var a = ratio(list.filter(function (r) { return r.date_day === d; }), k); return [d, a.value, isNum(a.value) ? countText("pct", a, k) : ""]; }) }; }) });
    }
  }

  function drawForecast() {
    var list = queueDays(state.queue);
    if (!total(list, "forecast_intervals")) {
      return hide("forecast", "Hidden: no forecast delivered for " + queueName(state.queue) + " in " + focusText() + ".");
    }
    var body = panel("forecast");
    var tiles = h("div", { "class": "tiles" });
    ["wape", "forecast_bias"].forEach(function (k) { tiles.appendChild(tile(KPI[k].label, ratio(list, k), "pct", targetFor(state.queue, k), { key: "forecast-" + k })); });
    body.appendChild(tiles);
    var days = focusDays();
    var grid = h("div", { "class": "small-multiples" });
    body.appendChild(grid);
    lineChart(grid, { title: "Offered contacts per day", kind: "num", xs: days, yMin: 0, width: 520,
      series: [
        { name: "actual", color: "#1f77b4", points: days.map(function (d) { return [d, total(list.filter(function (r) { return r.date_day === d; }), "actual_offered")]; }) },
        { name: "forecast", color: "#ff7f0e", points: days.map(function (d) { return [d, total(list.filter(function (r) { return r.date_day === d; }), "forecast_offered")]; }) }
      ] });
  }

  function agentRows() {
    var contact = {}, time = {};
    AGENT_DAYS.forEach(function (r) {
      if (!inFocus(r.date_day) || (state.queue !== ALL && r.queue_id !== state.queue)) { return; }
      (contact[r.agent_id] = contact[r.agent_id] || []).push(r);
    });
    AGENT_TIME.forEach(function (r) {
      if (!inFocus(r.date_day)) { return; }
      (time[r.agent_id] = time[r.agent_id] || []).push(r);
    });
    var ids = Object.keys(contact).filter(function (id) { return total(contact[id], "handled") > 0; });
    if (state.queue === ALL) {
      Object.keys(time).forEach(function (id) { if (!contact[id] && total(time[id], "paid_seconds") > 0) { ids.push(id); } });
    }
    return ids.sort().map(function (id) {
      return { key: id, id: id, agent: AGENTS[id] || { agent_id: id }, contact: contact[id] || [], time: time[id] || [] };
    });
  }
  function drawAgents() {
    var body = panel("agents");
    var list = agentRows();
    if (!list.length) { return hide("agents", "Hidden: no agent handled contacts of " + queueName(state.queue) + " in " + focusText() + "."); }
    var adhT = targetFor(ALL, "adherence");
    // scatter: AHT against handled, coloured by adherence against its target (legend below)
    var pts = list.map(function (r) {
      return { r: r, x: total(r.contact, "handled"), y: ratio(r.contact, "aht_seconds").value, adh: ratio(r.time, "adherence").value };
    }).filter(function (p) { return isNum(p.x) && p.x > 0 && isNum(p.y); });
    if (pts.length) {
      var width = 760, height = 260, left = 56, right = 12, top = 10, bottom = 34;
      var s = svg(body, width, height, "agents: AHT against contacts handled");
      s.setAttribute("id", "agent-scatter");
      var xt = ticks(0, Math.max.apply(null, pts.map(function (p) { return p.x; })), 5, "num");
      var ahtT = targetFor(state.queue, "aht_seconds");
      var yt = ticks(0, Math.max.apply(null, pts.map(function (p) { return p.y; }).concat(ahtT ? [ahtT.value] : [])), 4, "sec");
      var x = linear(0, xt[xt.length - 1], left, width - right), y = linear(0, yt[yt.length - 1], height - bottom, top);
      yt.forEach(function (v) { el("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), "class": "grid" }, s); text(s, left - 6, y(v) + 4, tickLabel("sec", v), { "class": "axis", "text-anchor": "end" }); });
      xt.forEach(function (v) { text(s, x(v), height - bottom + 16, tickLabel("num", v), { "class": "axis", "text-anchor": "middle" }); });
      text(s, width - right, height - 4, "contacts handled", { "class": "axis", "text-anchor": "end" });
      text(s, left + 4, top + 10, "AHT", { "class": "axis" });
      if (ahtT) { tip(el("line", { x1: left, x2: width - right, y1: y(ahtT.value), y2: y(ahtT.value), "class": "target mark" }, s), targetText(ahtT, "sec")); }
      pts.forEach(function (p) {
        var color = !isNum(p.adh) ? "#9aa0a6" : status(p.adh, adhT) === "bad" ? "#d62728" : "#2e8b57";
        var c = el("circle", { cx: x(p.x), cy: y(p.y), r: 4.5, fill: color, "fill-opacity": 0.8, "class": "mark", "data-agent": p.r.id }, s);
        tip(c, p.r.id + " " + (p.r.agent.agent_name || "") + " (" + (p.r.agent.team || "") + "): AHT " + fmt("sec", p.y) + " over " + p.x + " handled, adherence " + fmt("pct", p.adh));
      });
      legend(body, [{ label: "adherence " + (adhT ? "\u2265 " + fmt("pct0", adhT.value) : "met"), color: "#2e8b57" },
        { label: "adherence below target", color: "#d62728" }, { label: "no schedule", color: "#9aa0a6" },
        { label: ahtT ? "AHT " + targetText(ahtT, "sec") : "no AHT target", color: "#555", dashed: true }]);
    }
    var columns = [
      { key: "agent", label: "agent", text: true, cell: function (r) {
        var v = r.id + " " + (r.agent.agent_name || "");
        var b = h("button", { type: "button", "class": "drill", "data-agent": r.id, title: "show only this agent", text: v });
        b.addEventListener("click", function () { state.agentFilter = r.id; redrawAgents(); });
        return { node: b, value: v }; } },
      { key: "team", label: "team", text: true, cell: function (r) { return { display: r.agent.team || "", value: r.agent.team || "" }; } },
      { key: "handled", label: "handled", cell: function (r) { var v = total(r.contact, "handled"); return { display: fmt("num", v), value: v }; } },
      { key: "aht_seconds", label: "AHT", cell: function (r) { return kpiCell(r.contact, "aht_seconds", state.queue); } },
      { key: "hold_rate", label: "hold", cell: function (r) { return kpiCell(r.contact, "hold_rate", state.queue); } },
      { key: "transfer_rate", label: "transfer", cell: function (r) { return kpiCell(r.contact, "transfer_rate", state.queue); } },
      { key: "fcr_rate", label: "FCR", cell: function (r) { return kpiCell(r.contact, "fcr_rate", state.queue); } },
      { key: "csat", label: "CSAT", cell: function (r) { return kpiCell(r.contact, "csat", state.queue); } },
      { key: "occupancy", label: "occupancy", cell: function (r) { return kpiCell(r.time, "occupancy", ALL); } },
      { key: "adherence", label: "adherence", cell: function (r) { return kpiCell(r.time, "adherence", ALL); } },
      { key: "contacts_per_hour", label: "per hour", cell: function (r) { return kpiCell(r.time, "contacts_per_hour", ALL); } }
    ];
    body.appendChild(filterBox("agent-filter", "Filter agents, teams, sites", state.agentFilter, function (v) { state.agentFilter = v; redrawAgents(); }));
    var under = list.map(function (r) { return { r: r, v: ratio(r.time, "adherence").value }; })
      .filter(function (x) { return status(x.v, adhT) === "bad"; })
      .sort(function (a, b) { return a.v - b.v; });
    var below = under.length;
    var names = under.slice(0, 8).map(function (x) { return (x.r.agent.agent_name || x.r.id) + " " + fmt("pct0", x.v); });
    body.appendChild(h("p", { "class": "callout", id: "adherence-summary", "data-count": below,
      text: below + " of " + list.length + " agents under the adherence target" + (adhT ? " (" + fmt("pct0", adhT.value) + ")" : "") +
        " in " + focusText() + (names.length ? ": " + names.join(", ") + (below > names.length ? ", ..." : "") : "") + "." }));
    body.appendChild(sortableTable({ id: "agent-table", columns: columns, rows: list, sort: state.agentSort, filterText: state.agentFilter,
      redraw: redrawAgents, filter: function (r, q) {
        return [r.id, r.agent.agent_name, r.agent.team, r.agent.site].join(" ").toLowerCase().indexOf(q) >= 0;
      } }));
  }
  function redrawAgents() {
    var focus = document.activeElement && document.activeElement.id === "agent-filter";
    drawAgents();
    if (focus) { var f = document.getElementById("agent-filter"); f.focus(); f.setSelectionRange(f.value.length, f.value.length); }
  }

  function drawCustomers() {
    var months = (DATA.customers_monthly || []).filter(function (m) {
      return m.month_start_date <= state.to && m.month_start_date.slice(0, 7) >= state.from.slice(0, 7);
    });
    if (!months.length || !months.some(function (m) { return m.customers_end > 0 || m.orders > 0; })) {
      return hide("customers", "Hidden: no customer or order records delivered for the months of " + focusText() + ".");
    }
    var body = panel("customers");
    var columns = [
      { key: "month", label: "month", text: true, cell: function (m) { return { display: m.month_start_date.slice(0, 7) + (m.is_partial_month ? " (partial)" : ""), value: m.month_start_date }; } },
      { key: "customers_end", label: "customers", cell: function (m) { return { display: fmt("num", m.customers_end), value: m.customers_end }; } },
      { key: "new_customers", label: "new", cell: function (m) { return { display: fmt("num", m.new_customers), value: m.new_customers }; } },
      { key: "customer_retention_pct", label: "retention", cell: function (m) { var v = m.customer_retention_pct; return { display: isNum(v) ? v.toFixed(1) + "%" : "n/a", value: v }; } },
      { key: "orders", label: "orders", cell: function (m) { return { display: fmt("num", m.orders), value: m.orders }; } },
      { key: "revenue_amount", label: "revenue", cell: function (m) { return { display: fmt("money", m.revenue_amount), value: m.revenue_amount }; } },
      { key: "average_purchase_value", label: "avg purchase", cell: function (m) { return { display: fmt("money", m.average_purchase_value), value: m.average_purchase_value }; } },
      { key: "customer_lifetime_value", label: "CLV", cell: function (m) { return { display: fmt("money", m.customer_lifetime_value), value: m.customer_lifetime_value }; } }
    ];
    body.appendChild(sortableTable({ id: "customer-table", columns: columns, rows: months.map(function (m) { m.key = m.month_start_date; return m; }),
      sort: { key: "month", dir: 1 }, filter: function () { return true; }, redraw: drawCustomers }));
  }

  // ---- toolbar -----------------------------------------------------------------------------------------
  var fromInput = document.getElementById("date-from"), toInput = document.getElementById("date-to");
  var select = document.getElementById("queue-select");
  function render() {
    document.body.setAttribute("data-rendered", "false");
    fromInput.value = state.from;
    toInput.value = state.to;
    select.value = state.queue;
    Array.prototype.forEach.call(document.querySelectorAll("[data-focus]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-focus") === focusKind() ? "true" : "false");
    });
    document.getElementById("focus-summary").textContent = queueName(state.queue) + ", " + focusText();
    document.body.setAttribute("data-from", state.from);
    document.body.setAttribute("data-to", state.to);
    document.body.setAttribute("data-queue", state.queue);
    [drawQueues, drawTiles, drawHeatmaps, drawTrends, drawTickets, drawWorkforce, drawForecast, drawAgents, drawCustomers]
      .forEach(function (f) { f(); });
    document.body.setAttribute("data-rendered", "true");
  }
  function focusKind() {
    var last = DAYS[DAYS.length - 1];
    if (state.to !== last) { return "custom"; }
    if (state.from === last) { return "latest"; }
    if (state.from === DAYS[Math.max(0, DAYS.length - 7)]) { return "week"; }
    if (state.from === DAYS[0]) { return "all"; }
    return "custom";
  }
  function setFocus(kind) {
    var last = DAYS[DAYS.length - 1];
    state.to = last;
    state.from = kind === "latest" ? last : kind === "week" ? DAYS[Math.max(0, DAYS.length - 7)] : DAYS[0];
    render();
  }
  function setQueue(id) { state.queue = id; render(); document.getElementById("toolbar").scrollIntoView({ block: "start" }); }
  function clampDay(v, fallback) {
    if (!v) { return fallback; }
    if (v < DAYS[0]) { return DAYS[0]; }
    if (v > DAYS[DAYS.length - 1]) { return DAYS[DAYS.length - 1]; }
    return v;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-focus]"), function (b) {
    b.addEventListener("click", function () { setFocus(b.getAttribute("data-focus")); });
  });
  fromInput.addEventListener("change", function () {
    state.from = clampDay(fromInput.value, state.from);
    if (state.from > state.to) { state.to = state.from; }
    render();
  });
  toInput.addEventListener("change", function () {
    state.to = clampDay(toInput.value, state.to);
    if (state.to < state.from) { state.from = state.to; }
    render();
  });
  select.addEventListener("change", function () { state.queue = select.value; render(); });

  if (!DAYS.length) {
    document.querySelector("main").textContent = "The warehouse holds no data yet.";
    document.body.setAttribute("data-rendered", "true");
    return;
  }
  state.from = DAYS[DAYS.length - 1];  // opens on the latest day, against target
  render();
})();
