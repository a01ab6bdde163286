"""Coded errors of the NER stage (E205-E208), raised as the project's ``ModelError``."""

from __future__ import annotations

from typing import Any

from fazhi_ie import errors as _errors
from fazhi_ie.errors import E205, E206, E207, E208

_CODES = {"E205": E205, "E206": E206, "E207": E207, "E208": E208}


def model_error(code: str, **kwargs: Any) -> _errors.ModelError:
    """A ``fazhi_ie.errors.ModelError`` for one of the NER codes."""
    return _errors.ModelError(_CODES[code], **kwargs)
