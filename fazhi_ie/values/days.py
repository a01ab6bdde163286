"""Day arithmetic on the dates the records carry (``YYYY-MM-DD`` or ``--MM-DD``)::

>>> shift_day("--12-31", 1) is None   # across the new year with no year stated
True
>>> shift_day("2024-02-28", 2)
'2024-03-01'
"""

from __future__ import annotations

import datetime as dt

__all__ = ["shift_day"]

#: The year used for month-day arithmetic when the year is unknown (a leap year,
#: so that 2月29日 exists).
_LEAP = 2000


def shift_day(date: str, days: int) -> str | None:
    """``date`` moved by ``days`` days, in the same form; None for another form, an
    impossible date, or a partial date moved into another year."""
    partial = date.startswith("--")
    try:
        if partial:
            month, day = (int(x) for x in date[2:].split("-"))
            first = dt.date(_LEAP, month, day)
        else:
            first = dt.date.fromisoformat(date)
    except ValueError:
        return None
    moved = first + dt.timedelta(days=days)
    if not partial:
        return moved.isoformat()
    if moved.year != first.year:
        return None
    return f"--{moved.month:02d}-{moved.day:02d}"
