"""Record names written with the brackets of the text.

Cleaning turns full-width brackets into ASCII ones (``（`` -> ``(``) so that the
components see one form; a name is written as the article writes it, so
``《業主與租客（綜合）條例》`` gives ``业主与租客（综合）条例`` and ``青禾贸易(上海)有限公司``
keeps its ASCII brackets. Runs after every builder (names are read from the clean
text; the raw mentions say which brackets the text used)."""

from __future__ import annotations

from ..records import Law, Organization
from .context import Assembly

__all__ = ["written_brackets"]

_TO_FULL = str.maketrans("()", "（）")


def _written(name: str, raw: list[str]) -> str:
    """``name`` with full-width brackets when every bracketed raw mention has them."""
    if "(" not in name and ")" not in name:
        return name
    bracketed = [t for t in raw if any(ch in t for ch in "()（）")]
    if bracketed and all("(" not in t and ")" not in t for t in bracketed):
        return name.translate(_TO_FULL)
    return name


def written_brackets(ctx: Assembly) -> None:
    """Organization and law names (and a law's full name) with the text's brackets."""
    records: list[Organization | Law] = [*ctx.organizations, *ctx.laws]
    for rec in records:
        raw = [m.text for m in rec.mentions]
        rec.name = _written(rec.name, raw)
        if isinstance(rec, Organization):
            rec.canonical = _written(rec.canonical, raw)
        else:
            rec.full_name = _written(rec.full_name, raw)
