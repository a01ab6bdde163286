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
from typing import IO, TextIO

from .about import __version__
from .errors import FazhiError

MAX_CHARS = 200_000  # = api.MAX_CHARS (api is imported lazily: it imports spaCy)


def _fail(exc: FazhiError) -> int:
    print(f"fazhi-ie: error {exc.code}: {exc.message}", file=sys.stderr)
    print(f"  hint: {exc.hint}", file=sys.stderr)
    return 2 if exc.code.startswith("E4") else 1


# --- parse -------------------------------------------------------------------
def _inputs(paths: Sequence[str], fmt: str) -> Iterator:
    from .inputs import iter_path, iter_stdin

    for p in paths or ["-"]:
        if p == "-":
            yield from iter_stdin(fmt=fmt)
        else:
            yield from iter_path(Path(p))


def cmd_parse(args: argparse.Namespace) -> int:
    from .api import parse_many

    out: TextIO
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n_ok = n_err = 0
    single = len(args.inputs) == 1 and args.inputs[0] != "-" and not Path(args.inputs[0]).is_dir()
    single = single and Path(args.inputs[0]).suffix.lower() not in {".jsonl", ".ndjson"}
    try:
        for art in parse_many(
            _inputs(args.inputs, args.format),
            batch_size=args.batch_size,
            n_process=args.n_process,
            progress=args.progress,
            pkuseg_model=args.pkuseg_model,
            max_chars=args.max_chars,
            time_limit=args.time_limit,
        ):
            if args.summary:
                from .summary import summarize

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
    return 1 if single and n_err else 0


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

    text = json.dumps(article_json_schema(), ensure_ascii=False, indent=2) + "\n"
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
        help="parse articles into JSONL records",
        description="Parse a .txt file, a folder of .txt files, a JSONL file of "
        '{"id", "text", "published"?} records, or stdin (-). One JSON line per document.',
    )
    sp.add_argument("inputs", nargs="*", help="files, folders, JSONL files or - (default: stdin)")
    sp.add_argument("-o", "--output", help="write JSONL here instead of stdout")
    sp.add_argument(
        "--format",
        choices=["auto", "text", "jsonl"],
        default="auto",
        help="how to read stdin (default: auto-detect JSONL)",
    )
    sp.add_argument("--pretty", action="store_true", help="indent the JSON")
    sp.add_argument(
        "--summary", action="store_true", help="print a human-readable summary instead of JSON"
    )
    sp.add_argument("--no-clean-text", action="store_true", help="omit clean_text from output")
    sp.add_argument("--batch-size", type=int, default=32)
    sp.add_argument("--n-process", type=int, default=1)
    sp.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    sp.add_argument("--pkuseg-model", help="pkuseg model directory (default: user cache)")
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
    sp.set_defaults(func=cmd_parse)

    ev = sub.add_parser("evaluate", help="score the parser on a gold directory (ANNOTATION.md)")
    ev.add_argument("directory")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--verbose", action="store_true", help="list missed and spurious items")
    ev.add_argument("--progress", action="store_true")
    ev.add_argument("--ids", help="score only the article ids listed in this file (one per line)")
    ev.set_defaults(func=cmd_evaluate)

    sc = sub.add_parser("schema", help="print the JSON Schema of the records")
    sc.add_argument("-o", "--output")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
