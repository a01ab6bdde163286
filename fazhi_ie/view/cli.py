"""``fazhi-ie view`` and ``fazhi-ie report``, and reading their input files.

Both take either parsed records (the JSONL that ``fazhi-ie parse`` writes, or a ``.json``
file with one Article or a list of them) or documents to parse first (a ``.txt`` file, a
folder of them, or an input JSONL of ``{"id", "text"}`` records). A JSONL file holds
parsed records when its first record has a ``schema_version`` key.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import E106, E602, E603, InputError
from ..records import Article

PARSED_SUFFIXES = {".jsonl", ".ndjson", ".json"}


def _article(data: Any, path: Path, line: int) -> Article:
    if not isinstance(data, dict):
        raise InputError(E602, path=path, line=line, detail=f"a JSON {type(data).__name__}")
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise InputError(E602, path=path, line=line, detail=str(exc).splitlines()[0]) from exc


def _json_values(text: str) -> list[tuple[int, Any]]:
    """``(line, value)`` of the JSON values in ``text``: one, a list, or several objects
    one after another (``fazhi-ie parse --pretty`` of several documents); [] if not JSON."""
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            return out
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return []
        out.append((text.count("\n", 0, pos) + 1, value))
        pos = end


def _parsed_records(path: Path) -> list[tuple[int, Any]] | None:
    """``(line, record)`` pairs when ``path`` holds parsed Articles, else None."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        values = _json_values(text)
        if len(values) == 1 and isinstance(values[0][1], list):
            values = [(1, d) for d in values[0][1]]
        if values and isinstance(values[0][1], dict) and "schema_version" in values[0][1]:
            return values
    rows: list[tuple[int, Any]] = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            if not rows:
                return None  # not JSONL: a document to parse
            raise InputError(E602, path=path, line=i, detail=f"invalid JSON ({exc})") from exc
        if not rows and not (isinstance(data, dict) and "schema_version" in data):
            return None  # input records ({"id", "text"}): parse them
        rows.append((i, data))
    return rows or None


def load_articles(path: str | Path) -> Iterator[Article]:
    """The Articles of a file: parsed records read as they are, documents parsed."""
    path = Path(path)
    if not path.exists():
        raise InputError(E106, path=path)
    if path.is_file() and path.suffix.lower() in PARSED_SUFFIXES:
        rows = _parsed_records(path)
        if rows is not None:
            for line, data in rows:
                yield _article(data, path, line)
            return
    from ..api import parse_many
    from ..inputs import iter_path

    yield from parse_many(iter_path(path))


def _write(html: str, output: str | None, what: str) -> None:
    if output:
        Path(output).write_text(html, encoding="utf-8")
        print(f"fazhi-ie: wrote {what} to {output}", file=sys.stderr)
    else:
        sys.stdout.write(html)


def cmd_view(args: argparse.Namespace) -> int:
    from .article import render, render_many

    articles = list(load_articles(args.file))
    if args.id is not None:
        articles = [a for a in articles if a.id == args.id]
        if not articles:
            raise InputError(E603, id=args.id, path=args.file)
    tables = not args.no_tables
    if len(articles) == 1:
        html = render(articles[0], tables=tables, full_page=True)
    else:
        html = render_many(articles, tables=tables, title=f"fazhi_ie: {Path(args.file).name}")
    _write(html, args.output, f"{len(articles)} article(s)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import report

    def articles() -> Iterator[Article]:
        for f in args.files:
            yield from load_articles(f)

    title = args.title or "fazhi_ie report: " + ", ".join(Path(f).name for f in args.files)
    html = report(articles(), title=title, top=args.top, plots=not args.no_plots, full_page=True)
    _write(html, args.output, "the report")
    return 0


def add_commands(sub: Any) -> None:
    """Register ``view`` and ``report`` on the ``fazhi-ie`` subparsers."""
    vp = sub.add_parser(
        "view",
        help="write an HTML view of articles (highlighted mentions, tables)",
        description="Write a standalone HTML page showing each article with its mentions "
        "highlighted by record type. FILE is parsed records (the JSONL of `fazhi-ie parse`, "
        "or a .json Article) or a document to parse (.txt, a folder, an input JSONL).",
    )
    vp.add_argument("file", help="parsed-records JSONL/.json, or a .txt/folder/input JSONL")
    vp.add_argument("-o", "--output", help="write the page here (default: stdout)")
    vp.add_argument("--id", help="show only the article with this id")
    vp.add_argument("--no-tables", action="store_true", help="text and highlights only")
    vp.set_defaults(func=cmd_view)

    rp = sub.add_parser(
        "report",
        help="write an HTML corpus report (counts, events, organizations, metrics, laws)",
        description="Write a standalone HTML report over parsed records (or documents, "
        "parsed first). Plots need matplotlib (pip install 'fazhi-ie[view]').",
    )
    rp.add_argument("files", nargs="+", help="parsed-records JSONL files (or documents)")
    rp.add_argument("-o", "--output", help="write the page here (default: stdout)")
    rp.add_argument("--title", help="the report's title")
    rp.add_argument("--top", type=int, default=15, help="rows in the top-N tables (15)")
    rp.add_argument("--no-plots", action="store_true", help="tables only (no matplotlib)")
    rp.set_defaults(func=cmd_report)


__all__ = ["add_commands", "load_articles"]
