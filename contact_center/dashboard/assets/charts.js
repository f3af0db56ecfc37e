/* KPI dashboard charts: plain SVG, no library, no network. Inlined into the page by scripts/report.py.
   Reads the JSON in <script id="report-data">, draws every element with a data-chart attribute and
   redraws the queue-specific charts when the queue selector changes. Ratios arrive computed from
   summed components (scripts/_report_data.py); this file only draws them. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var ALL = DATA.all_queues;
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

  // ---- small helpers ---------------------------------------------------------------------------
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
  function tip(node, content) {
    var t = el("title", {}, node);
    t.textContent = content;
  }
  function svg(container, width, height) {
    return el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
      "class": "chart-svg", preserveAspectRatio: "xMinYMin meet" }, container);
  }
  function clear(container) {
    while (container.firstChild) { container.removeChild(container.firstChild); }
  }
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function pct(v, digits) { return isNum(v) ? (100 * v).toFixed(digits === undefined ? 1 : digits) + "%" : "n/a"; }
  function sec(v) { return isNum(v) ? v.toFixed(0) + " s" : "n/a"; }
  function num(v, digits) { return isNum(v) ? v.toFixed(digits || 0) : "n/a"; }
  function fmt(kind, v) {
    if (kind === "pct") { return pct(v); }
    if (kind === "sec") { return sec(v); }
    if (kind === "num1") { return num(v, 1); }
    return num(v);
  }
  function rows(columnar) {
    // columnar {a: [...], b: [...]} -> [{a, b}, ...]
    var names = Object.keys(columnar || {});
    if (!names.length) { return []; }
    return columnar[names[0]].map(function (_, i) {
      var r = {};
      names.forEach(function (n) { r[n] = columnar[n][i]; });
      return r;
    });
  }
  function unique(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort();
  }
  function linear(d0, d1, r0, r1) {
    var span = d1 - d0 || 1;
    return function (v) { return r0 + (v - d0) / span * (r1 - r0); };
  }
  function niceMax(v) {
    if (!isNum(v) || v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function noData(container, width, message) {
    var s = svg(container, width, 60);
    s.setAttribute("class", "chart-svg no-data");
    text(s, 10, 35, message || "No data for this selection", { "class": "muted" });
  }
  function queueName(id) {
    if (id === ALL) { return "All queues"; }
    var q = DATA.queues.filter(function (x) { return x.queue_id === id; })[0];
    return q ? q.queue_id + " " + q.queue_name : id;
  }
  function legend(s, x, y, items) {
    items.forEach(function (it, i) {
      var g = el("g", { transform: "translate(" + (x + i * 150) + "," + y + ")" }, s);
      el("rect", { width: 12, height: 12, fill: it.color, rx: 2 }, g);
      text(g, 18, 10, it.label, { "class": "legend" });
    });
  }

  // ---- colour scales ---------------------------------------------------------------------------
  function slColor(v, target) {
    if (!isNum(v)) { return "#eeeeee"; }
    var t = isNum(target) ? target : 0.8;
    var x = Math.max(0, Math.min(1, (v - (t - 0.4)) / 0.4));  // target - 40 pts = red, target = green
    return "hsl(" + Math.round(120 * x) + ",65%," + (v >= t ? 38 : 50) + "%)";
  }
  function asaColor(v, target) {
    if (!isNum(v)) { return "#eeeeee"; }
    var t = isNum(target) ? target : 30;
    var x = Math.max(0, Math.min(1, v / (3 * t)));  // 0 s = green, 3 x target = red
    return "hsl(" + Math.round(120 * (1 - x)) + ",65%,45%)";
  }

  // ---- heatmap: rows = local days, columns = 30-minute intervals ----------------------------------
  function heatmap(container, opts) {
    var data = opts.rows;
    if (!data.length) { return noData(container, 900); }
    var days = unique(data.map(function (r) { return r.date_day; }));
    var times = [];
    for (var h = 0; h < 24; h++) {
      times.push((h < 10 ? "0" : "") + h + ":00", (h < 10 ? "0" : "") + h + ":30");
    }
    var cell = 20, cellH = Math.max(10, Math.min(18, Math.floor(420 / days.length)));
    var left = 86, top = 24, width = left + times.length * cell + 20, height = top + days.length * cellH + 44;
    var s = svg(container, width, height);
    times.forEach(function (t, i) {
      if (i % 4 === 0) { text(s, left + i * cell + cell / 2, top - 8, t, { "class": "axis", "text-anchor": "middle" }); }
    });
    days.forEach(function (d, j) {
      text(s, left - 6, top + j * cellH + cellH * 0.75, d, { "class": "axis", "text-anchor": "end" });
    });
    var index = {};
    data.forEach(function (r) { index[r.date_day + " " + r.time_of_day] = r; });
    days.forEach(function (d, j) {
      times.forEach(function (t, i) {
        var r = index[d + " " + t];
        if (!r) { return; }
        var v = r[opts.value];
        var rect = el("rect", { x: left + i * cell, y: top + j * cellH, width: cell - 1, height: cellH - 1,
          fill: opts.color(v), "class": "mark" }, s);
        tip(rect, d + " " + t + ": " + opts.label + " " + fmt(opts.kind, v) + " (" + opts.counts(r) + ")");
      });
    });
    text(s, left, height - 14, opts.note, { "class": "muted" });
  }

  // ---- line chart over categorical x (days or intervals) ----------------------------------------
  function lineChart(container, opts) {
    var series = opts.series.filter(function (sr) { return sr.points.some(function (p) { return isNum(p[1]); }); });
    var width = opts.width || 900, height = opts.height || 260;
    if (!series.length) { return noData(container, width); }
    var xs = unique([].concat.apply([], series.map(function (sr) { return sr.points.map(function (p) { return p[0]; }); })));
    var ymax = opts.yMax !== undefined ? opts.yMax : niceMax(Math.max.apply(null, [].concat.apply([],
      series.map(function (sr) { return sr.points.map(function (p) { return isNum(p[1]) ? p[1] : 0; }); }))
      .concat((opts.targets || []).map(function (t) { return t.value; }))) * 1.05);
    var ymin = opts.yMin || 0;
    var left = 56, right = 36, top = opts.title ? 28 : 12, bottom = 46;
    var s = svg(container, width, height);
    if (opts.title) { text(s, left, 16, opts.title, { "class": "chart-title" }); }
    var x = linear(0, Math.max(1, xs.length - 1), left, width - right);
    var y = linear(ymin, ymax, height - bottom, top);
    for (var k = 0; k <= 4; k++) {
      var v = ymin + (ymax - ymin) * k / 4;
      el("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), "class": "grid" }, s);
      text(s, left - 6, y(v) + 4, fmt(opts.kind, v), { "class": "axis", "text-anchor": "end" });
    }
    var every = Math.max(1, Math.ceil(xs.length / (opts.maxTicks || 10)));
    xs.forEach(function (xv, i) {
      if (i % every === 0) {
        text(s, x(i), height - bottom + 16, opts.xLabel ? opts.xLabel(xv) : xv, { "class": "axis", "text-anchor": "middle" });
      }
    });
    var pos = {};
    xs.forEach(function (xv, i) { pos[xv] = i; });
    (opts.targets || []).forEach(function (t) {
      var line = el("line", { x1: left, x2: width - right, y1: y(t.value), y2: y(t.value), "class": "target mark" }, s);
      tip(line, t.label + ": " + fmt(opts.kind, t.value));
    });
    series.forEach(function (sr, si) {
      var color = sr.color || PALETTE[si % PALETTE.length];
      var d = "", pen = false;
      sr.points.forEach(function (p) {
        if (!isNum(p[1])) { pen = false; return; }
        d += (pen ? "L" : "M") + x(pos[p[0]]).toFixed(1) + "," + y(p[1]).toFixed(1);
        pen = true;
      });
      el("path", { d: d, fill: "none", stroke: color, "stroke-width": sr.width || 2, "class": "mark series" }, s);
      if (sr.points.length <= 62) {
        sr.points.forEach(function (p) {
          if (!isNum(p[1])) { return; }
          var c = el("circle", { cx: x(pos[p[0]]), cy: y(p[1]), r: 3, fill: color, "class": "mark" }, s);
          tip(c, sr.name + " " + p[0] + ": " + fmt(opts.kind, p[1]) + (p[2] ? " (" + p[2] + ")" : ""));
        });
      }
    });
    var items = series.map(function (sr, si) { return { label: sr.name, color: sr.color || PALETTE[si % PALETTE.length] }; });
    (opts.targets || []).forEach(function (t) { items.push({ label: t.label, color: "#555" }); });
    legend(s, left, height - 14, items);
  }

  // ---- horizontal bars, one per category, with an optional target per bar -----------------------
  function barChart(container, opts) {
    var data = opts.rows.filter(function (r) { return isNum(r.value); });
    var width = opts.width || 440, rowH = 26, top = 28, left = 130, right = 70;
    if (!data.length) { return noData(container, width); }
    var height = top + data.length * rowH + 10;
    var xmax = opts.xMax || niceMax(Math.max.apply(null, data.map(function (r) {
      return Math.max(r.value, isNum(r.target) ? r.target : 0);
    })));
    var s = svg(container, width, height);
    text(s, 4, 16, opts.title, { "class": "chart-title" });
    var x = linear(0, xmax, left, width - right);
    data.forEach(function (r, i) {
      var yy = top + i * rowH;
      text(s, left - 6, yy + 16, r.label, { "class": "axis", "text-anchor": "end" });
      var good = !isNum(r.target) || (opts.higherIsBetter ? r.value >= r.target : r.value <= r.target);
      var bar = el("rect", { x: left, y: yy + 3, width: Math.max(1, x(r.value) - left), height: rowH - 8,
        fill: good ? "#2ca02c" : "#d62728", "class": "mark" }, s);
      tip(bar, r.label + ": " + fmt(opts.kind, r.value) + " (" + r.counts + ")");
      text(s, x(r.value) + 4, yy + 16, fmt(opts.kind, r.value), { "class": "value" });
      if (isNum(r.target)) {
        var tl = el("line", { x1: x(r.target), x2: x(r.target), y1: yy, y2: yy + rowH - 2, "class": "target mark" }, s);
        tip(tl, "target " + fmt(opts.kind, r.target));
      }
    });
  }

  // ---- scatter ------------------------------------------------------------------------------------
  function scatter(container, opts) {
    var data = opts.rows.filter(function (r) { return isNum(r.x) && isNum(r.y); });
    var width = 900, height = 320, left = 60, right = 20, top = 16, bottom = 40;
    if (!data.length) { return noData(container, width); }
    var s = svg(container, width, height);
    var xmax = niceMax(Math.max.apply(null, data.map(function (r) { return r.x; })));
    var x = linear(0, xmax, left, width - right);
    for (var t = 0; t <= 5; t++) {
      text(s, x(xmax * t / 5), height - bottom + 16, num(xmax * t / 5), { "class": "axis", "text-anchor": "middle" });
    }
    var ymax = niceMax(Math.max.apply(null, data.map(function (r) { return r.y; })));
    var y = linear(0, ymax, height - bottom, top);
    for (var k = 0; k <= 4; k++) {
      el("line", { x1: left, x2: width - right, y1: y(ymax * k / 4), y2: y(ymax * k / 4), "class": "grid" }, s);
      text(s, left - 6, y(ymax * k / 4) + 4, fmt(opts.yKind, ymax * k / 4), { "class": "axis", "text-anchor": "end" });
    }
    text(s, width - right, height - 8, opts.xTitle, { "class": "axis", "text-anchor": "end" });
    text(s, left + 4, top + 10, opts.yTitle, { "class": "axis" });
    if (isNum(opts.yTarget)) {
      el("line", { x1: left, x2: width - right, y1: y(opts.yTarget), y2: y(opts.yTarget), "class": "target mark" }, s);
    }
    var groups = unique(data.map(function (r) { return r.group || ""; }));
    data.forEach(function (r) {
      var c = el("circle", { cx: x(r.x), cy: y(r.y), r: 4, "class": "mark",
        fill: PALETTE[groups.indexOf(r.group || "") % PALETTE.length], "fill-opacity": 0.75 }, s);
      tip(c, r.label);
    });
  }

  // ---- the dashboard -------------------------------------------------------------------------------
  var targets = DATA.targets || {};
  function queueTarget(id) {
    var q = DATA.queues.filter(function (x) { return x.queue_id === id; })[0];
    return q ? q.sl_target : targets.service_level;
  }

  var draw = {
    "sl-heatmap": function (c, queue) {
      heatmap(c, {
        rows: rows(DATA.intervals).filter(function (r) { return r.queue_id === queue; }),
        value: "service_level", label: "service level", kind: "pct",
        color: function (v) { return slColor(v, queueTarget(queue)); },
        counts: function (r) { return r.answered_within_t + " answered within T of " + r.sl_denominator; },
        note: "Local time of the queue. Green at or above the service-level target " + pct(queueTarget(queue), 0) +
          ", red 40 points below; grey = no contacts."
      });
    },
    "asa-heatmap": function (c, queue) {
      heatmap(c, {
        rows: rows(DATA.intervals).filter(function (r) { return r.queue_id === queue; }),
        value: "asa_seconds", label: "ASA", kind: "sec",
        color: function (v) { return asaColor(v, targets.asa_seconds); },
        counts: function (r) { return r.answered + " answered of " + r.offered + " offered"; },
        note: "Average speed of answer (s). Green = 0 s, red = 3 x the " + sec(targets.asa_seconds || 30) + " target."
      });
    },
    "daily-trends": function (c) {
      var all = rows(DATA.daily);
      var ids = DATA.queues.map(function (q) { return q.queue_id; });
      var metrics = [
        { key: "service_level", title: "Service level", kind: "pct", target: function (id) { return queueTarget(id); } },
        { key: "asa_seconds", title: "ASA", kind: "sec", target: function () { return targets.asa_seconds; } },
        { key: "abandonment_rate", title: "Abandonment rate", kind: "pct", target: function () { return targets.abandonment_rate; } },
        { key: "aht_seconds", title: "AHT", kind: "sec", target: function () { return targets.aht_seconds; } }
      ];
      ids.forEach(function (id) {
        var qrows = all.filter(function (r) { return r.queue_id === id; });
        var row = document.createElement("div");
        row.className = "small-multiples";
        var h = document.createElement("h3");
        h.textContent = queueName(id);
        c.appendChild(h);
        c.appendChild(row);
        metrics.forEach(function (m) {
          var cell = document.createElement("div");
          cell.className = "small-multiple";
          row.appendChild(cell);
          var t = m.target(id);
          lineChart(cell, {
            title: m.title, kind: m.kind, width: 300, height: 190, maxTicks: 4,
            xLabel: function (d) { return d.slice(5); },
            yMax: m.kind === "pct" ? 1 : undefined,
            series: [{ name: "actual", points: qrows.map(function (r) {
              return [r.date_day, r[m.key], r.offered + " offered, " + r.handled + " handled"];
            }) }],
            targets: isNum(t) ? [{ value: t, label: "target" }] : []
          });
        });
      });
    },
    "queue-comparison": function (c) {
      var q = DATA.queue_comparison;
      var specs = [
        { key: "service_level", title: "Service level vs queue target", kind: "pct", higher: true, xMax: 1,
          target: function (r) { return r.sl_target; },
          counts: function (r) { return r.answered_within_t + " within T / (" + r.offered + " offered - " + r.abandoned_short + " short abandons)"; } },
        { key: "asa_seconds", title: "ASA", kind: "sec", target: function () { return targets.asa_seconds; },
          counts: function (r) { return r.answered + " answered"; } },
        { key: "abandonment_rate", title: "Abandonment rate", kind: "pct",
          target: function () { return targets.abandonment_rate; },
          counts: function (r) { return (r.abandoned - r.abandoned_short) + " of " + (r.offered - r.abandoned_short); } },
        { key: "aht_seconds", title: "AHT", kind: "sec", target: function () { return targets.aht_seconds; },
          counts: function (r) { return r.handled + " handled"; } }
      ];
      var grid = document.createElement("div");
      grid.className = "small-multiples";
      c.appendChild(grid);
      specs.forEach(function (sp) {
        var cell = document.createElement("div");
        cell.className = "small-multiple";
        grid.appendChild(cell);
        barChart(cell, {
          title: sp.title, kind: sp.kind, higherIsBetter: sp.higher, xMax: sp.xMax,
          rows: q.map(function (r) {
            return { label: r.queue_id + " " + r.queue_name, value: r[sp.key], target: sp.target(r), counts: sp.counts(r) };
          })
        });
      });
    },
    "agent-scatter": function (c) {
      scatter(c, {
        xTitle: "contacts handled", yTitle: "AHT (s)", yKind: "sec", yTarget: targets.aht_seconds,
        rows: DATA.agents.map(function (a) {
          return { x: a.handled, y: a.aht_seconds, group: a.team,
            label: a.agent_id + " " + a.agent_name + " (" + a.team + "): AHT " + sec(a.aht_seconds) + " over " + a.handled + " handled" };
        })
      });
    },
    "survey-trends": function (c) {
      var r = rows(DATA.surveys);
      var specs = [
        { key: "csat", n: "csat_responses", title: "CSAT (top box)", kind: "pct", yMax: 1 },
        { key: "nps", n: "nps_responses", title: "NPS", kind: "num", yMin: -100, yMax: 100 },
        { key: "ces", n: "ces_responses", title: "CES (1-7)", kind: "num1", yMax: 7 }
      ];
      var grid = document.createElement("div");
      grid.className = "small-multiples";
      c.appendChild(grid);
      specs.forEach(function (sp) {
        var cell = document.createElement("div");
        cell.className = "small-multiple";
        grid.appendChild(cell);
        lineChart(cell, {
          title: sp.title, kind: sp.kind, width: 420, height: 220, yMin: sp.yMin, yMax: sp.yMax, maxTicks: 5,
          xLabel: function (d) { return d.slice(5); },
          series: [{ name: sp.title, points: r.map(function (x) { return [x.date_day, x[sp.key], x[sp.n] + " responses"]; }) }]
        });
      });
    },
    "staffing": function (c, queue) {
      var r = rows(DATA.staffing).filter(function (x) { return x.queue_id === queue; });
      lineChart(c, {
        kind: "num1", width: 1100, height: 300, maxTicks: 14,
        xLabel: function (t) { return t.slice(5, 16); },
        series: [
          { name: "required (Erlang C)", color: "#d62728", points: r.map(function (x) { return [x.interval_start_local, x.required_agents]; }) },
          { name: "scheduled on queue", color: "#1f77b4", points: r.map(function (x) { return [x.interval_start_local, x.scheduled_agents]; }) }
        ]
      });
    },
    "forecast": function (c, queue) {
      var r = rows(DATA.forecast).filter(function (x) { return x.queue_id === queue; });
      lineChart(c, {
        kind: "num", width: 1100, height: 280, maxTicks: 14,
        series: [
          { name: "actual offered", color: "#1f77b4", points: r.map(function (x) {
            return [x.date_day, x.actual_offered, "WAPE " + pct(x.wape) + ", bias " + pct(x.forecast_bias)];
          }) },
          { name: "forecast", color: "#ff7f0e", points: r.map(function (x) { return [x.date_day, x.forecast_offered]; }) }
        ]
      });
    }
  };

  function render(queue) {
    var containers = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(containers, function (c) {
      var kind = c.getAttribute("data-chart");
      if (c.hasAttribute("data-per-queue") || !c.hasAttribute("data-drawn")) {
        clear(c);
        draw[kind](c, queue);
        c.setAttribute("data-drawn", "true");
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".selected-queue"), function (s) {
      s.textContent = queueName(queue);
    });
  }

  var select = document.getElementById("queue-select");
  select.addEventListener("change", function () { render(select.value); });
  render(select.value);
  document.body.setAttribute("data-rendered", "true");
})();
