"""The cleaning steps: small functions ``OffsetText -> OffsetText``.

Each step does one thing with one regex pass (or one ``str.translate``), and
keeps the offset map through :class:`~fazhi_ie.text.offsets.OffsetText`.
:data:`DEFAULT_STEPS` lists them in the order :func:`~fazhi_ie.text.normalize`
runs them; compose your own with :func:`~fazhi_ie.text.offsets.make_pipeline`.

Order matters in three places: HTML debris goes before full-width conversion
(so that a full-width ``？？`` is not mistaken for a ``??`` mojibake run);
full-width conversion goes before pinyin removal (``報（bào）``); boilerplate
patterns are written in Simplified half-width text, so they run after the
Traditional->Simplified conversion.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from ..resources import load_json
from .offsets import OffsetText
from .primitives import HAN

# --- character classes ---------------------------------------------------------
ZH_PUNCT = "、。，,《》“”‘’「」『』【】〔〕〖〗：；！？…—·（）"
"""Chinese punctuation (and the half-width comma used as one in many pages)."""

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\u0300-\u036f"
_PINYIN_CHARS = "a-z" + _TONED

BLOCK_TAGS = {"p", "br", "div", "li", "tr", "table", "section", "h1", "h2", "h3", "h4", "h5", "h6"}


# --- 0. control characters and odd spaces -----------------------------------------
_CONTROL = re.compile(
    "[\r\u2028\u2029\x0b\x0c\x85"  # line breaks -> \n (CRLF -> \n)
    "\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f"  # invisible -> deleted
    "\t\u00a0\u1680\u2000-\u200a\u202f\u205f]"  # odd spaces -> space
)


def _control_repl(m: re.Match[str]) -> str:
    ch = m.group()
    if ch == "\r":
        e = m.end()
        return "" if m.string[e : e + 1] == "\n" else "\n"
    if ch in "\u2028\u2029\x0b\x0c\x85":
        return "\n"
    if ch in "\t\u00a0\u1680\u202f\u205f" or "\u2000" <= ch <= "\u200a":
        return " "
    return ""


def normalize_controls(ot: OffsetText) -> OffsetText:
    """CRLF/CR and Unicode line separators -> ``\\n``; zero-width characters and
    controls deleted; tabs and no-break/typographic spaces -> a plain space."""
    return ot.sub(_CONTROL, _control_repl)


# --- 1. HTML debris and ???? runs ------------------------------------------------
_HTML = re.compile(
    r"</?([a-zA-Z][a-zA-Z0-9]{0,9})(?:\s[^<>\n]{0,200})?/?>"  # a tag
    r"|\?/([a-zA-Z][a-zA-Z0-9]{0,9})>"  # a closing tag whose '<' became '?'
    r"|&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});"  # an entity
    r"|nbsp;(?<![A-Za-z&]nbsp;)"  # an entity that lost its '&'
)


def _html_repl(m: re.Match[str]) -> str | None:
    s = m.group()
    tag = m.group(1) or m.group(2)
    if tag is not None:
        return "\n" if tag.lower() in BLOCK_TAGS else ""
    if s.startswith("&"):
        out = html.unescape(s)
        if out == s:  # unknown entity name: leave it alone
            return None
        return " " if out == "\xa0" else out
    return " "  # 'nbsp;'


def remove_html_debris(ot: OffsetText) -> OffsetText:
    """Delete HTML tags (``<p>``, ``</span>``) and broken closing tags (``?/p>``);
    block tags become a line break; entities become their character
    (``&nbsp;`` -> space, ``&amp;`` -> ``&``)."""
    return ot.sub(_HTML, _html_repl, "html")


_QMARKS = re.compile(r"\?{2,}")


def _qmarks_repl(m: re.Match[str]) -> str:
    text, s, e = m.string, m.start(), m.end()
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return " "
    return ""


def remove_question_runs(ot: OffsetText) -> OffsetText:
    """Delete runs of two or more ASCII ``?`` (mojibake of full-width spaces,
    typically at line starts); a run between two ASCII words becomes a space."""
    return ot.sub(_QMARKS, _qmarks_repl, "mojibake")


# --- 2. full-width -> half-width -------------------------------------------------
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


_FULLWIDTH_ANY = re.compile("[\uff01-\uff5e\u3000]")


def fullwidth_to_halfwidth(ot: OffsetText) -> OffsetText:
    """Full-width ASCII (``ＡＢＣ１２３，：（）``) -> ASCII, ideographic space -> space.

    Chinese punctuation outside the full-width ASCII block (``。、“”《》【】``)
    is kept. Character for character: offsets do not change.
    """
    if _FULLWIDTH_ANY.search(ot.text) is None:
        return ot
    return ot.substitute(ot.text.translate(_FULLWIDTH))


# --- 3. inserted pinyin ------------------------------------------------------------
_PINYIN = re.compile(
    # the literal '(' comes first so that the regex engine can skip to it
    rf"\((?<=[{HAN}]\()(?=[{_PINYIN_CHARS}]*[{_TONED}])[{_PINYIN_CHARS}]{{1,8}}\)",
)


def remove_pinyin(ot: OffsetText) -> OffsetText:
    """Delete pinyin inserted after a character: ``報(bào)`` -> ``報``.

    Only a parenthesised run of lower-case pinyin letters that carries a tone
    mark (or ü) right after a Han character is removed, so ``(克拉玛依高新区)``,
    ``(2020)`` or ``(WTO)`` stay.
    """
    return ot.sub(_PINYIN, "", "pinyin")


# --- 4. Traditional -> Simplified ---------------------------------------------------
@lru_cache(maxsize=4)
def opencc_converter(config: str = "t2s") -> Callable[[str], str]:
    """A cached OpenCC converter (``t2s``: OpenCC standard -> Simplified)."""
    import opencc

    return opencc.OpenCC(config).convert


_SEGMENT = re.compile(r"[^\n]+")
_CLAUSE = re.compile(rf"[^\s{re.escape(ZH_PUNCT)},.;:!?()\[\]]+")


def convert_aligned(text: str, convert: Callable[[str], str]) -> str:
    """Convert ``text`` keeping its length: line by line, and where a line
    comes out with another length, clause by clause, then character by
    character (a character whose conversion is not one character is kept)."""
    if not text:
        return text
    out = _safe(convert, text)
    if out is not None and len(out) == len(text):
        return out
    parts: list[str] = []
    pos = 0
    for m in _SEGMENT.finditer(text):
        parts.append(text[pos : m.start()])
        parts.append(_convert_segment(m.group(), convert, clauses=True))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def _safe(convert: Callable[[str], str], s: str) -> str | None:
    try:
        return convert(s)
    except (UnicodeError, ValueError, RuntimeError):  # e.g. a lone surrogate
        return None


def _convert_segment(seg: str, convert: Callable[[str], str], clauses: bool) -> str:
    out = _safe(convert, seg)
    if out is not None and len(out) == len(seg):
        return out
    if clauses:
        parts: list[str] = []
        pos = 0
        for m in _CLAUSE.finditer(seg):
            parts.append(seg[pos : m.start()])
            parts.append(_convert_segment(m.group(), convert, clauses=False))
            pos = m.end()
        parts.append(seg[pos:])
        return "".join(parts)
    chars = []
    for ch in seg:
        c = _safe(convert, ch)
        chars.append(c if c is not None and len(c) == 1 else ch)
    return "".join(chars)


def make_to_simplified(convert: Callable[[str], str] | None = None) -> Callable:
    """A Traditional->Simplified step using ``convert`` (default: OpenCC ``t2s``)."""

    def to_simplified(ot: OffsetText) -> OffsetText:
        conv = convert if convert is not None else opencc_converter("t2s")
        return ot.substitute(convert_aligned(ot.text, conv))

    to_simplified.__doc__ = (
        "Traditional -> Simplified (OpenCC t2s), length-preserving: offsets do not change."
    )
    return to_simplified


to_simplified = make_to_simplified()


# --- 5. boilerplate -------------------------------------------------------------------
class _Boilerplate:
    def __init__(self, data: dict) -> None:
        seps = data["line_separators"]
        self.sep_only = re.compile(rf"^[{seps}]*$")
        tokens = sorted(data["line_tokens"], key=len, reverse=True)
        self.tokens = re.compile("|".join(f"(?:{t})" for t in tokens))
        # patterns anchored at the line start are tried once per line (match),
        # the others at every position (search): keep them in two regexes
        self.footer_label = re.compile(data["footer_label_lines"])
        self.line_start = self._combine(data["line_patterns"], anchored=True)
        self.line_any = self._combine(data["line_patterns"], anchored=False)
        self.inline = re.compile(
            "|".join(
                f"(?P<{reason}>{'|'.join(f'(?:{p})' for p in pats)})"
                for reason, pats in data["inline_patterns"].items()
            )
        )

    @staticmethod
    def _combine(groups: dict[str, list[str]], anchored: bool) -> re.Pattern[str]:
        alts = []
        for reason, pats in groups.items():
            sel = [p[1:] if anchored else p for p in pats if p.startswith("^") == anchored]
            if sel:
                alts.append(f"(?P<{reason}>{'|'.join(f'(?:{p})' for p in sel)})")
        return re.compile("|".join(alts) if alts else "(?!)")

    def line_reason(self, line: str) -> str | None:
        """Why a (stripped, non-empty) line is page furniture, or None."""
        m = self.line_start.match(line) or self.line_any.search(line)
        if m is not None:
            return m.lastgroup
        if len(line) <= 80:
            rest = self.tokens.sub("", line)
            if self.sep_only.match(rest):
                return "furniture" if rest != line else "debris"
        return None


@lru_cache(maxsize=1)
def boilerplate_patterns() -> _Boilerplate:
    return _Boilerplate(load_json("text_boilerplate.json"))


_LINE = re.compile(r"[^\n]*\n?")


def remove_boilerplate(ot: OffsetText) -> OffsetText:
    """Drop page-furniture lines and inline debris (patterns in
    ``fazhi_ie/data/text_boilerplate.json``): login/share/print buttons,
    ``字号 大中小``, breadcrumbs, crawl banners (``今天是…星期…``), ICP and
    copyright footers, image file names, URLs, ``浏览量:`` counters.

    Bylines and credit lines (记者, 编辑, 审核, 来源, 摄) are kept: they name
    persons.
    """
    bp = boilerplate_patterns()
    lines = []
    block: list[tuple[int, int, str, str]] = []  # footer label lines of the current block
    footer = False  # the current block of non-content lines holds a footer line
    for m in _LINE.finditer(ot.text):
        line = m.group().strip()
        reason = bp.line_reason(line) if line else None
        if reason is None and line and bp.footer_label.match(line):
            block.append((m.start(), m.end(), "", "footer"))
            if footer:  # 技术支持:… / 地址:…: the footer goes on
                lines.extend(block)
                block = []
            continue
        if reason is not None:
            lines.append((m.start(), m.end(), "", reason))
            footer = footer or reason == "footer"
            if footer:  # 主办单位:… / 技术支持:…: the labels above belong to the footer
                lines.extend(block)
                block = []
        elif line:
            block, footer = [], False
    if lines:
        lines.sort()
        ot = ot.edit(lines)
    found = [(m.start(), m.end(), "", m.lastgroup) for m in bp.inline.finditer(ot.text)]
    if found:
        ot = ot.edit(found)
    return ot


# --- 6. whitespace ---------------------------------------------------------------------
_HSPACE_RUN = re.compile(r"[ ]{2,}")
_LINE_EDGE = re.compile(r"[ ]+(?=\n)|(?<=\n)[ ]+|^[ ]+|[ ]+$")
_NEWLINES = re.compile(r"\n{2,}|^\n+|\n+$")
_Z = f"{HAN}{re.escape(ZH_PUNCT)}"
# the date units a space before (12 月) or after (月 4) is dropped (date_patterns.json)
_UNITS = load_json("date_patterns.json")["spaced_units"]
_PUNCT_OPEN = re.escape("、。，,：；！？…（“‘「『《【〔")
_PUNCT_CLOSE = re.escape("、。，,：；！？…）”’」』》】〕")
_INNER_SPACE = re.compile(
    # (each branch starts with the literal space so that the engine can skip to it)
    # a space between two letter-spaced (single) Han characters: '赵 军'
    rf"[ ](?<=(?<![{HAN}])[{HAN}][ ])(?=[{HAN}](?![{HAN}]))"
    # a space after Chinese punctuation or an opening bracket, or before
    # punctuation or a closing bracket (not between a closing and an opening one)
    rf"|[ ](?<=[{_PUNCT_OPEN}][ ])(?=[{_Z}])"
    rf"|[ ](?<=[{_Z}][ ])(?=[{_PUNCT_CLOSE}])"
    # dates written '12 月 4 日'
    rf"|[ ](?<=\d[ ])(?=[{_UNITS['before']}])|[ ](?<=[{_UNITS['after']}][ ])(?=\d)"
)


#: A line break before punctuation that never opens a line.
_BROKEN_LINE = re.compile(r"\n(?=[，,、。；;：:）)」』”’！？!?])")


def normalize_whitespace(ot: OffsetText) -> OffsetText:
    """Collapse space runs to one space, strip line edges, collapse blank lines
    (one ``\\n`` between paragraphs), and delete spaces that only pad Chinese
    text: letter-spacing (``赵 军``, ``有 了 进 一 步``: single characters on
    both sides), spaces beside Chinese punctuation, and inside dates
    (``12 月 4 日``). A space between two multi-character runs
    (``守护美好生活 共建法治社会``) is kept. A line that opens with punctuation
    that never opens a line (``，``, ``、``, ``。``) goes on the line before it."""
    ot = ot.sub(_HSPACE_RUN, " ")
    ot = ot.sub(_LINE_EDGE, "")
    ot = ot.sub(_NEWLINES, lambda m: "" if m.start() == 0 or m.end() == len(m.string) else "\n")
    # a line that opens with a comma or a full stop goes on the line before it (a
    # scraper broke the sentence: 某局按照省\n、市部门的安排\n，开展…)
    ot = ot.sub(_BROKEN_LINE, "")
    return ot.sub(_INNER_SPACE, "")


DEFAULT_STEPS: tuple[Callable[[OffsetText], OffsetText], ...] = (
    normalize_controls,
    remove_html_debris,
    remove_question_runs,
    fullwidth_to_halfwidth,
    remove_pinyin,
    to_simplified,
    remove_boilerplate,
    normalize_whitespace,
)
"""The steps :func:`~fazhi_ie.text.normalize` runs, in order."""
