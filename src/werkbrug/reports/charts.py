"""Charts for the report as SVG documents (matplotlib, no pyplot: safe in a web process).

Pages and documents show a chart as an image, ``<img src="data:image/svg+xml;base64,…"
alt="…">``, not as inline ``<svg>``: matplotlib styles its SVG with ``style`` attributes and a
``<style>`` element, which the Content Security Policy forbids in a page but allows inside an
image, and an image carries the text alternative that a screen reader reads out. Text in the
SVG stays text (``svg.fonttype = none``), so a PDF made from it has real words; ids are salted
with a constant so the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "werkbrug",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

# Colour-blind-safe (Okabe–Ito) and distinguishable in greyscale print.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    # Drop the XML prolog and the DOCTYPE, whose DTD address no reader should try to fetch.
    return text[text.index("<svg") :]


def data_uri(svg: str) -> str:
    """The SVG as the address of an image (allowed by the policy's ``img-src data:``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    xlabel: str,
) -> str:
    """Horizontal bars, one group per label (e.g. target and reached per project)."""
    height = 0.8 / max(len(series), 1)
    figure = Figure(figsize=(7.0, 0.45 * len(labels) + 1.1), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(labels)))
    for i, (name, values) in enumerate(series):
        offsets = [p + (i - (len(series) - 1) / 2) * height for p in positions]
        axes.barh(offsets, values, height=height, label=name, color=PALETTE[i % len(PALETTE)])
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    _legend_below(figure, len(series))
    return _svg(figure)


def _legend_below(figure: Figure, entries: int) -> None:
    """The legend under the chart, outside the axes: inside, it covered the bars of a
    one-project report; at most three entries a row keep the chart at its full width."""
    figure.legend(loc="outside lower center", ncol=min(entries, 3), frameon=False)


def stacked_shares(
    labels: Sequence[str],
    parts: Sequence[tuple[str, Sequence[float]]],
    *,
    xlabel: str,
) -> str:
    """Horizontal 100% bars: the mix of parts per label (e.g. education per project)."""
    figure = Figure(figsize=(7.0, 0.4 * len(labels) + 1.4), layout="constrained")
    axes = figure.subplots()
    left = [0.0] * len(labels)
    for i, (name, values) in enumerate(parts):
        axes.barh(labels, values, left=left, label=name, color=PALETTE[i % len(PALETTE)])
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    axes.set_xlabel(xlabel)
    _legend_below(figure, len(parts))
    return _svg(figure)


def survival_curves(
    curves: dict[str, list[list[float]]],
    censored: dict[str, list[float]],
    *,
    xlabel: str,
    ylabel: str,
    limit: int = 10,
) -> str:
    """Step curves per group with a tick where someone was censored (Kaplan–Meier style)."""
    figure = Figure(figsize=(7.0, 4.2))
    axes = figure.subplots()
    for i, (name, points) in enumerate(list(curves.items())[:limit]):
        if not points:
            continue
        days = [p[0] for p in points]
        values = [p[1] for p in points]
        colour = PALETTE[i % len(PALETTE)]
        axes.step(days, values, where="post", label=name, color=colour, linewidth=1.4)
        marks = censored.get(name, [])
        if marks:
            at = [_value_at(days, values, day) for day in marks]
            axes.plot(marks, at, linestyle="none", marker="|", markersize=6, color=colour)
    axes.set_ylim(0, 1.02)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.legend(loc="upper right", frameon=False, fontsize=7)
    return _svg(figure)


def _value_at(days: Sequence[float], values: Sequence[float], day: float) -> float:
    current = values[0]
    for d, v in zip(days, values, strict=True):
        if d > day:
            break
        current = v
    return current
