"""Decoding the bytes of one document into text, or saying why not.

The order (docs/reliability.md):

1. nothing but whitespace: E101;
2. a byte-order mark: UTF-32 or UTF-16 (warning W105 naming it) or UTF-8;
3. the magic number of a binary format (PDF, ZIP/docx, OLE2, images,
   executables, archives, ... listed in ``data/binary_signatures.json``): E102;
4. strict UTF-8;
5. otherwise the encoding found by charset-normalizer: GB18030 and its subsets
   decode as GB18030 (W101), any other (Big5, UTF-16 without a mark, ...) with
   W105 naming it;
6. nothing found: the better of UTF-8 and GB18030 with U+FFFD replacements (W102)
   when they are few, E103 when not.

NUL bytes (without a BOM) make a document binary (E102) unless charset detection
finds UTF-16 or UTF-32 in it: text files hold none.

Control characters (C0 but tab, newlines and form feed; DEL; C1; terminal
escape sequences whole) are then removed, wherever they are, with warning W106;
a document made of nothing else is binary (E102). Offsets in the record refer
to the text returned here.
"""

from __future__ import annotations

import re
from functools import cache

from .errors import E101, E102, E103, W101, W102, W105, W106, W107, InputError, notice
from .records import Notice
from .resources import load_json

#: Byte-order marks, longest first (the UTF-32-LE mark begins with UTF-16-LE's).
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32-LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32-BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16-LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16-BE"),
)
#: Encodings read as GB18030 (a superset of each), reported with W101.
GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312", "hz", "cp936"})
#: Terminal escape sequences (ESC [ ... letter) whole, then C0 controls except
#: \t \n \v \f \r, DEL and the C1 controls.
CONTROL_RE = re.compile("\x1b\\[[0-?]{0,32}[ -/]{0,8}[@-~]|[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Unpaired surrogates: in a str only (decoding never makes them), from JSON escapes.
SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: How many bytes charset detection looks at (it samples within them).
DETECT_BYTES = 1 << 20


@cache
def _signatures() -> tuple[tuple[str, tuple[tuple[int, bytes], ...]], ...]:
    table = load_json("binary_signatures.json")["signatures"]
    return tuple(
        (s["name"], tuple((int(off), bytes.fromhex(h)) for off, h in s["match"])) for s in table
    )


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts like (``"a PDF document"``), or None."""
    for name, parts in _signatures():
        if all(data[off : off + len(sig)] == sig for off, sig in parts):
            return name
    return None


def _bad_limit(text: str) -> int:
    return max(8, len(text) // 100)


def _decode_bom(data: bytes) -> tuple[str, list[Notice]] | None:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            warnings = [] if codec == "utf-8" else [notice(W105, encoding=label, how="BOM")]
            body = data[len(bom) :]
            try:
                return body.decode(codec), warnings
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                bad = text.count("\ufffd")
                if bad > _bad_limit(text):
                    raise InputError(E103) from None
                return text, [*warnings, notice(W102, count=bad)]
    return None


def _detect(data: bytes, wide_only: bool = False) -> tuple[str, list[Notice]] | None:
    """Decode with the encoding charset-normalizer finds (``wide_only``: UTF-16 or
    UTF-32 only), or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None:
        return None
    enc = best.encoding.lower().replace("-", "_")
    if wide_only and not enc.startswith(("utf_16", "utf_32")):
        return None
    if enc.replace("_", "") in GB_FAMILY:
        enc, warnings = "gb18030", [notice(W101)]
    else:
        label = enc.upper().replace("_", "-")
        warnings = [notice(W105, encoding=label, how="detected")]
    try:
        return data.decode(enc), warnings
    except (UnicodeDecodeError, LookupError):
        return None


def _replace(data: bytes) -> tuple[str, list[Notice]]:
    utf8 = data.decode("utf-8", errors="replace")
    gb = data.decode("gb18030", errors="replace")
    n_utf8, n_gb = utf8.count("\ufffd"), gb.count("\ufffd")
    text, bad, warnings = (utf8, n_utf8, []) if n_utf8 <= n_gb else (gb, n_gb, [notice(W101)])
    if bad > _bad_limit(text):
        raise InputError(E103)
    return text, [*warnings, notice(W102, count=bad)]


def strip_controls(text: str) -> tuple[str, list[Notice]]:
    """``text`` without control characters, and a W106 warning when any were removed."""
    cleaned, count = CONTROL_RE.subn("", text)
    return (cleaned, [notice(W106, count=count)]) if count else (text, [])


def replace_surrogates(text: str) -> tuple[str, list[Notice]]:
    """``text`` with lone surrogates replaced by U+FFFD (W107): same length, same offsets.
    Records are written as UTF-8 JSON, which cannot hold them."""
    fixed, count = SURROGATE_RE.subn("\ufffd", text)
    return (fixed, [notice(W107, count=count)]) if count else (text, [])


def decode_bytes(data: bytes) -> tuple[str, list[Notice]]:
    """The text of a document's bytes and the warnings about how it was read.

    Raises :class:`~fazhi_ie.errors.InputError`: E101 (empty), E102 (binary),
    E103 (no encoding fits). See the module docstring for the order of tries.
    """
    if not data or not data.strip():
        raise InputError(E101)
    decoded = _decode_bom(data)
    if decoded is None:
        kind = binary_kind(data)
        if kind:
            raise InputError(E102, detail=kind)
        if b"\x00" in data:  # text has no NUL bytes, but UTF-16/32 without a BOM
            decoded = _detect(data, wide_only=True)
            if decoded is None:
                raise InputError(E102, detail="contains NUL bytes")
        else:
            try:
                decoded = data.decode("utf-8"), []
            except UnicodeDecodeError:
                decoded = _detect(data) or _replace(data)
    text, warnings = decoded
    text, removed = strip_controls(text)
    if not text.strip():
        if removed:
            raise InputError(E102, detail="nothing but control characters")
        raise InputError(E101)
    return text, warnings + removed
