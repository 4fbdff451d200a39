"""``ram-report html``: the RAM score report as one self-contained HTML file.

Inline CSS, inline JavaScript that draws the chart as SVG, and the marts'
data as inline JSON: the page fetches nothing, so it works offline and from
a ``file://`` URL. The recent-model table is rendered here, in Python, so it
shows even without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

DEFAULT_REPORT_PATH = Path("data/report/index.html")
TABLE_MILESTONES = (7, 14, 30, 60, 90)
# At most this many curves are selected when the page opens.
MAX_DEFAULT_MODELS = 8
# The Days selector's choices; the page opens on the shortest that shows the
# selected models' whole curves with some room.
DAY_RANGES = (90, 180, 365)

Row = dict[str, Any]


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, read from the marts."""

    data_date: dt.date | None
    synthetic: bool
    table_rows: list[Row]
    payload: dict[str, Any]


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _number(value: float | None) -> float | None:
    """Downloads for the page: one decimal is plenty on a log scale."""
    if value is None:
        return None
    return round(float(value), 1)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


TABLE_SQL = """
select
    recent.*,
    tracking.tracking_score,
    tracking.day_since_release as tracking_day
from rpt_recent_model_performance as recent
left join fct_model_tracking as tracking
    on recent.model_id = tracking.model_id
order by recent.size_bucket_sort_order, recent.release_date desc, recent.model_id
"""

# The models whose curves the page embeds: the table's, and every model that
# is in a bucket's reference at some milestone. Bounded however many models
# are tracked.
CHART_MODELS_SQL = """
with
chosen as (
    select model_id from rpt_recent_model_performance
    union
    select model_id from fct_ram_scores where is_reference_model
)
select
    models.model_id,
    models.display_name,
    models.size_bucket,
    models.release_date,
    models.downloads_all_time,
    tracking.tracking_score,
    tracking.day_since_release as tracking_day,
    models.model_id in (select model_id from rpt_recent_model_performance) as in_table
from dim_models as models
inner join chosen
    on models.model_id = chosen.model_id
left join fct_model_tracking as tracking
    on models.model_id = tracking.model_id
where models.size_bucket is not null
order by models.size_bucket_sort_order, in_table desc, models.release_date desc, models.model_id
"""

CHART_POINTS_SQL = """
with
chosen as (
    select model_id from rpt_recent_model_performance
    union
    select model_id from fct_ram_scores where is_reference_model
)
select curves.model_id, curves.day_since_release, curves.downloads
from fct_model_curves as curves
inner join chosen
    on curves.model_id = chosen.model_id
order by curves.model_id, curves.day_since_release
"""

CURVES_SQL = """
select
    size_bucket,
    size_bucket_sort_order,
    day_since_release,
    n_models,
    p25_downloads,
    median_downloads,
    p75_downloads
from fct_bucket_reference_curves
order by size_bucket_sort_order, size_bucket, day_since_release
"""


def _default_selection(table_rows: list[Row], models: list[Row]) -> tuple[str | None, list[str]]:
    """The bucket with the most models in the recent table, and its (newest) models."""
    counts: dict[str, int] = {}
    for row in table_rows:
        if row["size_bucket"] is not None:
            counts[row["size_bucket"]] = counts.get(row["size_bucket"], 0) + 1
    charted = {model["model_id"] for model in models}
    if counts:
        bucket = max(counts, key=lambda name: counts[name])
    elif models:
        bucket = models[0]["size_bucket"]
    else:
        return None, []
    chosen = [
        row["model_id"]
        for row in table_rows
        if row["size_bucket"] == bucket and row["model_id"] in charted
    ]
    return bucket, chosen[:MAX_DEFAULT_MODELS]


def read_report_data(connection: duckdb.DuckDBPyConnection, synthetic: bool) -> ReportData:
    """Read the marts the page needs."""
    table_rows = _rows(connection, TABLE_SQL)
    [(data_date,)] = connection.execute("select max(data_date) from fct_model_tracking").fetchall()
    [(milestones,)] = connection.execute(
        "select list(distinct milestone_days order by milestone_days) from fct_bucket_reference"
    ).fetchall()
    models = _rows(connection, CHART_MODELS_SQL)
    points: dict[str, dict[str, list[float | None]]] = {}
    for row in _rows(connection, CHART_POINTS_SQL):
        curve = points.setdefault(row["model_id"], {"day": [], "downloads": []})
        curve["day"].append(row["day_since_release"])
        curve["downloads"].append(_number(row["downloads"]))
    buckets: dict[str, dict[str, Any]] = {}
    for row in _rows(connection, CURVES_SQL):
        bucket = buckets.setdefault(
            row["size_bucket"],
            {"name": row["size_bucket"], "day": [], "n": [], "p25": [], "median": [], "p75": []},
        )
        bucket["day"].append(row["day_since_release"])
        bucket["n"].append(row["n_models"])
        bucket["p25"].append(_number(row["p25_downloads"]))
        bucket["median"].append(_number(row["median_downloads"]))
        bucket["p75"].append(_number(row["p75_downloads"]))
    default_bucket, default_models = _default_selection(table_rows, models)
    default_ages = [
        model["tracking_day"] or 0 for model in models if model["model_id"] in default_models
    ]
    default_days = next(
        (days for days in DAY_RANGES if max(default_ages, default=DAY_RANGES[-1]) <= days * 0.8),
        DAY_RANGES[-1],
    )
    payload = {
        "dataDate": _iso(data_date),
        "synthetic": synthetic,
        "milestones": list(milestones or []),
        "topN": max((max(bucket["n"]) for bucket in buckets.values()), default=0),
        "buckets": list(buckets.values()),
        "models": [
            {
                "id": model["model_id"],
                "name": model["display_name"],
                "bucket": model["size_bucket"],
                "released": _iso(model["release_date"]),
                "inTable": bool(model["in_table"]),
                "trackingScore": model["tracking_score"],
                "trackingDay": model["tracking_day"],
                "curve": points.get(model["model_id"], {"day": [], "downloads": []}),
            }
            for model in models
        ],
        "defaultBucket": default_bucket,
        "defaultModels": default_models,
        "defaultDays": default_days,
        "dayRanges": list(DAY_RANGES),
    }
    return ReportData(data_date, synthetic, table_rows, payload)


def format_downloads(value: float | None) -> str:
    if value is None:
        return "&ndash;"
    for threshold, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= threshold:
            return f"{value / threshold:.1f}{suffix}"
    return f"{value:.0f}"


def score_class(score: float | None) -> str:
    """A colour step: green above 1, red below, stronger further from 1."""
    if score is None or score <= 0:
        return "none"
    steps = min(3, 1 + int(abs(math.log2(score)) // 1.5))
    return f"{'above' if score >= 1 else 'below'}-{steps}"


def _score_cell(score: float | None, downloads: float | None) -> str:
    if downloads is None:
        return '<td class="score none">&ndash;</td>'
    score_text = "&ndash;" if score is None else f"{score:.2f}&times;"
    return (
        f'<td class="score {score_class(score)}">{score_text}'
        f'<span class="downloads">{format_downloads(downloads)}</span></td>'
    )


def render_table(rows: list[Row]) -> str:
    head = "".join(f'<th scope="col">{days}d</th>' for days in TABLE_MILESTONES)
    lines = [
        '<table id="recent-table">',
        "<caption>RAM score (cumulative downloads) by days since release; "
        "<b>Now</b>: tracking score at the model's current age</caption>",
        '<thead><tr><th scope="col">Model</th><th scope="col">Size</th>'
        '<th scope="col">Bucket</th><th scope="col">Released</th>'
        f'<th scope="col">Age</th>{head}<th scope="col">Now</th></tr></thead>',
        "<tbody>",
    ]
    for row in rows:
        params_b = row["params_b"]
        cells = [
            f'<th scope="row" title="{html.escape(row["model_id"])}">'
            f"{html.escape(str(row['display_name']))}</th>",
            f"<td>{'?' if params_b is None else f'{params_b:g}B'}</td>",
            f"<td>{html.escape(str(row['size_bucket'] or '?'))}</td>",
            f"<td>{_iso(row['release_date']) or '?'}</td>",
            f"<td>{'' if row['age_days'] is None else str(row['age_days']) + 'd'}</td>",
        ]
        cells += [
            _score_cell(row[f"ram_score_{days}d"], row[f"downloads_{days}d"])
            for days in TABLE_MILESTONES
        ]
        tracking = row["tracking_score"]
        cells.append(
            '<td class="score none">&ndash;</td>'
            if tracking is None
            else f'<td class="score {score_class(tracking)}">{tracking:.2f}&times;'
            f'<span class="downloads">at {row["tracking_day"]}d</span></td>'
        )
        lines.append(f'<tr data-model-id="{html.escape(row["model_id"])}">{"".join(cells)}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _json_for_script(payload: dict[str, Any]) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(payload, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def render_report(data: ReportData) -> str:
    synthetic_note = (
        '<p class="synthetic" role="note"><strong>Synthetic demo data.</strong> '
        "These are not real Hugging Face Hub downloads: <code>ram-extract demo</code> "
        "generated them, calibrated to the article's published figures.</p>"
        if data.synthetic
        else ""
    )
    data_date = _iso(data.data_date) or "n/a"
    table = (
        render_table(data.table_rows)
        if data.table_rows
        else '<p id="recent-table">No model was released within the recent window.</p>'
    )
    values = {
        "data_date": html.escape(data_date),
        "synthetic_note": synthetic_note,
        "table": table,
        "style": STYLE,
        "script": SCRIPT,
        "payload": _json_for_script(data.payload),
    }
    # One pass, so text from the data is never taken for a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda match: values[match.group(1)], PAGE_TEMPLATE)


def write_report(path: Path, text: str) -> Path:
    """Write the page atomically (temporary file in the same folder, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp_path.write_text(text, encoding="utf-8")
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>RAM score report, data date {{data_date}}</title>
<style>{{style}}</style>
</head>
<body>
<header>
<h1>RAM score: Relative Adoption Metric</h1>
<p class="lede">Cumulative Hugging Face Hub downloads of open models, compared with the
typical top model of the same size. Data date <strong id="data-date">{{data_date}}</strong>.</p>
{{synthetic_note}}
</header>
<main>
<section aria-labelledby="chart-title">
<h2 id="chart-title">Cumulative downloads by days since release</h2>
<form class="controls" onsubmit="return false">
<label>Size bucket <select id="size-select"></select></label>
<label>Models <select id="model-select" multiple size="6"></select></label>
<label>Days since release <select id="days-select"></select></label>
<p class="hint">Ctrl/Shift or Space select several models.</p>
</form>
<figure>
<div id="chart" role="img" aria-label="Chart of cumulative downloads by days since release">
</div>
<figcaption id="legend"></figcaption>
</figure>
</section>
<section aria-labelledby="table-title">
<h2 id="table-title">Recent model performance</h2>
{{table}}
<p class="key">Colours: <span class="score above-3">well above 1</span>
<span class="score above-1">above 1</span> <span class="score below-1">below 1</span>
<span class="score below-3">well below 1</span>. A score of 1 means the model tracks
like the median of its bucket's top models at the same age.</p>
</section>
</main>
<footer>Written by <code>ram-report html</code> from the dbt marts; works offline.</footer>
<script type="application/json" id="ram-data">{{payload}}</script>
<script>{{script}}</script>
</body>
</html>
"""

STYLE = """
:root { --ink: #1d2430; --muted: #5b6676; --line: #d8dde5; --band: #9ab8e6;
  --median: #1f4e9c; --above: #1a7f37; --below: #b42318; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 16px 24px 32px; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0.2em 0; }
h2 { font-size: 1.2rem; margin: 1.2em 0 0.4em; }
.lede { color: var(--muted); margin: 0.2em 0 0.6em; }
.synthetic { background: #fff4ce; border: 1px solid #e0b400; border-radius: 6px;
  padding: 8px 12px; margin: 0.5em 0; }
.controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; }
.controls label { display: flex; flex-direction: column; font-weight: 600; font-size: 0.9rem; }
.controls select { margin-top: 4px; font: inherit; font-weight: 400; min-width: 12em; }
#model-select { min-width: 20em; }
.hint { color: var(--muted); font-size: 0.85rem; margin: 1.6em 0 0; }
figure { margin: 8px 0 0; }
#chart svg { width: 100%; height: auto; display: block; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.88rem; margin-top: 6px; }
#legend .item { display: inline-flex; align-items: center; gap: 6px; }
#legend .swatch { display: inline-block; width: 22px; height: 10px; border-radius: 2px; }
.axis text, .tick-label { font-size: 12px; fill: var(--muted); }
.axis-title { font-size: 13px; fill: var(--ink); font-weight: 600; }
.grid { stroke: var(--line); stroke-width: 1; }
.grid.minor { stroke: #eef1f5; }
.milestone-line { stroke: #8a94a6; stroke-dasharray: 3 4; stroke-width: 1; }
.milestone-label { font-size: 11px; fill: #4a5568; }
.band { fill: var(--band); opacity: 0.45; }
.median { fill: none; stroke: var(--median); stroke-width: 2.5; }
.model-line { fill: none; stroke-width: 2; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-top: 6px; }
caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left;
  white-space: nowrap; }
thead th { border-bottom: 2px solid var(--ink); }
tbody th { font-weight: 600; }
td.score { text-align: right; font-variant-numeric: tabular-nums; }
.score .downloads { display: block; font-size: 0.78rem; color: inherit; opacity: 0.8; }
.score.above-1 { background: #dcf3e3; color: #14532d; }
.score.above-2 { background: #a8e2b9; color: #0f3d21; }
.score.above-3 { background: #5cc07d; color: #06210f; }
.score.below-1 { background: #fde4e1; color: #7a1a12; }
.score.below-2 { background: #f8b4ab; color: #5c130d; }
.score.below-3 { background: #ef7d6f; color: #3d0b07; }
.score.none { color: var(--muted); }
.key .score { padding: 1px 6px; border-radius: 3px; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 24px; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ram-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
    "#ff9da7", "#9c755f", "#4e79a7", "#bab0ac"];
  var W = 960, H = 500, M = { left: 78, right: 24, top: 44, bottom: 56 };
  var sizeSelect = document.getElementById("size-select");
  var modelSelect = document.getElementById("model-select");
  var daysSelect = document.getElementById("days-select");
  var chart = document.getElementById("chart");
  var legend = document.getElementById("legend");
  var bucketsByName = {};
  data.buckets.forEach(function (bucket) { bucketsByName[bucket.name] = bucket; });

  function svg(name, attrs, text) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function formatCount(value) {
    var steps = [[1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < steps.length; i++) {
      if (value >= steps[i][0]) {
        var scaled = value / steps[i][0];
        return (scaled >= 10 ? scaled.toFixed(0) : scaled.toFixed(1)).replace(/\.0$/, "") +
          steps[i][1];
      }
    }
    return value >= 10 ? value.toFixed(0) : String(Math.round(value * 10) / 10);
  }

  function modelsOf(bucketName) {
    return data.models.filter(function (model) { return model.bucket === bucketName; });
  }

  function defaultModelsFor(bucketName) {
    if (bucketName === data.defaultBucket) { return data.defaultModels.slice(); }
    var inTable = modelsOf(bucketName).filter(function (model) { return model.inTable; });
    var pool = inTable.length ? inTable : modelsOf(bucketName);
    return pool.slice(0, 4).map(function (model) { return model.id; });
  }

  function populateSizes() {
    data.buckets.forEach(function (bucket) {
      var option = document.createElement("option");
      option.value = bucket.name;
      option.textContent = bucket.name;
      sizeSelect.appendChild(option);
    });
    if (data.defaultBucket && bucketsByName[data.defaultBucket]) {
      sizeSelect.value = data.defaultBucket;
    }
  }

  function populateModels(bucketName, selectedIds) {
    while (modelSelect.firstChild) { modelSelect.removeChild(modelSelect.firstChild); }
    modelsOf(bucketName).forEach(function (model) {
      var option = document.createElement("option");
      option.value = model.id;
      option.textContent = model.name + " (" + (model.released || "?") + ")" +
        (model.inTable ? "" : " - reference");
      option.selected = selectedIds.indexOf(model.id) >= 0;
      modelSelect.appendChild(option);
    });
  }

  function selectedModels() {
    var ids = Array.prototype.filter.call(modelSelect.options, function (option) {
      return option.selected;
    }).map(function (option) { return option.value; });
    return data.models.filter(function (model) { return ids.indexOf(model.id) >= 0; });
  }

  function logDomain(values) {
    var positive = values.filter(function (value) { return value > 0; });
    if (!positive.length) { return [1, 10]; }
    var lo = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, positive))));
    var hi = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, positive))));
    if (hi <= lo) { hi = lo * 10; }
    return [lo, hi];
  }

  function pathFrom(points) {
    return points.map(function (point, index) {
      return (index ? "L" : "M") + point[0].toFixed(1) + " " + point[1].toFixed(1);
    }).join(" ");
  }

  function render() {
    var bucket = bucketsByName[sizeSelect.value];
    var maxDay = Number(daysSelect.value);
    var models = selectedModels();
    while (chart.firstChild) { chart.removeChild(chart.firstChild); }
    while (legend.firstChild) { legend.removeChild(legend.firstChild); }
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, id: "chart-svg",
      "data-bucket": bucket ? bucket.name : "" });
    chart.appendChild(root);
    if (!bucket) {
      root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" },
        "No reference curve: run dbt build first."));
      return;
    }
    var inRange = function (day) { return day >= 0 && day <= maxDay; };
    var values = [];
    bucket.day.forEach(function (day, i) {
      if (inRange(day)) { values.push(bucket.p25[i], bucket.p75[i], bucket.median[i]); }
    });
    models.forEach(function (model) {
      model.curve.day.forEach(function (day, i) {
        if (inRange(day)) { values.push(model.curve.downloads[i]); }
      });
    });
    var domain = logDomain(values);
    var plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    var logLo = Math.log10(domain[0]), logHi = Math.log10(domain[1]);
    var x = function (day) { return M.left + plotW * day / maxDay; };
    var y = function (value) {
      return M.top + plotH * (1 - (Math.log10(value) - logLo) / (logHi - logLo));
    };

    var grid = svg("g", { "class": "axis" });
    root.appendChild(grid);
    var decades = logHi - logLo;
    for (var power = logLo; power <= logHi; power++) {
      var base = Math.pow(10, power);
      grid.appendChild(svg("line", { "class": "grid", x1: M.left, x2: W - M.right,
        y1: y(base), y2: y(base) }));
      grid.appendChild(svg("text", { x: M.left - 8, y: y(base) + 4, "text-anchor": "end" },
        formatCount(base)));
      if (power < logHi && decades <= 4) {
        [2, 5].forEach(function (factor) {
          grid.appendChild(svg("line", { "class": "grid minor", x1: M.left, x2: W - M.right,
            y1: y(base * factor), y2: y(base * factor) }));
        });
      }
    }
    var step = maxDay <= 90 ? 10 : maxDay <= 180 ? 30 : 60;
    for (var day = 0; day <= maxDay; day += step) {
      grid.appendChild(svg("line", { "class": "grid minor", x1: x(day), x2: x(day),
        y1: M.top, y2: H - M.bottom }));
      grid.appendChild(svg("text", { x: x(day), y: H - M.bottom + 18, "text-anchor": "middle" },
        String(day)));
    }
    grid.appendChild(svg("line", { stroke: "#1d2430", x1: M.left, x2: W - M.right,
      y1: H - M.bottom, y2: H - M.bottom }));
    grid.appendChild(svg("line", { stroke: "#1d2430", x1: M.left, x2: M.left,
      y1: M.top, y2: H - M.bottom }));
    root.appendChild(svg("text", { "class": "axis-title", x: M.left + plotW / 2, y: H - 12,
      "text-anchor": "middle" }, "Days since release"));
    root.appendChild(svg("text", { "class": "axis-title", x: 18, y: M.top + plotH / 2,
      "text-anchor": "middle", transform: "rotate(-90 18 " + (M.top + plotH / 2) + ")" },
      "Cumulative downloads (log scale)"));

    var milestones = data.milestones.filter(inRange);
    milestones.forEach(function (day, index) {
      grid.appendChild(svg("line", { "class": "milestone-line", x1: x(day), x2: x(day),
        y1: M.top - 4, y2: H - M.bottom }));
      var labelY = M.top - 10 - (index % 2) * 13;
      grid.appendChild(svg("text", { "class": "milestone-label", x: x(day), y: labelY,
        "text-anchor": "middle" }, day + "d"));
    });

    var upper = [], lower = [], median = [];
    bucket.day.forEach(function (day, i) {
      if (!inRange(day)) { return; }
      if (bucket.p25[i] > 0 && bucket.p75[i] > 0) {
        upper.push([x(day), y(bucket.p75[i])]);
        lower.push([x(day), y(bucket.p25[i])]);
      }
      if (bucket.median[i] > 0) { median.push([x(day), y(bucket.median[i])]); }
    });
    if (upper.length) {
      root.appendChild(svg("path", { "class": "band", id: "iqr-band",
        d: pathFrom(upper.concat(lower.reverse())) + " Z" }));
    }
    root.appendChild(svg("path", { "class": "median", id: "median-line", d: pathFrom(median) }));
    var markers = svg("g", { id: "milestone-markers" });
    root.appendChild(markers);
    milestones.forEach(function (day) {
      var i = bucket.day.indexOf(day);
      if (i < 0 || !(bucket.median[i] > 0)) { return; }
      var marker = svg("circle", { cx: x(day), cy: y(bucket.median[i]), r: 4.5,
        fill: "#ffffff", stroke: "#1f4e9c", "stroke-width": 2 });
      marker.appendChild(svg("title", {}, day + "d median " + formatCount(bucket.median[i]) +
        " (IQR " + formatCount(bucket.p25[i]) + " to " + formatCount(bucket.p75[i]) +
        ", top " + bucket.n[i] + ")"));
      markers.appendChild(marker);
    });

    var lines = svg("g", { id: "model-lines" });
    root.appendChild(lines);
    models.forEach(function (model, index) {
      var color = PALETTE[index % PALETTE.length];
      var points = [];
      model.curve.day.forEach(function (day, i) {
        var value = model.curve.downloads[i];
        if (inRange(day) && value > 0) { points.push([x(day), y(value)]); }
      });
      var label = model.name + (model.trackingScore === null ? "" : ": " +
        model.trackingScore.toFixed(2) + "\u00d7 at " + model.trackingDay + "d");
      if (points.length) {
        var line = svg("path", { "class": "model-line", stroke: color, d: pathFrom(points),
          "data-model-id": model.id });
        line.appendChild(svg("title", {}, label));
        lines.appendChild(line);
        var last = points[points.length - 1];
        var dot = svg("circle", { cx: last[0], cy: last[1], r: 3.5, fill: color });
        dot.appendChild(svg("title", {}, label));
        lines.appendChild(dot);
      }
      addLegend(color, "line", label);
    });
    addLegend("#1f4e9c", "line", "Median of the top " + data.topN + " of " + bucket.name);
    addLegend("#9ab8e6", "band", "Interquartile range (p25 to p75)");
    addLegend("#8a94a6", "milestone", "Milestones: " + data.milestones.join(", ") + " days");
  }

  function addLegend(color, kind, text) {
    var item = document.createElement("span");
    item.className = "item";
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    if (kind === "band") {
      swatch.style.background = color;
      swatch.style.opacity = "0.6";
    } else if (kind === "milestone") {
      swatch.style.borderLeft = "2px dashed " + color;
      swatch.style.width = "2px";
    } else {
      swatch.style.background = color;
      swatch.style.height = "3px";
    }
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(text));
    legend.appendChild(item);
  }

  data.dayRanges.forEach(function (days) {
    var option = document.createElement("option");
    option.value = String(days);
    option.textContent = "0 to " + days;
    option.selected = days === data.defaultDays;
    daysSelect.appendChild(option);
  });
  populateSizes();
  populateModels(sizeSelect.value, defaultModelsFor(sizeSelect.value));
  sizeSelect.addEventListener("change", function () {
    populateModels(sizeSelect.value, defaultModelsFor(sizeSelect.value));
    render();
  });
  modelSelect.addEventListener("change", render);
  daysSelect.addEventListener("change", render);
  render();
})();
"""
