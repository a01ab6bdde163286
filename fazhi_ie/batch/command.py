"""``fazhi-ie parse`` and ``fazhi-ie export``: their arguments and bodies.

Without ``-o`` (or with ``--pretty`` / ``--summary``) ``parse`` streams JSON
lines to stdout as it always did; with ``-o OUT`` it is a batch run into the
sink chosen by ``--format`` or OUT's suffix, resumable with ``--resume``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..errors import E401, ConfigError
from .sinks import FORMATS

OUTPUT_FORMATS = ("auto", *FORMATS)
MAX_CHARS = 200_000  # = api.MAX_CHARS (api is imported lazily: it imports spaCy)


def add_parse_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("inputs", nargs="*", help="files, folders, JSONL files or - (default: stdin)")
    sp.add_argument(
        "-o", "--output", help="write here (a batch run; see --format) instead of stdout"
    )
    sp.add_argument(
        "--format",
        choices=[*OUTPUT_FORMATS, "text"],
        default="auto",
        help="output sink: jsonl (a file), parquet or csv (a folder of tables), sqlite "
        "(default: from the suffix of -o; 'text' is the old spelling of --input-format text)",
    )
    sp.add_argument(
        "--input-format",
        choices=["auto", "text", "jsonl"],
        default="auto",
        help="how to read stdin (default: auto-detect JSONL)",
    )
    sp.add_argument("--resume", action="store_true", help="parse only what -o does not hold yet")
    sp.add_argument("--overwrite", action="store_true", help="start -o over if it holds a run")
    sp.add_argument(
        "--commit-every",
        type=int,
        default=500,
        help="documents per committed batch of -o (default: 500)",
    )
    sp.add_argument("--pretty", action="store_true", help="indent the JSON")
    sp.add_argument(
        "--summary", action="store_true", help="print a human-readable summary instead of JSON"
    )
    sp.add_argument("--no-clean-text", action="store_true", help="omit clean_text from output")
    sp.add_argument("--batch-size", type=int, default=32)
    sp.add_argument("--n-process", type=int, default=1)
    sp.add_argument(
        "--max-chars",
        type=int,
        default=MAX_CHARS,
        help=f"a longer document becomes an error record E108 (default {MAX_CHARS:,}; 0: none)",
    )
    sp.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="seconds per document, in worker processes; slower: error record E109",
    )
    sp.add_argument(
        "--dask",
        metavar="local|tcp://ADDR",
        help="parse on a Dask cluster: 'local' starts one on this machine (needs the dask extra)",
    )
    sp.add_argument(
        "--dask-workers", type=int, default=None, help="workers of --dask local (default: cores)"
    )
    sp.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    sp.add_argument("--pkuseg-model", help="pkuseg model directory (default: user cache)")


def _stream_inputs(paths: Sequence[str], fmt: str) -> Iterator[Any]:
    from ..inputs import iter_path, iter_stdin

    for p in paths or ["-"]:
        if p == "-":
            yield from iter_stdin(fmt=fmt)
        else:
            yield from iter_path(Path(p))


def _single(args: argparse.Namespace) -> bool:
    one = len(args.inputs) == 1 and args.inputs[0] != "-" and not Path(args.inputs[0]).is_dir()
    return one and Path(args.inputs[0]).suffix.lower() not in {".jsonl", ".ndjson"}


def cmd_parse(args: argparse.Namespace) -> int:
    input_format = "text" if args.format == "text" else args.input_format
    if args.output and not (args.pretty or args.summary):
        return _batch(args, input_format)
    for flag in ("resume", "overwrite", "dask"):
        if getattr(args, flag):
            raise ConfigError(
                E401,
                name=flag,
                value=getattr(args, flag),
                detail="needs -o OUT without --pretty or --summary",
                hint="Batch runs write to a file or folder: add -o out.jsonl (or .parquet, ...).",
            )
    return _stream(args, input_format)


def _stream(args: argparse.Namespace, input_format: str) -> int:
    from ..api import parse_many

    out: TextIO
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n_ok = n_err = 0
    try:
        for art in parse_many(
            _stream_inputs(args.inputs, input_format),
            batch_size=args.batch_size,
            n_process=args.n_process,
            progress=args.progress,
            pkuseg_model=args.pkuseg_model,
            max_chars=args.max_chars,
            time_limit=args.time_limit,
        ):
            if args.summary:
                from ..summary import summarize

                out.write(summarize(art) + "\n\n")
            else:
                exclude = {"clean_text"} if args.no_clean_text else None
                data = art.model_dump(mode="json", exclude=exclude)
                out.write(json.dumps(data, ensure_ascii=False, indent=2 if args.pretty else None))
                out.write("\n")
            if art.error is not None:
                n_err += 1
                print(
                    f"fazhi-ie: {art.id or '?'}: error {art.error.code}: {art.error.message}",
                    file=sys.stderr,
                )
            else:
                n_ok += 1
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output or n_err:
        print(f"fazhi-ie: {n_ok} parsed, {n_err} failed", file=sys.stderr)
    return 1 if _single(args) and n_err else 0


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The options that change what is written (a resume must repeat them)."""
    return {"clean_text": not args.no_clean_text, "max_chars": args.max_chars or None}


def _batch(args: argparse.Namespace, input_format: str) -> int:
    from .reading import count_inputs, iter_batch_inputs
    from .runner import run_batch
    from .sinks import open_sink

    fmt = None if args.format in ("auto", "text") else args.format
    sink = open_sink(args.output, fmt, clean_text=not args.no_clean_text)
    total = count_inputs(args.inputs) if args.progress else None
    client = None
    if args.dask:
        from ..dask import connect, parse_stream

        client = connect(args.dask, n_workers=args.dask_workers)

        def parse(docs: Iterator[Any]) -> Iterator[Any]:
            return parse_stream(
                docs,
                client,
                batch_size=args.batch_size,
                pkuseg_model=args.pkuseg_model,
                max_chars=args.max_chars,
            )

    else:
        from ..api import parse_many

        def parse(docs: Iterator[Any]) -> Iterator[Any]:
            return parse_many(
                docs,
                batch_size=args.batch_size,
                n_process=args.n_process,
                pkuseg_model=args.pkuseg_model,
                max_chars=args.max_chars,
                time_limit=args.time_limit,
            )

    try:
        summary = run_batch(
            iter_batch_inputs(args.inputs, input_format),
            sink,
            parse=parse,
            options=_options(args),
            inputs=[str(p) for p in args.inputs],
            resume=args.resume,
            overwrite=args.overwrite,
            commit_every=args.commit_every,
            progress=args.progress,
            total=total,
        )
    finally:
        if client is not None:
            from ..dask import close

            close(client)
    print(f"fazhi-ie: {summary.line()}", file=sys.stderr)
    return 1 if _single(args) and summary.failed else 0


def add_export_arguments(ex: argparse.ArgumentParser) -> None:
    ex.add_argument("input", help="a JSONL file of Article records (fazhi-ie parse -o OUT.jsonl)")
    ex.add_argument("-o", "--output", required=True, help="where to write the tables")
    ex.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="auto",
        help="parquet or csv (a folder of tables), sqlite, jsonl (default: from -o's suffix)",
    )
    ex.add_argument("--resume", action="store_true", help="add only what -o does not hold yet")
    ex.add_argument("--overwrite", action="store_true", help="start -o over if it holds a run")
    ex.add_argument("--commit-every", type=int, default=1000)


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_jsonl
    from .sinks import open_sink

    sink = open_sink(args.output, None if args.format == "auto" else args.format)
    summary = export_jsonl(
        args.input,
        sink,
        resume=args.resume,
        overwrite=args.overwrite,
        commit_every=args.commit_every,
    )
    print(f"fazhi-ie: {summary.line()}", file=sys.stderr)
    return 0


__all__ = ["add_export_arguments", "add_parse_arguments", "cmd_export", "cmd_parse"]
