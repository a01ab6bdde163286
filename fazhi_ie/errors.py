"""Coded errors and warnings, each with a hint that says how to fix it.

Every error the library raises on purpose is a :class:`FazhiError` carrying a
stable ``code`` (``E1xx`` input, ``E2xx`` models, ``E3xx`` evaluation,
``E4xx`` configuration) so that batch scripts can branch on it, and a
``hint`` written for the person who has to fix it.

Warnings that concern one document (it was decoded as GB18030, its text was
truncated, ...) are not raised: they are recorded on the
:class:`~fazhi_ie.records.Article` as :class:`~fazhi_ie.records.Notice`
objects with a ``W`` code, so that they travel with the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import Notice


@dataclass(frozen=True)
class Code:
    code: str
    message: str
    hint: str

    def format(self, **kwargs: object) -> tuple[str, str]:
        return self.message.format(**kwargs), self.hint.format(**kwargs)


# --- errors -----------------------------------------------------------------
E101 = Code("E101", "input is empty", "Pass a non-empty string or file.")
E102 = Code(
    "E102",
    "input looks binary ({detail})",
    "fazhi-ie reads text: UTF-8 or GB18030 encoded .txt files, or JSONL records.",
)
E103 = Code(
    "E103",
    "input could not be decoded as UTF-8 or GB18030",
    "Re-encode the file as UTF-8 (e.g. `iconv -f BIG5 -t UTF-8 in.txt > out.txt`).",
)
E104 = Code(
    "E104",
    "expected str, got {type}",
    "parse() takes the article text as a str; decode bytes first or use the CLI.",
)
E105 = Code(
    "E105",
    "invalid JSONL record at line {line}: {detail}",
    'Each line must be a JSON object with a "text" field (and optionally "id").',
)
E106 = Code("E106", "no such file or directory: {path}", "Check the path.")
E107 = Code(
    "E107",
    "invalid published date {value!r}",
    "Give a datetime.date, or an ISO string YYYY-MM-DD, YYYY-MM or --MM-DD.",
)
# hostile input, limits and worker processes (issue 18; docs/reliability.md)
E108 = Code(
    "E108",
    "document too large: {size} {unit}, over the limit of {limit}",
    "Split the document, or raise the limit (`--max-chars N`, parse_many(max_chars=N); "
    "None/0 removes it) if you accept the parsing time.",
)
E109 = Code(
    "E109",
    "parsing this document took longer than the time limit of {limit:g} s",
    "Raise or drop the limit (`--time-limit S`, parse_many(time_limit=S)), or split the "
    "document; the rest of the batch was parsed.",
)
E110 = Code(
    "E110",
    "the worker process died while parsing this document ({detail})",
    "The document was isolated and skipped; parse it alone with n_process=1 to see the "
    "cause, and please report it.",
)
E150 = Code(
    "E150",
    "parse_many(n_process={n}) was called from the top level of the script {script} "
    'without an `if __name__ == "__main__":` guard',
    "Worker processes re-run the script that starts them. Put the code that parses under "
    '`if __name__ == "__main__":` (see the README), or use n_process=1.',
)
E151 = Code(
    "E151",
    "network access is switched off (FAZHI_IE_OFFLINE=1): refused to {what}",
    "{fix}",
)
E152 = Code(
    "E152",
    "refused to load the HanLP model {model}: {detail}",
    "A model directory may only name classes of hanlp or fazhi_ie in its config.json; "
    "load models you trust, written by HanLP 2.1 or `fazhi-ie train-ner`.",
)
E153 = Code(
    "E153",
    "the worker processes exited while starting ({detail})",
    "Run with n_process=1 to see the error. A script that starts worker processes must "
    'keep its parsing code under `if __name__ == "__main__":`.',
)
E201 = Code(
    "E201",
    "the pkuseg segmentation model is not available: {detail}",
    "Run `fazhi-ie download` on a machine that can reach the Python package index "
    "(it runs `pip download pkuseg==0.0.25`), or copy a prepared model directory "
    "here and point FAZHI_IE_PKUSEG_MODEL at it.",
)
E202 = Code(
    "E202",
    "checksum mismatch for {path}: expected {expected}, got {actual}",
    "The downloaded file is not the published pkuseg 0.0.25 wheel; delete it and "
    "run `fazhi-ie download` again.",
)
E203 = Code(
    "E203",
    "refused to unpickle {what} while converting the pkuseg model",
    "The features file holds objects other than plain containers; it is not a "
    "pkuseg model. Fetch the published one with `fazhi-ie download`.",
)
E204 = Code(
    "E204",
    "not a pkuseg model directory: {path} ({detail})",
    "A model directory holds features.msgpack and weights.npz; "
    "prepare one with `fazhi-ie download --to DIR`.",
)
E205 = Code(
    "E205",
    "not a HanLP NER model directory: {path}{via}",
    "A model directory holds config.json, vocabs.json and model.pt. Train one with "
    "`fazhi-ie train-ner --out DIR`, or unset FAZHI_IE_NER_MODEL to use the model "
    "shipped in models/.",
)
E206 = Code(
    "E206",
    "the NER model {model} could not be loaded: {detail}",
    "A model of ours runs with ONNX Runtime from its model.onnx (write it with `python -m "
    "fazhi_ie.training.onnx_export DIR`); other HanLP models need the ner extra "
    "(`pip install fazhi-ie[ner]`: hanlp==2.1.5, torch) and a directory written by HanLP 2.1.",
)
E207 = Code(
    "E207",
    "the HanLP pretrained model {model!r} could not be loaded: {detail}",
    "HanLP downloads its pretrained models from its own servers. On a machine that can "
    "reach them, load it once with hanlp.load() and pass the downloaded directory; or "
    "use the model shipped in models/ (model=None).",
)
E208 = Code(
    "E208",
    "the NER stage cannot run this model here: {detail}",
    "The shipped model runs with onnxruntime (a dependency of fazhi-ie: `pip install "
    "onnxruntime`); HanLP models and the torch engine need the ner extra (`pip install "
    "fazhi-ie[ner]`: hanlp==2.1.5 and torch). Or build the pipeline with ner=False.",
)
E301 = Code(
    "E301",
    "no gold files found in {path}",
    "A gold directory holds <id>.txt and <id>.json pairs (see docs/ANNOTATION.md).",
)
E302 = Code(
    "E302",
    "invalid gold file {path}: {detail}",
    "Gold files are UTF-8 JSON objects in the format of docs/ANNOTATION.md.",
)
E304 = Code(
    "E304",
    "gold directory {path} has no article with id {ids}",
    "List ids that exist as <id>.txt + <id>.json pairs (one id per line in --ids).",
)
E401 = Code("E401", "invalid argument {name}={value!r}: {detail}", "{hint}")

# --- view and report (fazhi_ie.view, issue 16) -------------------------------
E601 = Code(
    "E601",
    "the report's plots need matplotlib: {detail}",
    "Install the extra: `pip install 'fazhi-ie[view]'`, or leave the plots out "
    "(report(..., plots=False), `fazhi-ie report --no-plots`).",
)
E602 = Code(
    "E602",
    "{path} line {line} is not a parsed article record: {detail}",
    "Give the JSONL that `fazhi-ie parse` writes (one Article per line), or a text "
    'file, a folder of them or an input JSONL ({{"id", "text"}}) to parse first.',
)
E603 = Code(
    "E603",
    "no article with id {id!r} in {path}",
    "Pick an id that the file holds (`fazhi-ie view FILE` without --id shows them all).",
)
E604 = Code(
    "E604",
    "render() expects an Article or its JSON dict, got {type}: {detail}",
    "Parse the text first (fazhi_ie.parse(text)), or pass Article.model_validate(data).",
)

# --- batch runs, tables and Dask (E5xx: fazhi_ie.batch, tables, dask) --------
E501 = Code(
    "E501",
    "{path} already holds a fazhi-ie batch run",
    "Add --resume to parse only the documents not yet written, or --overwrite to start over.",
)
E502 = Code(
    "E502",
    "cannot resume {path}: {what} changed (run: {old}, now: {new})",
    "Resume with the same fazhi-ie version, models and options as the run that wrote it, "
    "or write to a new output (or --overwrite).",
)
E503 = Code(
    "E503",
    "{module} is needed for tables: {detail}",
    "Install the tables extra: `pip install fazhi-ie[tables]` (pandas, pyarrow).",
)
E504 = Code(
    "E504",
    "{module} is needed for Dask: {detail}",
    "Install the dask extra: `pip install fazhi-ie[dask]` (dask[dataframe], distributed).",
)
E505 = Code(
    "E505",
    "cannot tell the output format of {path}",
    "Pass --format jsonl|parquet|csv|sqlite, or use a suffix: .jsonl, .parquet, .csv, .sqlite.",
)
E506 = Code(
    "E506",
    "{path} is not a fazhi-ie batch output: {detail}",
    "Resume or export the output of `fazhi-ie parse -o`, or write to a new output.",
)
E507 = Code(
    "E507",
    "cannot reach the Dask scheduler {address}: {detail}",
    "Start one (`dask scheduler`) and workers, or use --dask local for a cluster on this machine.",
)

# --- warnings recorded on articles -----------------------------------------
W101 = Code(
    "W101",
    "input was not valid UTF-8 and was decoded as GB18030",
    "Offsets refer to the decoded text; re-encode sources as UTF-8 to silence this.",
)
W102 = Code(
    "W102",
    "input contained {count} undecodable byte(s), replaced with U+FFFD",
    "Check the source encoding.",
)
W105 = Code(
    "W105",
    "input was decoded as {encoding} ({how})",
    "Offsets refer to the decoded text; re-encode sources as UTF-8 to silence this.",
)
W106 = Code(
    "W106",
    "removed {count} control character(s) from the input",
    "Offsets refer to the text without them; clean the source to silence this.",
)
W107 = Code(
    "W107",
    "replaced {count} lone surrogate(s) with U+FFFD",
    "A str with unpaired surrogates (e.g. from a \\ud800 JSON escape) is not text and "
    "cannot be written as UTF-8 JSON; offsets are unchanged (one character each).",
)
W104 = Code(
    "W104",
    "published date given by the caller ({given}) differs from the text ({found})",
    "The caller's date is used; check the metadata.",
)
W501 = Code(
    "W501",
    "input id {id!r} was already used by an earlier document; this one is kept as {new!r}",
    "Give every input document its own id; both documents are kept.",
)


class FazhiError(Exception):
    """Base class of every error raised on purpose by fazhi_ie."""

    def __init__(self, code: Code, **kwargs: object) -> None:
        message, hint = code.format(**kwargs)
        self.code = code.code
        self.message = message
        self.hint = hint
        super().__init__(f"[{self.code}] {message}. Hint: {hint}")

    def __reduce__(self) -> tuple[object, ...]:
        # picklable as it is, so that it crosses from a worker process to the caller
        return (_rebuild, (type(self), self.code, self.message, self.hint))


def _rebuild(cls: type[FazhiError], code: str, message: str, hint: str) -> FazhiError:
    return cls(Code(code, "{m}", "{h}"), m=message, h=hint)


class InputError(FazhiError, ValueError):
    """The input document cannot be parsed (empty, binary, undecodable)."""


class ModelError(FazhiError, RuntimeError):
    """A model the pipeline needs is missing or invalid."""


class GoldError(FazhiError, ValueError):
    """A gold directory or file does not follow ANNOTATION.md."""


class ConfigError(FazhiError, ValueError):
    """An argument or setting is invalid."""


def notice(code: Code, **kwargs: object) -> Notice:
    """The :class:`~fazhi_ie.records.Notice` of ``code`` with its message filled in."""
    message, hint = code.format(**kwargs)
    return Notice(code=code.code, message=message, hint=hint)


def error_notice(exc: BaseException) -> Notice:
    """A Notice for an exception: its own code when it is a FazhiError, else E900."""
    if isinstance(exc, FazhiError):
        return Notice(code=exc.code, message=exc.message, hint=exc.hint)
    return Notice(code="E900", message=f"{type(exc).__name__}: {exc}", hint="Please report this.")
