"""Gold articles: the pydantic models of the gold JSON, loading a gold directory, and
the oracle that turns gold records into an :class:`~fazhi_ie.records.Article`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictFloat, StrictInt, ValidationError
from pydantic import Field as PField

from fazhi_ie.errors import E301, E302, GoldError
from fazhi_ie.evaluate.keys import GOLD_DATE_RE, PARTIAL_DATE_RE, comparison_key, t2s_converter
from fazhi_ie.records import (
    Approx,
    Article,
    Event,
    EventType,
    Law,
    Metric,
    Organization,
    Person,
    Quantity,
    Span,
)


# --- gold records -------------------------------------------------------------
class _Gold(BaseModel):
    # Unknown keys (annotator notes, extra attributes) are ignored.
    model_config = ConfigDict(extra="ignore", frozen=True)


RECORD_TYPES: tuple[str, ...] = ("organizations", "persons", "laws", "events", "metrics")
"""The record types scored as sets, in report order (``published`` comes after)."""


class GoldOrganization(_Gold):
    name: str = PField(min_length=1)
    aliases: list[str] = PField(default_factory=list)


class GoldPerson(_Gold):
    name: str = PField(min_length=1)


class GoldLaw(_Gold):
    name: str = PField(min_length=1)


class GoldEvent(_Gold):
    type: EventType
    date: str | None = None
    organizers: list[str] = PField(default_factory=list)


class GoldMetric(_Gold):
    value: StrictInt | StrictFloat
    unit: str
    quantity: Quantity | None = None
    approx: Approx | None = None


class GoldArticle(_Gold):
    """One gold article: the raw text and the annotated records.

    A record list that is ``None`` was not annotated (its key was missing from
    the JSON); an empty list was annotated as empty. ``published_annotated`` is
    False when the ``published`` key was missing.
    """

    id: str
    text: str = ""
    published: str | None = None
    published_annotated: bool = True
    organizations: list[GoldOrganization] | None = None
    persons: list[GoldPerson] | None = None
    laws: list[GoldLaw] | None = None
    events: list[GoldEvent] | None = None
    metrics: list[GoldMetric] | None = None
    path: str | None = None
    encoding: str = "utf-8"


def _gold_error(path: object, detail: str) -> GoldError:
    return GoldError(E302, path=str(path), detail=detail)


def _validation_detail(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', '')}" if loc else str(err.get("msg", "")))
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def gold_from_dict(
    data: Mapping[str, Any],
    *,
    id: str | None = None,
    text: str | None = None,
    path: object = "<dict>",
    encoding: str = "utf-8",
) -> GoldArticle:
    """Validate one gold JSON object (ANNOTATION.md) into a :class:`GoldArticle`.

    ``id`` and ``text`` override the object's own ``id`` / ``text`` keys.
    Raises :class:`~fazhi_ie.errors.GoldError` E302 when the object is malformed.
    """
    if not isinstance(data, Mapping):
        raise _gold_error(path, f"expected a JSON object, got {type(data).__name__}")
    fields: dict[str, Any] = {}
    art_id = id if id is not None else data.get("id")
    if not isinstance(art_id, str) or not art_id:
        raise _gold_error(path, "missing or invalid 'id'")
    fields["id"] = art_id
    raw_text = text if text is not None else data.get("text", "")
    if not isinstance(raw_text, str):
        raise _gold_error(path, "'text' must be a string")
    fields["text"] = raw_text
    if "published" in data:
        pub = data["published"]
        if pub is not None and (not isinstance(pub, str) or not PARTIAL_DATE_RE.match(pub)):
            raise _gold_error(
                path, f"published: expected YYYY-MM-DD, YYYY-MM, --MM-DD or null, got {pub!r}"
            )
        fields["published"] = pub
    else:
        fields["published_annotated"] = False
    for kind in RECORD_TYPES:
        value = data.get(kind)
        if value is None:  # missing (or null): not annotated
            continue
        if not isinstance(value, list):
            raise _gold_error(path, f"{kind}: expected a list, got {type(value).__name__}")
        fields[kind] = value
    for n, ev in enumerate(fields.get("events") or []):
        if isinstance(ev, Mapping):
            date = ev.get("date")
            if date is not None and (not isinstance(date, str) or not GOLD_DATE_RE.match(date)):
                raise _gold_error(
                    path,
                    f"events.{n}.date: expected YYYY-MM-DD, YYYY-MM, --MM-DD, a range A/B "
                    f"of those, or null; got {date!r}",
                )
    fields["path"] = None if path == "<dict>" else str(path)
    fields["encoding"] = encoding
    try:
        return GoldArticle.model_validate(fields)
    except ValidationError as exc:
        raise _gold_error(path, _validation_detail(exc)) from None


def _read_text(path: Path) -> tuple[str, str]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise _gold_error(path, "text is neither UTF-8 nor GB18030") from None


def load_gold_dir(path: str | Path) -> list[GoldArticle]:
    """Read every ``<id>.txt`` + ``<id>.json`` pair of a gold directory, sorted by id.

    ``index.jsonl`` (and any other file) is ignored; a ``.txt`` without a
    ``.json`` (or a ``.json`` without a ``.txt``) is skipped. The text is read
    as UTF-8, falling back to GB18030, and kept raw (no newline translation).
    Raises GoldError E301 when no pair is found, E302 for a malformed JSON file.
    """
    root = Path(path)
    if not root.is_dir():
        raise GoldError(E301, path=str(root))
    golds: list[GoldArticle] = []
    for txt in sorted(root.glob("*.txt")):
        js = txt.with_suffix(".json")
        if not txt.is_file() or not js.is_file():
            continue
        try:
            data = json.loads(js.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _gold_error(js, f"not valid UTF-8 JSON ({exc})") from None
        text, encoding = _read_text(txt)
        golds.append(gold_from_dict(data, id=txt.stem, text=text, path=js, encoding=encoding))
    if not golds:
        raise GoldError(E301, path=str(root))
    return golds


# --- the oracle ---------------------------------------------------------------
def _coerce_gold(gold: GoldArticle | Mapping[str, Any]) -> GoldArticle:
    if isinstance(gold, GoldArticle):
        return gold
    return gold_from_dict(gold, id=gold.get("id") or "<dict>")


def _org_index(orgs: Iterable[GoldOrganization]) -> dict[str, int]:
    """Normalised name/alias -> position of the first gold organization carrying it."""
    index: dict[str, int] = {}
    for n, org in enumerate(orgs):
        for form in (org.name, *org.aliases):
            key = comparison_key(form)
            if key:
                index.setdefault(key, n)
    return index


def gold_to_article(gold: GoldArticle | Mapping[str, Any]) -> Article:
    """Turn gold records into an :class:`Article` prediction (an oracle).

    Scoring the result against the same gold gives F1 = 1.0 for every record
    type. Organization mentions are the first raw-text occurrence of the
    name and of each alias (when found); metric spans are empty
    (``Span(start=0, end=0, text="")``); an organizer name not found among the
    gold organizations is dropped.
    """
    g = _coerce_gold(gold)
    text = g.text
    orgs: list[Organization] = []
    for n, org in enumerate(g.organizations or [], 1):
        mentions: list[Span] = []
        for form in (org.name, *org.aliases):
            at = text.find(form) if form else -1
            if at >= 0:
                span = Span(start=at, end=at + len(form), text=form)
                if span not in mentions:
                    mentions.append(span)
        orgs.append(
            Organization(
                id=f"org-{n}",
                name=org.name,
                canonical=t2s_converter().convert(org.name),
                mentions=mentions,
            )
        )
    org_at = _org_index(g.organizations or [])
    events: list[Event] = []
    for n, ev in enumerate(g.events or [], 1):
        date, date_end = None, None
        if ev.date is not None:
            date, _, end = ev.date.partition("/")
            date_end = end or None
        organizers: list[str] = []
        for name in ev.organizers:
            pos = org_at.get(comparison_key(name))
            if pos is not None and orgs[pos].id not in organizers:
                organizers.append(orgs[pos].id)
        events.append(
            Event(
                id=f"ev-{n}",
                type=ev.type,
                date=date,
                date_end=date_end,
                date_resolved=date is not None,
                organizers=organizers,
            )
        )
    return Article(
        id=g.id,
        text=text,
        published=g.published,
        organizations=orgs,
        persons=[Person(id=f"per-{n}", name=p.name) for n, p in enumerate(g.persons or [], 1)],
        laws=[
            Law(id=f"law-{n}", name=law.name, full_name=law.name)
            for n, law in enumerate(g.laws or [], 1)
        ],
        events=events,
        metrics=[
            Metric(
                id=f"m-{n}",
                value=m.value,
                unit=m.unit,
                quantity=m.quantity or Quantity.other,
                approx=m.approx or Approx.exact,
                span=Span(start=0, end=0, text=""),
            )
            for n, m in enumerate(g.metrics or [], 1)
        ],
    )
