"""Page furniture and metadata ranges of a text, where nothing found counts.

* :func:`credit_ranges`: credit lines (来源:, 供稿, 编辑) and the issuing office under
  a release's closing date;
* :func:`sidebar_ranges`: related-news sidebars and link blocks (往期推荐, 相关新闻);
* :func:`off_sidebars` / :func:`outside`: the candidates of any component that do
  not start in such ranges.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol, TypeVar

from ..lexicons.orgs import grammar
from ..text.primitives import RangeIndex

_LINE_RE = re.compile(r"[^\n]+")


class HasStart(Protocol):
    """Anything found at an offset of the text (a candidate of any component)."""

    @property
    def start(self) -> int: ...


_Located = TypeVar("_Located", bound=HasStart)


#: How long a line naming the issuing office under a release's date may be.
MAX_ISSUER_LINE = 30


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Clean ranges of the credit lines of ``text`` (来源:, 供稿, 编辑 …), and of the
    issuing office named alone under a release's closing date (…\n2024-12-04 15:32\n
    某政府新闻局): metadata, not content."""
    g = grammar()
    out = []
    lines = [m for m in _LINE_RE.finditer(text) if m.group(0).strip()]
    for i, m in enumerate(lines):
        line = m.group(0)
        if g.credit_line.search(line):
            out.append((m.start(), m.end()))
            continue
        stripped = line.strip()
        if len(stripped) <= 60 and any(p in stripped for p in g.credit_phrases):
            if stripped.endswith(g.credit_phrase_ends) or stripped.startswith(("(", "（")):
                out.append((m.start(), m.end()))
                continue
        if (
            i >= len(lines) - 2
            and i > 0
            and g.date_line_re.match(lines[i - 1].group(0))
            and len(stripped) <= MAX_ISSUER_LINE
            and not any(ch in stripped for ch in "。，,；;！？!?")
        ):
            out.append((m.start(), m.end()))
    return out


def sidebar_ranges(text: str) -> list[tuple[int, int]]:
    """Clean ranges of related-news sidebars: runs of short lines opened by a bullet,
    and link blocks under a header line (往期推荐, 相关新闻)."""
    return list(_sidebar_ranges(text))


#: Brackets and a colon around a link block's header line.
_HEADER_MARKS = "【】[]〔〕<>《》:：| "


@lru_cache(maxsize=8)
def _sidebar_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sidebar_ranges`, read once per text (five components ask for it)."""
    g = grammar()
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    block: tuple[int, int] | None = None  # a header's link block read so far
    for m in _LINE_RE.finditer(text + "\n"):
        line = m.group(0).strip()
        if block is not None:
            if line and (len(line) > g.sidebar_max_chars or line[-1] in "。！？!?"):
                out.append(block)
                block = None
            elif line:
                block = (block[0], m.end())
                continue
        if line.strip(_HEADER_MARKS) in g.sidebar_headers:  # 【相关新闻】, 热点推荐：
            block = (m.start(), m.end())
            continue
        if line[:1] and line[0] in g.sidebar_bullet and len(line) <= g.sidebar_max_chars:
            run.append((m.start(), m.end()))
            continue
        if line and len(run) >= g.sidebar_min_lines:
            out.append((run[0][0], run[-1][1]))
        if line:
            run = []
    if block is not None:
        out.append(block)
    if len(run) >= g.sidebar_min_lines:
        out.append((run[0][0], run[-1][1]))
    return tuple(sorted(out))


def off_sidebars(text: str, found: list[_Located]) -> list[_Located]:
    """The candidates (persons, laws, metrics) that do not start in a related-news
    sidebar or link block of ``text``: page furniture, where nothing is annotated."""
    return outside(found, sidebar_ranges(text))


def outside(found: list[_Located], ranges: list[tuple[int, int]]) -> list[_Located]:
    """The candidates that do not start inside one of ``ranges``."""
    if not ranges:
        return found
    index = RangeIndex(ranges)
    return [c for c in found if not any(a <= c.start < b for a, b in index.near(c.start, c.start))]
