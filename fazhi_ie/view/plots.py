"""Report plots: matplotlib figures as inline SVG (the ``view`` extra).

matplotlib is imported on first use, through its object API (``Figure``, no pyplot,
no GUI backend). Text is drawn as paths (``svg.fonttype: path``), so a plot needs no
font on the reader's machine; labels are ASCII (event types, months, quantity
classes), so no CJK font is needed on the writer's either. Each figure gets its own
``svg.hashsalt`` so that the ids of several SVGs in one page do not collide.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..errors import E601, ConfigError

_COLOR = "#3b82f6"


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float) -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ConfigError(E601, detail=str(exc)) from exc
    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Any, name: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": f"fazhi-ie-{name}"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white")
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML declaration and DOCTYPE


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    name: str,
    title: str,
    xlabel: str = "",
    horizontal: bool = True,
) -> str:
    """A bar chart as an ``<svg>`` element (one bar per label, in the order given)."""
    n = max(len(labels), 1)
    if horizontal:
        fig = _figure(5.0, 0.9 + 0.28 * n)
        ax = fig.add_subplot()
        ax.barh(range(len(labels)), values, color=_COLOR)
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
    else:
        fig = _figure(max(3.0, 0.9 + 0.38 * n), 2.6)
        ax = fig.add_subplot()
        ax.bar(range(len(labels)), values, color=_COLOR)
        ax.set_xticks(
            range(len(labels)),
            labels,
            rotation=60 if n > 6 else 0,
            ha="right" if n > 6 else "center",
        )
        ax.set_ylabel(xlabel)
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, name)


__all__ = ["available", "bars"]
