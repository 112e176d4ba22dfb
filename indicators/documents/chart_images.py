"""Charts as PNG images for the Word and PDF reports (matplotlib, Agg backend).

Matplotlib renders on the server with no browser and no request off the host; the
Chinese is drawn with the WenQuanYi Zen Hei font of Debian's fonts-wqy-zenhei (the
font the browser tests already need). Each chart shows the target path (序时进度)
dashed, the approved figures up to `as_of`, and the growth rates against the target
rate for a rate indicator. Plain data in (charts.ChartInput), PNG bytes out.
"""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from matplotlib import font_manager

# A bare Figure draws with the Agg canvas: no pyplot, no display, no global state.
from matplotlib.figure import Figure

from ..charts import ChartInput
from ..vocabulary import Kind

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _font() -> font_manager.FontProperties | None:
    return font_manager.FontProperties(fname=str(CJK_FONT)) if CJK_FONT.exists() else None


@functools.lru_cache(maxsize=256)
def chart_png(chart: ChartInput, as_of: int, *, width: float = 6.4, height: float = 2.6) -> bytes:
    """One indicator's chart as of `as_of`, as a PNG (150 dpi). A chart is a pure
    function of its (frozen, hashable) input: the same figures are drawn once."""
    font = _font()
    text = {"fontproperties": font} if font else {}
    figure = Figure(figsize=(width, height), dpi=150)
    axes = figure.subplots()
    points = [p for p in chart.points if p.year <= as_of]
    rates = chart.kind == Kind.RATE and not any(p.value is not None for p in points)
    years = list(range(chart.baseline_year, chart.target_year + 1))
    if rates:
        observed = [(p.year, p.growth) for p in points if p.growth is not None]
        if observed:
            axes.bar(
                [y for y, _ in observed],
                [g for _, g in observed],
                color="#2b6cb0",
                label="实际增速",
            )
        if chart.growth_target is not None:
            axes.axhline(
                chart.growth_target,
                color="#c05621",
                linestyle="--",
                label=f"目标增速 {chart.growth_target_text}",
            )
        unit = "%"
    else:
        if chart.path:
            axes.plot(
                [y for y, _ in chart.path],
                [v for _, v in chart.path],
                color="#718096",
                linestyle="--",
                label="序时进度(目标路径)",
            )
        observed = [(p.year, p.value) for p in points if p.value is not None]
        if chart.baseline is not None:
            observed = [(chart.baseline_year, chart.baseline), *observed]
        if observed:
            axes.plot(
                [y for y, _ in observed],
                [v for _, v in observed],
                color="#2b6cb0",
                marker="o",
                label="实际值",
            )
        if chart.target is not None:
            axes.plot(
                [chart.target_year],
                [chart.target],
                marker="*",
                markersize=11,
                color="#c05621",
                linestyle="none",
                label=f"目标 {chart.target_text}",
            )
        unit = chart.unit
    for year, label in chart.breaks:
        if year <= as_of:
            axes.axvline(year - 0.5, color="#a0aec0", linewidth=0.8)
            axes.annotate(
                label, (year - 0.45, 0.95), xycoords=("data", "axes fraction"), fontsize=6, **text
            )
    axes.set_xticks(years)
    axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axes.set_title(chart.title, fontsize=10, **text)
    axes.set_ylabel(unit or "", fontsize=8, **text)
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", color="#e2e8f0")
    if axes.get_legend_handles_labels()[0]:
        axes.legend(prop=_sized(font, 7), loc="best", frameon=False)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _sized(font: font_manager.FontProperties | None, size: float):
    if font is None:
        return {"size": size}
    sized = font.copy()
    sized.set_size(size)
    return sized
