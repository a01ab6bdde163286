"""The public record types: the contract between fazhi_ie and its users.

Every record is a pydantic v2 model with ``extra="forbid"``. Offsets in every
:class:`Span` refer to the RAW input text (``Article.text``), so that
``article.text[span.start:span.end] == span.text`` always holds, whatever
cleaning happened before extraction.

Records reference each other by id (``event.organizers`` holds organization
ids such as ``"org-1"``). Ids are unique within one article.

Compatibility: :data:`SCHEMA_VERSION` follows semantic versioning. Adding an
optional field bumps the minor version; removing or renaming a field, or
changing a type or an enum value, bumps the major version. The JSON Schema
of :class:`Article` is checked into ``docs/schema/article.schema.json`` and a
test fails when it changes without a version bump.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0.0"

#: A complete or partial ISO date as the records store it:
#: ``2023-12-04``, ``2023-12`` or ``--12-04`` (month and day, year unknown).
#: (:mod:`fazhi_ie.text.primitives` re-exports both names.)
PARTIAL_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})"
PARTIAL_DATE_RE = re.compile(f"^{PARTIAL_DATE}$")


def _check_partial_date(value: str | None) -> str | None:
    if value is not None and not PARTIAL_DATE_RE.match(value):
        raise ValueError("expected YYYY-MM-DD, YYYY-MM or --MM-DD")
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
"""An ISO date, possibly partial: ``2020-12-04``, ``2020-12`` or ``--12-04``."""


#: Draws an Article as HTML for ``Article._repr_html_`` (Jupyter). ``fazhi_ie`` sets it
#: on import to :func:`fazhi_ie.view.render` (imported on first use), so that this base
#: module does not import the view layer above it.
html_view: Callable[[Article], str] | None = None


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Span(Record):
    """A stretch of the raw input text: ``text == raw[start:end]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0, description="Start offset (characters) in the raw text.")
    end: int = Field(ge=0, description="End offset (exclusive) in the raw text.")
    text: str = Field(description="The raw text between start and end.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end before start")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length differs from end - start")
        return self


# --- enums ------------------------------------------------------------------
class Script(str, Enum):
    simplified = "simplified"
    traditional = "traditional"
    mixed = "mixed"
    unknown = "unknown"


class OrgKind(str, Enum):
    justice_admin = "justice_admin"  # 司法行政 (司法局/司法厅/司法所, 法律援助中心)
    court = "court"  # 法院
    procuratorate = "procuratorate"  # 检察院
    police = "police"  # 公安
    party = "party"  # 党委部门 (宣传部, 政法委, 纪委)
    government = "government"  # 政府部门
    congress = "congress"  # 人大
    cppcc = "cppcc"  # 政协
    mass_organization = "mass_organization"  # 群团 (妇联, 团委, 工会, 残联)
    law_firm = "law_firm"  # 律所
    notary = "notary"  # 公证
    school = "school"  # 学校
    company = "company"  # 企业
    grassroots = "grassroots"  # 基层组织 (村委会, 社区)
    media = "media"  # 媒体
    committee = "committee"  # 委员会 / 领导小组 / 协调小组
    other = "other"


class AdminLevel(str, Enum):
    national = "national"
    provincial = "provincial"
    prefectural = "prefectural"
    county = "county"
    township = "township"
    village = "village"


class LawKind(str, Enum):
    law = "law"  # 法律 (…法, 宪法, 民法典)
    regulation = "regulation"  # 行政法规/地方性法规/条例/规定/办法
    party_regulation = "party_regulation"  # 党内法规
    normative_document = "normative_document"  # 规范性文件, 决定, 工作要点, 规划
    other = "other"


class EventType(str, Enum):
    open_day = "open_day"
    publicity = "publicity"
    lecture = "lecture"
    meeting = "meeting"
    training = "training"
    competition = "competition"
    livestream = "livestream"
    oath = "oath"
    performance = "performance"
    exhibition = "exhibition"
    consultation = "consultation"
    launch = "launch"
    visit = "visit"
    award = "award"
    other = "other"


class Approx(str, Enum):
    exact = "exact"
    more_than = "more_than"
    about = "about"
    less_than = "less_than"


class Quantity(str, Enum):
    materials = "materials"
    audience = "audience"
    consultations = "consultations"
    activities = "activities"
    views = "views"
    publications = "publications"
    institutions = "institutions"
    personnel = "personnel"
    money = "money"
    cases = "cases"
    other = "other"


class RelationType(str, Enum):
    organized_by = "organized_by"  # Event -> Organization
    participated_in = "participated_in"  # Organization/Person -> Event
    held_at = "held_at"  # Event -> Location
    promotes_law = "promotes_law"  # Event -> Law
    reported_metric = "reported_metric"  # Event/Organization -> Metric
    affiliated_with = "affiliated_with"  # Person -> Organization
    quoted = "quoted"  # Person -> quote (tail None, evidence = quote span)


# --- records ----------------------------------------------------------------
class Organization(Record):
    id: str = Field(description='Unique in the article, e.g. "org-1".')
    name: str = Field(description="Fullest clean surface form used in the article.")
    canonical: str = Field(
        description="Simplified form with the region made explicit where the article fixes it."
    )
    kind: OrgKind = OrgKind.other
    level: AdminLevel | None = None
    region: str | None = Field(default=None, description="Region prefix, e.g. 酒泉市.")
    mentions: list[Span] = Field(default_factory=list)


class Person(Record):
    id: str
    name: str
    titles: list[str] = Field(default_factory=list, description="e.g. 局长, 记者.")
    organization: str | None = Field(default=None, description="Organization id.")
    mentions: list[Span] = Field(default_factory=list)


class Location(Record):
    id: str
    name: str
    level: AdminLevel | None = None
    parent: str | None = Field(default=None, description="Name of the enclosing division.")
    mentions: list[Span] = Field(default_factory=list)


class Law(Record):
    id: str
    name: str = Field(description="Short name: no 《》, no leading 中华人民共和国.")
    full_name: str = Field(description="With 中华人民共和国 where it applies.")
    kind: LawKind = LawKind.law
    mentions: list[Span] = Field(default_factory=list)


class Event(Record):
    id: str
    type: EventType
    name: str | None = None
    theme: str | None = None
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    date_text: str | None = Field(default=None, description="The date as written.")
    date_resolved: bool = Field(
        default=False, description="False for vague dates such as 近日 or when no date is given."
    )
    organizers: list[str] = Field(default_factory=list, description="Organization ids.")
    participants: list[str] = Field(default_factory=list, description="Organization or person ids.")
    audience: str | None = Field(default=None, description="Audience as written (师生, 群众).")
    location: str | None = Field(default=None, description="Location id.")
    laws: list[str] = Field(default_factory=list, description="Law ids.")
    metrics: list[str] = Field(default_factory=list, description="Metric ids.")
    trigger: Span | None = None
    evidence: Span | None = None


class Metric(Record):
    id: str
    value: int | float = Field(description="In base units, multipliers applied.")
    value_max: int | float | None = Field(default=None, description="Upper bound of a range.")
    approx: Approx = Approx.exact
    unit: str = Field(description='Counting unit as written (件, 人次); "" if none.')
    quantity: Quantity = Quantity.other
    subject: str | None = Field(default=None, description="What is counted, as written.")
    organization: str | None = Field(default=None, description="Organization id.")
    event: str | None = Field(default=None, description="Event id.")
    span: Span


class Relation(Record):
    id: str
    type: RelationType
    head: str = Field(description="Id of the head record.")
    tail: str | None = Field(default=None, description="Id of the tail record.")
    evidence: Span


class Notice(Record):
    """A coded warning or error attached to an article."""

    code: str
    message: str
    hint: str | None = None


class Article(Record):
    schema_version: str = SCHEMA_VERSION
    id: str | None = None
    title: str | None = None
    title_span: Span | None = None
    source: str | None = Field(default=None, description="Publishing outlet from the header.")
    source_span: Span | None = None
    published: PartialDate | None = None
    published_span: Span | None = None
    script: Script = Script.unknown
    text: str = Field(description="The raw input text; every span indexes into it.")
    clean_text: str = Field(default="", description="The cleaned, Simplified text.")
    organizations: list[Organization] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    laws: list[Law] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    pipeline: dict[str, str] = Field(
        default_factory=dict, description="Versions of the library, schema and models."
    )
    warnings: list[Notice] = Field(default_factory=list)
    error: Notice | None = Field(
        default=None, description="Set when the document could not be parsed."
    )

    def _repr_html_(self) -> str | None:
        """Jupyter's rich display: the article view of :func:`fazhi_ie.render`."""
        return html_view(self) if html_view is not None else None

    def iter_spans(self) -> list[tuple[str, Span]]:
        """Every span in the article, with a path naming where it sits."""
        out: list[tuple[str, Span]] = []
        for name in ("title_span", "source_span", "published_span"):
            span = getattr(self, name)
            if span is not None:
                out.append((name, span))
        for kind in ("organizations", "persons", "locations", "laws"):
            for rec in getattr(self, kind):
                out += [(f"{kind}.{rec.id}", s) for s in rec.mentions]
        for ev in self.events:
            out += [(f"events.{ev.id}", s) for s in (ev.trigger, ev.evidence) if s is not None]
        out += [(f"metrics.{m.id}", m.span) for m in self.metrics]
        out += [(f"relations.{r.id}", r.evidence) for r in self.relations]
        return out


def article_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Article` (and every record it contains)."""
    schema = Article.model_json_schema()
    schema["$id"] = f"fazhi_ie/article/{SCHEMA_VERSION}"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


__all__ = [
    "PARTIAL_DATE",
    "PARTIAL_DATE_RE",
    "SCHEMA_VERSION",
    "AdminLevel",
    "Approx",
    "Article",
    "Event",
    "EventType",
    "Law",
    "LawKind",
    "Location",
    "Metric",
    "Notice",
    "OrgKind",
    "Organization",
    "Person",
    "Quantity",
    "Relation",
    "RelationType",
    "Script",
    "Span",
    "article_json_schema",
]
