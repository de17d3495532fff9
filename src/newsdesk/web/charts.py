"""Server-side inline SVG charts: no JavaScript chart library, no CDN, nothing for the CSP to allow.

Only presentation attributes are used (``fill``, ``stroke``…), never ``style=``, because the page CSP
forbids inline styles. Every label goes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

QUADS = (
    (1, "Verbal cooperation", "#8cc9a0"),
    (2, "Material cooperation", "#2f8a55"),
    (3, "Verbal conflict", "#f2a97e"),
    (4, "Material conflict", "#c23b2e"),
)
LINE = "#1b3a6b"


def _nice_max(value: float) -> int:
    """Round an axis maximum up to 1, 2 or 5 × 10^k so tick labels are round numbers."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exp:
            return int(step * exp)
    return int(10 * exp)


def _next_bucket(day: date, freq: str) -> date:
    if freq == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if freq == "week" else 1)


def fill_gaps(series: Sequence[dict], freq: str, limit: int = 400) -> list[dict]:
    """Insert empty buckets between the first and last so the x axis is real time, not just busy days.

    Empty buckets carry ``mean_intensity=None`` and break the intensity line. Very long spans are
    left as they are (a bar per busy bucket) rather than drawing thousands of empty slots.
    """
    if len(series) < 2:
        return list(series)
    try:
        first, last = date.fromisoformat(series[0]["date"]), date.fromisoformat(series[-1]["date"])
    except ValueError:
        return list(series)
    by_date = {row["date"]: row for row in series}
    out, day = [], first
    while day <= last:
        if len(out) > limit:
            return list(series)
        key = day.isoformat()
        out.append(by_date.get(key) or {"date": key, "events": 0, "mean_intensity": None})
        day = _next_bucket(day, freq)
    return out


def _label(bucket: str, freq: str) -> str:
    try:
        day = date.fromisoformat(bucket)
    except ValueError:
        return bucket
    if freq == "month":
        return day.strftime("%b %Y")
    return day.strftime("%d %b %y")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _text(x: float, y: float, body: str, cls: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}"{extra}>{escape(body)}</text>'


def relation_chart(series: Sequence[dict], a: str, b: str, freq: str, width: int = 1000, height: int = 340) -> Markup:
    """Stacked bars of events per quad class and a line of mean intensity, per day/week/month bucket."""
    title = f"{a} – {b} cooperation and conflict by {freq}"
    if not series:
        return Markup(
            f'<svg class="chart" viewBox="0 0 {width} 80" role="img" aria-label="{escape(title)}">'
            + _text(width / 2, 44, f"No events between {a} and {b} in this store.", "chart-empty")
            + "</svg>"
        )
    series = fill_gaps(series, freq)
    left, right, top, bottom = 48, 52, 34, 78
    plot_w, plot_h = width - left - right, height - top - bottom
    ymax = _nice_max(max(r["events"] for r in series))
    band = plot_w / len(series)
    bar_w = max(2.0, min(44.0, band * 0.7))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    parts += _left_axis(left, top, plot_w, plot_h, ymax)
    parts += _right_axis(left + plot_w, top, plot_h)
    parts += _bars(series, left, top, plot_h, band, bar_w, ymax, freq)
    parts += _intensity_line(series, left, top, plot_h, band)
    parts += _x_labels(series, left, top + plot_h, band, freq)
    parts += _legend(left, height - 22)
    parts.append("</svg>")
    return Markup("".join(parts))


def _left_axis(left: float, top: float, plot_w: float, plot_h: float, ymax: int) -> list[str]:
    out = [_text(left - 36, top - 16, "events", "axis-title", "start")]
    ticks = 5 if ymax >= 5 else ymax
    for i in range(ticks + 1):
        value = ymax * i / ticks
        y = top + plot_h - plot_h * i / ticks
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(_text(left - 6, y + 4, f"{value:g}", "tick", "end"))
    return out


def _right_axis(x: float, top: float, plot_h: float) -> list[str]:
    out = [_text(x + 44, top - 16, "intensity", "axis-title", "end")]
    for value in (-10, -5, 0, 5, 10):
        y = top + plot_h / 2 - plot_h / 2 * value / 10
        out.append(_text(x + 6, y + 4, f"{value:+d}" if value else "0", "tick", "start"))
    zero = top + plot_h / 2
    out.append(f'<line x1="{x - 4}" x2="{x}" y1="{zero:.1f}" y2="{zero:.1f}" stroke="{LINE}"/>')
    return out


def _bars(series, left, top, plot_h, band, bar_w, ymax, freq) -> list[str]:  # noqa: ANN001
    out = []
    for i, row in enumerate(series):
        x = left + band * i + (band - bar_w) / 2
        base = top + plot_h
        label = _label(row["date"], freq)
        for quad, name, colour in QUADS:
            n = row.get(f"quad{quad}", 0)
            if not n:
                continue
            h = plot_h * n / ymax
            base -= h
            out.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(label)}: {n} × {escape(name.lower())}</title></rect>"
            )
    return out


def _intensity_line(series, left, top, plot_h, band) -> list[str]:  # noqa: ANN001
    points, runs, run = [], [], []
    for i, row in enumerate(series):
        if row.get("mean_intensity") is None:
            runs, run = runs + [run], []
            continue
        x = left + band * i + band / 2
        y = top + plot_h / 2 - plot_h / 2 * max(-10.0, min(10.0, row["mean_intensity"])) / 10
        points.append((x, y, row))
        run.append(f"{x:.1f},{y:.1f}")
    out = [
        f'<polyline points="{" ".join(r)}" fill="none" stroke="{LINE}" stroke-width="2" class="intensity"/>'
        for r in [*runs, run] if len(r) > 1
    ]
    for x, y, row in points:
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="{LINE}" stroke-width="2">'
            f'<title>{escape(row["date"])}: mean intensity {row["mean_intensity"]:+.2f} over {row["events"]} events'
            "</title></circle>"
        )
    return out


def _x_labels(series, left, y0, band, freq) -> list[str]:  # noqa: ANN001
    every = max(1, math.ceil(len(series) / (12 if freq == "month" else 9)))
    out = [f'<line x1="{left}" x2="{left + band * len(series):.1f}" y1="{y0:.1f}" y2="{y0:.1f}" class="axis"/>']
    for i, row in enumerate(series):
        if i % every:
            continue
        x = left + band * i + band / 2
        out.append(_text(x, y0 + 16, _label(row["date"], freq), "tick"))
    return out


def _legend(left: float, y: float) -> list[str]:
    out, x = [], left
    for _, name, colour in QUADS:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" rx="2" fill="{colour}"/>')
        out.append(_text(x + 17, y, name, "legend", "start"))
        x += 30 + 7.0 * len(name)
    out.append(f'<line x1="{x}" x2="{x + 22}" y1="{y - 4}" y2="{y - 4}" stroke="{LINE}" stroke-width="2"/>')
    out.append(f'<circle cx="{x + 11}" cy="{y - 4}" r="3.5" fill="#fff" stroke="{LINE}" stroke-width="2"/>')
    out.append(_text(x + 28, y, "Mean intensity (−10 … +10)", "legend", "start"))
    return out


# ------------------------------------------------------------------------------ thread lanes


def thread_lanes(stories: Sequence[dict], width: int = 1000) -> Markup:
    """One horizontal lane per story of a thread on a shared date axis (first to last seen)."""
    dated = [s for s in stories if s.get("first_seen")]
    if not dated:
        return Markup("")
    days = [date.fromisoformat(s["first_seen"][:10]) for s in dated]
    days += [date.fromisoformat((s.get("last_seen") or s["first_seen"])[:10]) for s in dated]
    start, end = min(days), max(days)
    span = max(1, (end - start).days)
    left, right, lane = 12, 12, 30
    height = 36 + lane * len(dated)
    plot_w = width - left - right

    def xpos(d: str) -> float:
        return left + plot_w * (date.fromisoformat(d[:10]) - start).days / span

    parts = [f'<svg class="chart lanes" viewBox="0 0 {width} {height}" role="img" aria-label="Stories over time">']
    for i, s in enumerate(dated):
        y = 8 + lane * i
        x0 = xpos(s["first_seen"])
        x1 = max(x0 + 6, xpos(s.get("last_seen") or s["first_seen"]))
        colour = ("#2e5fa8", "#b5562c", "#3d8a63", "#7a4ba0")[i % 4]
        parts.append(
            f'<a href="/stories/{escape(s["id"])}"><rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="18" rx="4"'
            f' fill="{colour}"><title>{escape(s["title"])}</title></rect></a>'
        )
        anchor, tx = ("end", x0 - 6) if x0 > width * 0.6 else ("start", x1 + 6)
        parts.append(_text(tx, y + 13, f'{s["first_seen"]} · {_short(s["title"], 90)}', "lane-label", anchor))
    axis_y = height - 20
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" class="axis"/>')
    parts.append(_text(left, axis_y + 15, start.isoformat(), "tick", "start"))
    parts.append(_text(left + plot_w, axis_y + 15, end.isoformat(), "tick", "end"))
    parts.append("</svg>")
    return Markup("".join(parts))
