"""Plotly chart specs as plain dicts, built from plain data.

Building figures with plotly.graph_objects costs milliseconds each; plain dicts
cost microseconds (docs/performance.md), and the page draws them with the
plotly.min.js served from our own static files. Tests check every spec with
`plotly.graph_objects.Figure(spec)`, which raises on an invalid one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocabulary import Kind

FONT = "WenQuanYi Zen Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
ACTUAL_COLOUR = "#1f4e8c"
TARGET_COLOUR = "#c0392b"
GROWTH_COLOUR = "#5b8fd1"
# Characters Windows refuses in a file name.
UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def download_config(filename: str, *, height: int) -> dict:
    """plotly's `config` for a chart officials download: the modebar's camera button
    saves a PNG at twice the screen size (sharp in a Word document); the page adds an
    SVG button that calls Plotly.downloadImage with the same name. All client-side:
    plotly.min.js is served by us, nothing leaves the host."""
    return {
        "responsive": True,
        "displaylogo": False,
        "displayModeBar": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": UNSAFE_FILENAME.sub("_", filename).strip("_.") or "chart",
            "width": 1000,
            "height": height,
            "scale": 2,
        },
    }


@dataclass(frozen=True)
class YearPoint:
    year: int
    value: float | None = None
    value_text: str = ""
    growth: float | None = None
    growth_text: str = ""


@dataclass(frozen=True)
class ChartInput:
    title: str
    unit: str
    kind: Kind
    baseline_year: int
    target_year: int
    baseline: float | None = None
    baseline_text: str = ""
    target: float | None = None
    target_text: str = ""
    growth_target: float | None = None
    growth_target_text: str = ""
    path: tuple[tuple[int, float], ...] = ()
    points: tuple[YearPoint, ...] = ()
    # (first year of the new definition, label such as "备注4:口径调整")
    breaks: tuple[tuple[int, str], ...] = field(default_factory=tuple)
    # From progress.assess(): the latest judged point, where the target path stands
    # that year (序时进度), and the observed trend carried to the target year. For a
    # rate indicator they are rates (the latest rate, the target rate, the average).
    latest_year: int | None = None
    latest: float | None = None
    expected: float | None = None
    projection: float | None = None
    # The path of the target as first published, when it has since been revised.
    original_path: tuple[tuple[int, float], ...] = ()

    @property
    def has_levels(self) -> bool:
        """Whether there is a level line worth drawing.

        A qualitative indicator has none; a rate indicator only when levels are
        printed beside its rates (地区生产总值增长: 1080 -> 1515 at 7左右), not for
        a lone baseline.
        """
        observed = any(p.value is not None for p in self.points)
        if self.kind == Kind.QUALITATIVE:
            return False
        if self.kind == Kind.RATE:
            return observed or (self.baseline is not None and self.target is not None)
        return observed or self.baseline is not None

    @property
    def has_growth(self) -> bool:
        return any(p.growth is not None for p in self.points)


def _segments(data: ChartInput) -> list[list[tuple[int, float, str]]]:
    """Observed levels (baseline first), cut wherever the definition changed."""
    observed = []
    if data.baseline is not None:
        observed.append((data.baseline_year, data.baseline, data.baseline_text))
    observed += [(p.year, p.value, p.value_text) for p in data.points if p.value is not None]
    if data.kind == Kind.CUMULATIVE:
        # A cumulative target is judged on the running sum of the yearly flows.
        running, observed = 0.0, []
        for point in data.points:
            if point.value is not None:
                running += point.value
                observed.append((point.year, running, f"累计{running:g}"))
    starts = sorted(year for year, _ in data.breaks)
    segments: list[list[tuple[int, float, str]]] = [[]]
    for item in observed:
        if starts and item[0] >= starts[0] and segments[-1]:
            while starts and item[0] >= starts[0]:
                starts.pop(0)
            segments.append([])
        segments[-1].append(item)
    return [segment for segment in segments if segment]


def _with_gaps(segment: list[tuple[int, float, str]]) -> list[tuple[int, float | None, str]]:
    """A missing year becomes a None point, so that plotly breaks the line there
    (connectgaps is off) instead of drawing across the year with no figure."""
    filled: list[tuple[int, float | None, str]] = []
    for item in segment:
        if filled and item[0] > filled[-1][0] + 1:
            filled.append((filled[-1][0] + 1, None, ""))
        filled.append(item)
    return filled


def _level_traces(data: ChartInput, *, compact: bool) -> list[dict]:
    traces = []
    for index, segment in enumerate(map(_with_gaps, _segments(data))):
        name = "实际值" if index == 0 else "实际值(口径调整后)"
        if data.kind == Kind.CUMULATIVE:
            name = "累计实际值"
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": [year for year, _, _ in segment],
                "y": [value for _, value, _ in segment],
                "text": [text for _, _, text in segment],
                "hovertemplate": "%{x}年:%{text}<extra></extra>",
                "line": {"color": ACTUAL_COLOUR, "width": 2},
                "marker": {"size": 4 if compact else 7},
                "showlegend": not compact,
            }
        )
    if data.path:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "目标路径",
                "x": [year for year, _ in data.path],
                "y": [round(value, 4) for _, value in data.path],
                "hovertemplate": "%{x}年目标路径:%{y:.2f}<extra></extra>",
                "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 1.5},
                "showlegend": not compact,
            }
        )
    if data.original_path and not compact:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "原目标路径(调整前)",
                "x": [year for year, _ in data.original_path],
                "y": [round(value, 4) for _, value in data.original_path],
                "hovertemplate": "%{x}年原目标路径:%{y:.2f}<extra></extra>",
                "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 1},
                "opacity": 0.35,
            }
        )
    if not compact and data.kind != Kind.RATE:
        traces += _progress_traces(data, axis="y")
    end_target = data.target
    if data.kind == Kind.CUMULATIVE and data.path:
        end_target = data.path[-1][1]
    if end_target is not None:
        label = data.target_text if data.kind != Kind.CUMULATIVE else data.growth_target_text
        traces.append(
            {
                "type": "scatter",
                "mode": "markers" if compact else "markers+text",
                "name": "规划目标",
                "x": [data.target_year],
                "y": [end_target],
                "text": [label],
                "textposition": "top center",
                "cliponaxis": False,
                "hovertemplate": f"{data.target_year}年目标:{label}<extra></extra>",
                "marker": {"color": TARGET_COLOUR, "symbol": "star", "size": 9 if compact else 14},
                "showlegend": not compact,
            }
        )
    return traces


def _progress_traces(data: ChartInput, *, axis: str) -> list[dict]:
    """The projection (dotted) and the expected point of the latest year (序时进度)."""
    if data.latest_year is None or data.latest is None:
        return []
    traces = []
    rate = data.kind == Kind.RATE
    if data.projection is not None and data.latest_year < data.target_year:
        start = data.baseline_year + 1 if rate else data.latest_year
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "按实际平均增速" if rate else "按当前趋势预测",
                "x": [start, data.target_year],
                "y": [data.projection if rate else data.latest, data.projection],
                "hovertemplate": "%{x}年预测:%{y:.2f}<extra></extra>",
                "line": {"color": ACTUAL_COLOUR, "dash": "dot", "width": 2},
                "yaxis": axis,
            }
        )
    if data.expected is not None:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{data.latest_year}年序时进度",
                "x": [data.latest_year],
                "y": [round(data.expected, 4)],
                "hovertemplate": f"{data.latest_year}年按目标路径应达:%{{y:.2f}}<extra></extra>",
                "marker": {
                    "color": "#ffffff",
                    "size": 12,
                    "symbol": "diamond",
                    "line": {"color": TARGET_COLOUR, "width": 2},
                },
                "yaxis": axis,
            }
        )
    return traces


def _growth_traces(data: ChartInput, *, compact: bool, axis: str) -> list[dict]:
    points = [p for p in data.points if p.growth is not None]
    traces = [
        {
            "type": "bar",
            "name": "增速",
            "x": [p.year for p in points],
            "y": [p.growth for p in points],
            "text": [p.growth_text for p in points],
            "textposition": "none" if compact else "outside",
            "hovertemplate": "%{x}年增速:%{text}<extra></extra>",
            "marker": {"color": GROWTH_COLOUR},
            "yaxis": axis,
            "showlegend": not compact,
        }
    ]
    if data.growth_target is not None:
        years = [year for year in range(data.baseline_year + 1, data.target_year + 1)]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"目标增速 {data.growth_target_text}",
                "x": years,
                "y": [data.growth_target] * len(years),
                "hovertemplate": f"目标增速:{data.growth_target_text}<extra></extra>",
                "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 1.5},
                "yaxis": axis,
                "showlegend": not compact,
            }
        )
    if not compact and data.kind == Kind.RATE:
        traces += _progress_traces(data, axis=axis)
    return traces


def _break_shapes(data: ChartInput) -> tuple[list[dict], list[dict]]:
    shapes, annotations = [], []
    for year, label in data.breaks:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": year - 0.5,
                "x1": year - 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#7f8c8d", "dash": "dot", "width": 1.5},
            }
        )
        annotations.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": year - 0.5,
                "y": 1.02,
                "text": label,
                "showarrow": False,
                "font": {"size": 11, "color": "#555"},
                "xanchor": "center",
                "yanchor": "bottom",
            }
        )
    return shapes, annotations


def _level_axis_title(data: ChartInput, unit: str) -> str:
    # A rate indicator's unit (%) is its rate's; the levels beside it are totals.
    return "总量" if data.kind == Kind.RATE else f"数值{unit}"


def indicator_chart(data: ChartInput, *, filename: str = "") -> dict:
    """The indicator page chart: levels against the target path, growth bars below.

    A rate indicator (the value *is* a growth rate) shows bars against the target
    rate; a definition change cuts the line and is labelled with its footnote.
    """
    levels = _level_traces(data, compact=False) if data.has_levels else []
    both = bool(levels) and data.has_growth
    growth = (
        _growth_traces(data, compact=False, axis="y2" if both else "y") if data.has_growth else []
    )
    shapes, annotations = _break_shapes(data)
    unit = f"({data.unit})" if data.unit else ""
    layout: dict = {
        "title": {"text": data.title, "font": {"size": 16}},
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 60, "r": 30, "t": 80, "b": 90},
        "height": 500 if both else 420,
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top"},
        "hovermode": "closest",
        "xaxis": {
            "title": {"text": "年份"},
            "dtick": 1,
            "range": [data.baseline_year - 0.6, data.target_year + 0.6],
        },
        "yaxis": {
            # A rate indicator's unit (%) is its rate's; its levels are totals.
            "title": {
                "text": ("总量" if data.kind == Kind.RATE else f"数值{unit}")
                if levels
                else "增速(%)"
            },
            "automargin": True,
            "rangemode": "tozero" if data.kind == Kind.CUMULATIVE else "normal",
        },
        "shapes": shapes,
        "annotations": annotations,
        "plot_bgcolor": "#ffffff",
    }
    if data.kind == Kind.CUMULATIVE:
        layout["yaxis"]["title"]["text"] = f"五年累计{unit}"
    if both:
        layout["yaxis"]["domain"] = [0.42, 1]
        layout["yaxis2"] = {"domain": [0, 0.3], "title": {"text": "增速(%)"}, "anchor": "x"}
        layout["xaxis"]["anchor"] = "y2"
    config = download_config(filename or data.title, height=layout["height"])
    return {"data": levels + growth, "layout": layout, "config": config}


def sparkline(data: ChartInput) -> dict:
    """A small chart for a dashboard card: no axes, no legend, same cuts at breaks."""
    if data.kind == Kind.RATE or not data.has_levels:
        traces = _growth_traces(data, compact=True, axis="y") if data.has_growth else []
    else:
        traces = _level_traces(data, compact=True)
    return {
        "data": traces,
        "layout": {
            "height": 70,
            "margin": {"l": 2, "r": 2, "t": 4, "b": 4},
            "showlegend": False,
            "xaxis": {
                "visible": False,
                "range": [data.baseline_year - 0.5, data.target_year + 0.5],
            },
            "yaxis": {"visible": False},
            "bargap": 0.3,
            "plot_bgcolor": "rgba(0,0,0,0)",
            "paper_bgcolor": "rgba(0,0,0,0)",
        },
    }


PLAN_COLOURS = ["#7f8c8d", "#1f4e8c", "#2b6a3f", "#8e44ad"]


def continuity_chart(plans: list[tuple[str, ChartInput]], *, filename: str = "") -> dict:
    """One chart across plans for an indicator that continues (地区生产总值 in the
    13th and 14th plans): each plan's values, target path and target, in its colour."""
    traces: list[dict] = []
    for index, (plan_name, data) in enumerate(plans):
        colour = PLAN_COLOURS[index % len(PLAN_COLOURS)]
        for trace in _level_traces(data, compact=False) if data.has_levels else []:
            if trace["name"] in {"按当前趋势预测"} or trace["name"].endswith("序时进度"):
                continue
            trace = {**trace, "name": f"{plan_name}·{trace['name']}"}
            if trace.get("line"):
                trace["line"] = {**trace["line"], "color": colour}
            if trace.get("marker") and "star" not in str(trace["marker"].get("symbol", "")):
                trace["marker"] = {**trace["marker"], "color": colour}
            traces.append(trace)
        for trace in _growth_traces(data, compact=False, axis="y2") if data.has_growth else []:
            if trace["type"] == "bar":
                trace = {**trace, "marker": {"color": colour}}
            traces.append({**trace, "name": f"{plan_name}·{trace['name']}"})
    first, last = plans[0][1], plans[-1][1]
    has_growth = any(data.has_growth for _, data in plans)
    layout: dict = {
        "title": {"text": "跨规划走势", "font": {"size": 16}},
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 60, "r": 30, "t": 60, "b": 90},
        "height": 480,
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top"},
        "xaxis": {
            "title": {"text": "年份"},
            "dtick": 1,
            "range": [first.baseline_year - 0.6, last.target_year + 0.6],
        },
        "yaxis": {"title": {"text": "总量/数值"}, "automargin": True},
        "plot_bgcolor": "#ffffff",
    }
    if has_growth:
        layout["yaxis"]["domain"] = [0.42, 1]
        layout["yaxis2"] = {"domain": [0, 0.3], "title": {"text": "增速(%)"}, "anchor": "x"}
        layout["xaxis"]["anchor"] = "y2"
    config = download_config(filename or f"{last.title}-跨规划走势", height=layout["height"])
    return {"data": traces, "layout": layout, "config": config}
