"""Value normalisers for extracted records (numbers for metrics)."""

from __future__ import annotations

from .numbers import NumberExpr, combine_approx, parse, parse_one, parse_value

__all__ = ["NumberExpr", "combine_approx", "parse", "parse_one", "parse_value"]
