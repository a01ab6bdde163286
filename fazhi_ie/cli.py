"""The ``fazhi-ie`` command line: parse, evaluate, schema, download."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, NoReturn

from .about import __version__
from .errors import FazhiError


def _fail(exc: FazhiError) -> int:
    print(f"fazhi-ie: error {exc.code}: {exc.message}", file=sys.stderr)
    print(f"  hint: {exc.hint}", file=sys.stderr)
    return 2 if exc.code.startswith("E4") else 1


# --- parse, export (bodies in fazhi_ie/batch/command.py) ---------------------
def cmd_parse(args: argparse.Namespace) -> int:
    from .batch.command import cmd_parse as run

    return run(args)


def cmd_export(args: argparse.Namespace) -> int:
    from .batch.command import cmd_export as run

    return run(args)


# --- evaluate ---------------------------------------------------------------
def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_dir

    ids = None
    if args.ids:
        lines = Path(args.ids).read_text(encoding="utf-8").splitlines()
        ids = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
    report = evaluate_dir(Path(args.directory), progress=args.progress, ids=ids)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=args.json_out)
    else:
        print(report.format_table())
    if args.verbose:
        print(report.format_verbose(), file=sys.stderr if args.json else sys.stdout)
    return 0


# --- schema -----------------------------------------------------------------
def cmd_schema(args: argparse.Namespace) -> int:
    from .records import article_json_schema
    from .tables import tables_schema

    schema = tables_schema() if args.tables else article_json_schema()
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


# --- download ---------------------------------------------------------------
def cmd_download(args: argparse.Namespace) -> int:
    from .pretrained import PKUSEG_THRESHOLD
    from .segmenter import download_command

    threshold = PKUSEG_THRESHOLD if args.threshold is None else args.threshold
    path = download_command(
        to=Path(args.to) if args.to else None,
        wheel=Path(args.wheel) if args.wheel else None,
        threshold=threshold,
        force=args.force,
    )
    print(path)
    return 0


# --- NER training and evaluation (the ner extra) ------------------------------
def cmd_train_ner(args: argparse.Namespace) -> int:
    from .training.ner import cmd_train_ner as run

    return int(run(args) or 0)


def cmd_evaluate_ner(args: argparse.Namespace) -> int:
    from .evaluate.ner_names import evaluate_ner_on_gold
    from .training.ner_eval import cmd_evaluate_ner as run

    return int(run(args, score_gold=evaluate_ner_on_gold) or 0)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fazhi-ie",
        description="Typed, grounded records from Chinese rule-of-law publicity news.",
    )
    p.add_argument("--version", action="version", version=f"fazhi-ie {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    sp = sub.add_parser(
        "parse",
        help="parse articles into JSONL records or tables",
        description="Parse a .txt file, a folder of .txt files, a JSONL file of "
        '{"id", "text", "published"?, ...} records, or stdin (-). One JSON line per '
        "document on stdout, or a resumable batch run into -o OUT (JSONL, parquet, csv, "
        "SQLite; see docs/batch.md).",
    )
    from .batch.command import add_export_arguments, add_parse_arguments

    add_parse_arguments(sp)
    sp.set_defaults(func=cmd_parse)
    ex = sub.add_parser(
        "export",
        help="turn a JSONL run into tables (parquet, csv, SQLite)",
        description="Write the Article records of a JSONL file as the flat tables.",
    )
    add_export_arguments(ex)
    ex.set_defaults(func=cmd_export)

    ev = sub.add_parser("evaluate", help="score the parser on a gold directory (ANNOTATION.md)")
    ev.add_argument("directory")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--verbose", action="store_true", help="list missed and spurious items")
    ev.add_argument("--progress", action="store_true")
    ev.add_argument("--ids", help="score only the article ids listed in this file (one per line)")
    ev.set_defaults(func=cmd_evaluate)

    sc = sub.add_parser("schema", help="print the JSON Schema of the records")
    sc.add_argument("-o", "--output")
    sc.add_argument("--tables", action="store_true", help="the flat table schemas instead")
    sc.set_defaults(func=cmd_schema)

    dl = sub.add_parser(
        "download",
        help="prepare the pkuseg segmentation model",
        description="Fetch pkuseg 0.0.25 with pip, verify, convert and prune its model into the "
        "user cache (or --to DIR, for copying to machines without registry access).",
    )
    dl.add_argument("--to", help="target directory (default: the user cache)")
    dl.add_argument("--wheel", help="use this pkuseg-0.0.25 wheel file instead of pip download")
    dl.add_argument("--threshold", type=float, default=None, help="pruning threshold on |weight|")
    dl.add_argument("--force", action="store_true", help="prepare again even if already there")
    dl.set_defaults(func=cmd_download)

    from .training import ner as _train_ner
    from .training import ner_eval as _ner_eval

    tn = sub.add_parser("train-ner", help="train the HanLP NER model on MSRA (needs the ner extra)")
    _train_ner.add_arguments(tn)
    tn.set_defaults(func=cmd_train_ner)
    en = sub.add_parser("evaluate-ner", help="strict P/R/F1 of an NER model on MSRA test")
    _ner_eval.add_arguments(en)
    en.set_defaults(func=cmd_evaluate_ner)

    from .view.cli import add_commands as _view_commands

    _view_commands(sub)  # view, report (fazhi_ie/view/cli.py)
    return p


@contextlib.contextmanager
def _json_stdout() -> Iterator[IO[str]]:
    """Keep stdout for the JSON of a ``--json`` command.

    The command writes its JSON to the stream yielded (``args.json_out``). Meanwhile
    file descriptor 1 points at stderr (pip, subprocesses, C code) and ``sys.stdout``
    is collected; afterwards the JSON goes to the real stdout and what was collected
    to stderr. A command that prints its JSON to ``sys.stdout`` instead keeps working
    (what it printed is its output), with tool output still kept off stdout."""
    sys.stdout.flush()
    json_out, printed = io.StringIO(), io.StringIO()
    try:
        fd: int | None = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no file descriptor 1: Python-level only
        fd = None
    try:
        with contextlib.redirect_stdout(printed):
            yield json_out
    finally:
        sys.stderr.flush()
        if fd is not None:
            os.dup2(fd, 1)
            os.close(fd)
        out, chatter = json_out.getvalue(), printed.getvalue()
        if not out:  # the command printed its output itself
            out, chatter = chatter, ""
        sys.stderr.write(chatter)
        sys.stdout.write(out)
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "json", False):
            with _json_stdout() as args.json_out:
                return int(args.func(args) or 0)
        args.json_out = sys.stdout
        return int(args.func(args) or 0)
    except FazhiError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


#: ``0``/``off``: :func:`run` ends the process as :func:`sys.exit` does (interpreter teardown).
FAST_EXIT_ENV = "FAZHI_IE_FAST_EXIT"


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` as :func:`sys.exit` would, without the interpreter's
    teardown: tearing down torch, spaCy and the models takes about 0.6 s of every
    ``fazhi-ie`` run (docs/performance.md, round 5). What the teardown does for a finished
    command is still done: other (non-daemon) threads are joined, :mod:`atexit` functions
    run (multiprocessing's, logging's, ...), stdout and stderr are flushed. Falls back
    to :func:`sys.exit` where any of that is not available or fails, and with
    ``$FAZHI_IE_FAST_EXIT`` set to ``0``/``off``."""
    import atexit
    import threading

    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    off = os.environ.get(FAST_EXIT_ENV, "").strip().lower() in {"0", "off", "false", "no"}
    if off or run_exitfuncs is None:
        sys.exit(code)
    me = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not me and not thread.daemon:
            thread.join()
    run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # as Python reports a failed flush at exit
    os._exit(code)


def run() -> NoReturn:
    """The ``fazhi-ie`` command and ``python -m fazhi_ie``: spaCy without its own command
    line (:mod:`fazhi_ie.spacy_cli`: the process is ours), :func:`main`, then
    :func:`exit_now` (an exception from :func:`main` ends the process as usual)."""
    from . import spacy_cli

    spacy_cli.install()
    exit_now(main())


if __name__ == "__main__":  # pragma: no cover
    run()
