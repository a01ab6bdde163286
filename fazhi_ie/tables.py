"""Flat tables of records: one row per article, per record, per link and per mention.

The nested :class:`~fazhi_ie.records.Article` becomes the tables an analyst loads
(``to_frames`` for pandas; the parquet, csv and SQLite sinks of
:mod:`fazhi_ie.batch` write the same rows). Every table is keyed by
``article_id`` and the record's id inside the article (``org_id``, ``event_id``, ...).

Column types (:data:`TABLES`) are part of the versioned contract
(:data:`TABLES_VERSION`, snapshot in ``docs/schema/tables.schema.json``):

* ``str``, ``int``, ``float``, ``bool``: nullable scalars;
* ``date``: a complete ISO date (``YYYY-MM-DD``), null when the date is partial
  or missing; the ``*_iso`` string column next to it keeps partial dates
  (``2023-12``, ``--12-04``);
* ``cat``: an enum of :mod:`fazhi_ie.records` (its values listed in the schema);
* ``json``: a list or mapping as JSON text (``titles``, ``metadata``, ``pipeline``).

Rows are plain dicts and need nothing outside the standard library; pandas and
pyarrow (the ``tables`` extra) are imported only by :func:`to_frames` and
:func:`arrow_schema`.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

from .errors import E503, ConfigError
from .records import (
    SCHEMA_VERSION,
    AdminLevel,
    Approx,
    Article,
    EventType,
    LawKind,
    OrgKind,
    Quantity,
    RelationType,
    Script,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

#: Version of the flat table schemas (semantic versioning, like SCHEMA_VERSION):
#: adding a column or a table bumps the minor version; removing or renaming one,
#: or changing its type, bumps the major version.
TABLES_VERSION = "1.0.0"

#: The role of a target in ``event_links``.
LINK_ROLES = ("organizer", "participant", "law", "metric")
#: The record type of a row in ``mentions``.
MENTION_TYPES = ("organization", "person", "location", "law")

_CATS: dict[str, tuple[str, ...]] = {
    "script": tuple(m.value for m in Script),
    "org_kind": tuple(m.value for m in OrgKind),
    "admin_level": tuple(m.value for m in AdminLevel),
    "law_kind": tuple(m.value for m in LawKind),
    "event_type": tuple(m.value for m in EventType),
    "approx": tuple(m.value for m in Approx),
    "quantity": tuple(m.value for m in Quantity),
    "relation_type": tuple(m.value for m in RelationType),
    "link_role": LINK_ROLES,
    "mention_type": MENTION_TYPES,
}


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """``"name:type name:type"`` as ((name, type), ...); ``cat`` types name their enum."""
    return tuple((c.split(":", 1)[0], c.split(":", 1)[1]) for c in spec.split())


_SPAN = "start:int end:int text:str"
#: Table name -> ((column, type), ...). The first columns of each are its key.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": _cols(
        "article_id:str title:str source:str published:date published_iso:str "
        "script:cat:script error_code:str error_message:str n_chars:int n_organizations:int "
        "n_persons:int n_locations:int n_laws:int n_events:int n_metrics:int n_relations:int "
        "n_warnings:int schema_version:str pipeline:json metadata:json text:str"
    ),
    "organizations": _cols(
        "article_id:str org_id:str name:str canonical:str kind:cat:org_kind "
        "level:cat:admin_level region:str n_mentions:int"
    ),
    "persons": _cols("article_id:str person_id:str name:str titles:json org_id:str n_mentions:int"),
    "locations": _cols(
        "article_id:str location_id:str name:str level:cat:admin_level parent:str n_mentions:int"
    ),
    "laws": _cols(
        "article_id:str law_id:str name:str full_name:str kind:cat:law_kind n_mentions:int"
    ),
    "events": _cols(
        "article_id:str event_id:str type:cat:event_type name:str theme:str date:date "
        "date_iso:str date_end:date date_end_iso:str date_text:str date_resolved:bool "
        "audience:str location_id:str trigger_start:int trigger_end:int trigger_text:str "
        "evidence_start:int evidence_end:int evidence_text:str"
    ),
    "event_links": _cols(
        "article_id:str event_id:str role:cat:link_role target_id:str position:int"
    ),
    "metrics": _cols(
        "article_id:str metric_id:str value:float value_max:float approx:cat:approx unit:str "
        "quantity:cat:quantity subject:str org_id:str event_id:str " + _SPAN
    ),
    "relations": _cols(
        "article_id:str relation_id:str type:cat:relation_type head:str tail:str " + _SPAN
    ),
    "mentions": _cols(
        "article_id:str record_id:str record_type:cat:mention_type position:int " + _SPAN
    ),
    "warnings": _cols("article_id:str position:int code:str message:str"),
}

#: Key columns of each table (unique together).
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "organizations": ("article_id", "org_id"),
    "persons": ("article_id", "person_id"),
    "locations": ("article_id", "location_id"),
    "laws": ("article_id", "law_id"),
    "events": ("article_id", "event_id"),
    "event_links": ("article_id", "event_id", "role", "position"),
    "metrics": ("article_id", "metric_id"),
    "relations": ("article_id", "relation_id"),
    "mentions": ("article_id", "record_id", "position"),
    "warnings": ("article_id", "position"),
}

Rows = dict[str, list[dict[str, Any]]]


def _iso_date(value: str | None) -> _dt.date | None:
    if value is None or len(value) != 10 or value.startswith("--"):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _v(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _span(prefix: str, span: Any) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {f"{prefix}start": span.start, f"{prefix}end": span.end, f"{prefix}text": span.text}


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def article_rows(
    article: Article, metadata: Mapping[str, Any] | None = None, out: Rows | None = None
) -> Rows:
    """The rows of one article in every table (appended to ``out`` when given).

    An error record (``article.error`` set) is one row of ``articles`` with its
    ``error_code``; it is never dropped. ``metadata`` (extra input fields) goes to
    ``articles.metadata`` as JSON.
    """
    out = empty_rows() if out is None else out
    aid = article.id
    err = article.error
    out["articles"].append(
        {
            "article_id": aid,
            "title": article.title,
            "source": article.source,
            "published": _iso_date(article.published),
            "published_iso": article.published,
            "script": article.script.value,
            "error_code": err.code if err else None,
            "error_message": err.message if err else None,
            "n_chars": len(article.text),
            **{f"n_{k}": len(getattr(article, k)) for k in _COUNTED},
            "n_warnings": len(article.warnings),
            "schema_version": article.schema_version,
            "pipeline": _json(article.pipeline) if article.pipeline else None,
            "metadata": _json(dict(metadata)) if metadata else None,
            "text": article.text,
        }
    )
    for i, w in enumerate(article.warnings):
        out["warnings"].append(
            {"article_id": aid, "position": i, "code": w.code, "message": w.message}
        )
    ment = out["mentions"]
    for kind, rtype in _ENTITIES:
        for rec in getattr(article, kind):
            for i, s in enumerate(rec.mentions):
                ment.append(
                    {"article_id": aid, "record_id": rec.id, "record_type": rtype, "position": i}
                    | _span("", s)
                )
    for o in article.organizations:
        out["organizations"].append(
            {"article_id": aid, "org_id": o.id, "name": o.name, "canonical": o.canonical}
            | {"kind": o.kind.value, "level": _v(o.level), "region": o.region}
            | {"n_mentions": len(o.mentions)}
        )
    for p in article.persons:
        out["persons"].append(
            {"article_id": aid, "person_id": p.id, "name": p.name, "titles": _json(p.titles)}
            | {"org_id": p.organization, "n_mentions": len(p.mentions)}
        )
    for loc in article.locations:
        out["locations"].append(
            {"article_id": aid, "location_id": loc.id, "name": loc.name, "level": _v(loc.level)}
            | {"parent": loc.parent, "n_mentions": len(loc.mentions)}
        )
    for law in article.laws:
        out["laws"].append(
            {"article_id": aid, "law_id": law.id, "name": law.name, "full_name": law.full_name}
            | {"kind": law.kind.value, "n_mentions": len(law.mentions)}
        )
    for e in article.events:
        out["events"].append(
            {"article_id": aid, "event_id": e.id, "type": e.type.value, "name": e.name}
            | {"theme": e.theme, "date": _iso_date(e.date), "date_iso": e.date}
            | {"date_end": _iso_date(e.date_end), "date_end_iso": e.date_end}
            | {"date_text": e.date_text, "date_resolved": e.date_resolved}
            | {"audience": e.audience, "location_id": e.location}
            | _span("trigger_", e.trigger)
            | _span("evidence_", e.evidence)
        )
        for role, ids in zip(
            LINK_ROLES, (e.organizers, e.participants, e.laws, e.metrics), strict=True
        ):
            for i, target in enumerate(ids):
                out["event_links"].append(
                    {"article_id": aid, "event_id": e.id, "role": role}
                    | {"target_id": target, "position": i}
                )
    for m in article.metrics:
        out["metrics"].append(
            {"article_id": aid, "metric_id": m.id, "value": float(m.value)}
            | {"value_max": None if m.value_max is None else float(m.value_max)}
            | {"approx": m.approx.value, "unit": m.unit, "quantity": m.quantity.value}
            | {"subject": m.subject, "org_id": m.organization, "event_id": m.event}
            | _span("", m.span)
        )
    for r in article.relations:
        out["relations"].append(
            {"article_id": aid, "relation_id": r.id, "type": r.type.value, "head": r.head}
            | {"tail": r.tail}
            | _span("", r.evidence)
        )
    return out


_COUNTED = ("organizations", "persons", "locations", "laws", "events", "metrics", "relations")
_ENTITIES = tuple(
    zip(("organizations", "persons", "locations", "laws"), MENTION_TYPES, strict=True)
)


def rows_of(
    articles: Iterable[Article], metadata: Iterable[Mapping[str, Any] | None] | None = None
) -> Rows:
    """The rows of many articles (``metadata``: one mapping or None per article)."""
    out = empty_rows()
    metas = iter(metadata) if metadata is not None else None
    for art in articles:
        article_rows(art, next(metas, None) if metas is not None else None, out)
    return out


# --- typed views: pyarrow and pandas ------------------------------------------
def _need(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(E503, module=module, detail=str(exc)) from exc


def arrow_type(kind: str) -> pa.DataType:
    pa = _need("pyarrow")
    if kind.startswith("cat:"):
        return pa.dictionary(pa.int16(), pa.string())
    return {
        "str": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }[kind]


def arrow_schema(table: str) -> pa.Schema:
    """The pyarrow schema of one table (the parquet sink writes exactly this)."""
    pa = _need("pyarrow")
    meta = {"fazhi_ie.tables_version": TABLES_VERSION, "fazhi_ie.schema": SCHEMA_VERSION}
    return pa.schema([(c, arrow_type(k)) for c, k in TABLES[table]], metadata=meta)


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as a pyarrow Table with the table's schema."""
    pa = _need("pyarrow")
    schema = arrow_schema(table)
    plain = pa.schema([pa.field(f.name, _plain(f.type)) for f in schema], metadata=schema.metadata)
    tab = pa.Table.from_pylist(rows, schema=plain)
    return tab.cast(schema)


def _plain(t: pa.DataType) -> pa.DataType:
    pa = _need("pyarrow")
    return pa.string() if pa.types.is_dictionary(t) else t


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a typed pandas DataFrame (see :func:`to_frames` for the dtypes)."""
    pd = _need("pandas")
    cols = TABLES[table]
    data = {c: _series(pd, [r.get(c) for r in rows], kind) for c, kind in cols}
    return pd.DataFrame(data, columns=[c for c, _ in cols])


def typed(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """A DataFrame read back from a sink (parquet, csv text, SQLite) with the table's dtypes."""
    pd = _need("pandas")
    cols = TABLES[table]
    data = {c: _series(pd, df[c].tolist() if c in df else [None] * len(df), k) for c, k in cols}
    return pd.DataFrame(data, columns=[c for c, _ in cols])


_TRUE = {"true": True, "1": True, "false": False, "0": False}


def _na(pd: Any, v: Any, text: bool) -> bool:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return True
    return v == "" and not text  # csv text has no null: "" is one, except in text columns


def _series(pd: Any, values: list[Any], kind: str) -> Any:
    text = kind in {"str", "json"}
    values = [None if _na(pd, v, text) else v for v in values]
    if kind.startswith("cat:"):
        vals = [None if v is None else str(v) for v in values]
        return pd.Categorical(vals, categories=list(_CATS[kind[4:]]))
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[s]")
    if kind in {"int", "float"}:
        num = pd.to_numeric(pd.Series(values, dtype="object"))
        return num.astype("Int64" if kind == "int" else "Float64")
    if kind == "bool":
        vals = [v if v is None or isinstance(v, bool) else _TRUE[str(v).lower()] for v in values]
        return pd.Series(vals, dtype="boolean")
    return pd.Series([None if v is None else str(v) for v in values], dtype="string")


def frames_from_rows(rows: Rows) -> dict[str, pd.DataFrame]:
    return {name: frame(name, rows[name]) for name in TABLES}


def to_frames(
    articles: Iterable[Article], metadata: Iterable[Mapping[str, Any] | None] | None = None
) -> dict[str, pd.DataFrame]:
    """The articles as pandas DataFrames, one per table of :data:`TABLES`.

    Keys: ``article_id`` plus the record id in each table. Dtypes: ``string``,
    ``Int64``, ``Float64``, ``boolean`` (nullable); complete dates as
    ``datetime64[s]`` (partial ones in the ``*_iso`` string column beside them);
    enums as categoricals with every enum value as a category; lists and mappings
    as JSON text. Needs pandas (``pip install fazhi-ie[tables]``).
    """
    return frames_from_rows(rows_of(articles, metadata))


def tables_schema() -> dict[str, Any]:
    """The table schemas as JSON (snapshot: ``docs/schema/tables.schema.json``)."""
    tables = {}
    for name, cols in TABLES.items():
        columns = []
        for c, kind in cols:
            col: dict[str, Any] = {"name": c, "type": kind.split(":", 1)[0]}
            if kind.startswith("cat:"):
                col["categories"] = list(_CATS[kind[4:]])
            columns.append(col)
        tables[name] = {"key": list(KEYS[name]), "columns": columns}
    return {
        "$id": f"fazhi_ie/tables/{TABLES_VERSION}",
        "x-tables-version": TABLES_VERSION,
        "x-schema-version": SCHEMA_VERSION,
        "tables": tables,
    }


__all__ = [
    "KEYS",
    "LINK_ROLES",
    "MENTION_TYPES",
    "TABLES",
    "TABLES_VERSION",
    "arrow_schema",
    "arrow_table",
    "article_rows",
    "frame",
    "rows_of",
    "tables_schema",
    "to_frames",
    "typed",
]
