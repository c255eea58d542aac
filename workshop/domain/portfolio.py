"""The SOILA portfolio: briefs published from many workshops, seen together (pure Python).

A portfolio holds *published briefs*: snapshots a facilitator chose to send,
each with the brief's fields, its SOILA choices, its quotes, its vote result
(overall and by role, small groups already folded) and its workshop's title,
region, date and participation by role (folded). Nothing else crosses: no
nickname, no participant token, no hidden idea (the store builds the
snapshot; :class:`PublishedBrief` has no field that could hold them).

This module computes what the portfolio page and the exports show:

- :func:`matrix`: the OECD innovation facets on their two axes, each brief's
  title in its quadrant with the counts, and the "radical" share (briefs in
  the two exploratory quadrants, adaptive and anticipatory, among the briefs
  that have a quadrant);
- :func:`goal_coverage`: the four strategic goals;
- :func:`heat_map`: the 16 characteristics of social innovation over the
  briefs, by quadrant;
- :func:`by_region`: briefs, workshops and participants per region;
- :func:`participation_by_role`: people by role across workshops, with the
  small-group rule (:mod:`workshop.domain.small_groups`) applied again;
- :class:`Filter`, :func:`apply`, :func:`to_query`, :func:`from_query`:
  filters, text search, and the filter as a shareable query string (never a key);
- :class:`PrepStatus`, :func:`check_transition`: the preparation status.

The OECD model (OPSI "innovation facets"): one axis runs from certainty
(exploiting, incremental) to uncertainty (exploring, radical), the other from
directed (shaping, top-down) to undirected (responding, bottom-up).
Mission-oriented innovation is directed and known-goal, anticipatory directed
into the unknown, enhancement-oriented undirected and known, adaptive
undirected and exploring. As a 2×2 grid, top row directed, right column
exploring: ``mission_oriented | anticipatory`` over ``enhancement | adaptive``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qs, urlencode

from workshop.domain import small_groups
from workshop.domain.errors import InvalidInput
from workshop.domain.small_groups import GroupCount, fold_counts
from workshop.domain.soila import CHARACTERISTICS, QUADRANTS, STRATEGIC_GOALS
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import OecdQuadrant, Role

# --- vocabulary ----------------------------------------------------------------

# The 21 wellbeing services counties, Helsinki (which organises its own services) and
# "national". Ids are stable (stored in workshops.region); names are catalog texts
# ``portfolio.region.<id>`` in fi/sv/en. Order: the counties' official order, then
# Helsinki, then national.
REGIONS: tuple[str, ...] = (
    "ita_uusimaa",
    "keski_uusimaa",
    "lansi_uusimaa",
    "vantaa_kerava",
    "varsinais_suomi",
    "satakunta",
    "kanta_hame",
    "pirkanmaa",
    "paijat_hame",
    "kymenlaakso",
    "etela_karjala",
    "etela_savo",
    "pohjois_savo",
    "pohjois_karjala",
    "keski_suomi",
    "etela_pohjanmaa",
    "pohjanmaa",
    "keski_pohjanmaa",
    "pohjois_pohjanmaa",
    "kainuu",
    "lappi",
    "helsinki",
    "national",
)
# A filter/heat-map column for briefs without a quadrant or region.
NONE = "none"

# The grid, row by row: top row directed, bottom undirected; left column certainty
# (exploiting), right column uncertainty (exploring).
GRID: tuple[tuple[str, str], tuple[str, str]] = (
    (OecdQuadrant.MISSION_ORIENTED.value, OecdQuadrant.ANTICIPATORY.value),
    (OecdQuadrant.ENHANCEMENT.value, OecdQuadrant.ADAPTIVE.value),
)
# The two exploratory quadrants: the "radical" lens.
EXPLORATORY: frozenset[str] = frozenset({OecdQuadrant.ADAPTIVE.value, OecdQuadrant.ANTICIPATORY.value})
DIRECTED: frozenset[str] = frozenset({OecdQuadrant.MISSION_ORIENTED.value, OecdQuadrant.ANTICIPATORY.value})


def region_key(region: str) -> str:
    """Catalog key of a region's name (``portfolio.region.pirkanmaa``)."""
    return f"portfolio.region.{region}"


def quadrant_key(quadrant: str) -> str:
    """Catalog key of a quadrant's short name in the portfolio (``portfolio.quadrant.adaptive``;
    ``portfolio.quadrant.none`` for briefs without one)."""
    return f"portfolio.quadrant.{quadrant}"


def status_key(status: str) -> str:
    """Catalog key of a preparation status (``portfolio.status.in_preparation``)."""
    return f"portfolio.status.{status}"


class PrepStatus(StrEnum):
    """Where a published brief is on its way from idea to project."""

    NEW = "new"
    IN_PREPARATION = "in_preparation"
    PROJECT_STARTED = "project_started"
    NOT_TAKEN_FORWARD = "not_taken_forward"


STATUSES: tuple[str, ...] = tuple(s.value for s in PrepStatus)
# new → in preparation → project started / not taken forward. A status may also be set
# again (a new dated note), and a step may be taken back to correct a mistake.
TRANSITIONS: dict[str, frozenset[str]] = {
    PrepStatus.NEW: frozenset({PrepStatus.IN_PREPARATION, PrepStatus.NOT_TAKEN_FORWARD}),
    PrepStatus.IN_PREPARATION: frozenset({PrepStatus.NEW, PrepStatus.PROJECT_STARTED,
                                          PrepStatus.NOT_TAKEN_FORWARD}),
    PrepStatus.PROJECT_STARTED: frozenset({PrepStatus.IN_PREPARATION}),
    PrepStatus.NOT_TAKEN_FORWARD: frozenset({PrepStatus.IN_PREPARATION}),
}

TITLE_MAX = 200
NOTE_MAX = 1000
SEARCH_MAX = 200
TITLE = TextRule(TITLE_MAX, "portfolio.title_too_long", empty="portfolio.title_required")
NOTE = TextRule(NOTE_MAX, "portfolio.note_too_long", multiline=True)
# A held date this far from today is refused (it steers retention, see domain.retention).
HELD_ON_RANGE_DAYS = 366
# ... but at most this far after the workshop was created: the held date moves retention
# (domain.retention), and must not let a workshop outlive its period by being re-dated.
HELD_AHEAD_DAYS = 60


def allowed_next(current: str) -> tuple[str, ...]:
    """Statuses a brief in ``current`` may be given (itself first: a new note), in STATUSES order."""
    nexts = TRANSITIONS.get(current, frozenset())
    return (current, *(s for s in STATUSES if s in nexts)) if current in STATUSES else ()


def check_transition(current: str, new: object) -> str:
    """``new`` as a status a brief in ``current`` may be given; InvalidInput otherwise."""
    if not isinstance(new, str) or new not in allowed_next(current):
        raise InvalidInput("portfolio.status_not_allowed")
    return new


def clean_note(note: object) -> str:
    """A status note (may be empty, multi-line, at most NOTE_MAX)."""
    return clean_text(note, NOTE)


def clean_title(title: object) -> str:
    """A portfolio's title."""
    return clean_text(title, TITLE)


def clean_region(value: object) -> str | None:
    """A region id from the vocabulary, or None ("" or None: not given)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in REGIONS:
        raise InvalidInput("portfolio.region_unknown")
    return value


def clean_held_on(value: object, today: date, created: date | None = None) -> date | None:
    """The date a workshop was held, as ``YYYY-MM-DD`` (or a date); None when not given.

    Refused when not a date, more than HELD_ON_RANGE_DAYS before ``today``, or more than
    HELD_AHEAD_DAYS after the day the workshop was ``created`` (default ``today``): the held
    date also decides when the workshop is closed and deleted (domain.retention), so no
    re-dating keeps a workshop past created + HELD_AHEAD_DAYS + its retention."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        raise InvalidInput("portfolio.date_invalid")
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput("portfolio.date_invalid") from None
    else:
        raise InvalidInput("portfolio.date_invalid")
    earliest, latest = held_window(today, created)
    if not earliest <= day <= latest:
        raise InvalidInput("portfolio.date_invalid")
    return day


# --- what the portfolio holds --------------------------------------------------


@dataclass(frozen=True)
class RoleDots:
    """Dots a role (or the combined small groups, or "too few") gave a brief's item."""

    role: str  # a Role value, small_groups.COMBINED or small_groups.TOO_FEW
    people: int
    dots: int | None  # None for TOO_FEW: no figure by group at all
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoteResult:
    """The brief's source item in the latest revealed vote round that held it."""

    dots: int
    rank: int | None
    tied: bool
    voters: int  # people who could vote in that round
    total_dots: int
    by_role: tuple[RoleDots, ...] = ()  # already folded with the workshop's K


@dataclass(frozen=True)
class StatusEntry:
    """One step of a brief's preparation: the status set, its note, when."""

    status: str
    note: str
    at: datetime


@dataclass(frozen=True)
class WorkshopInfo:
    """What the portfolio knows of a workshop: never its code, keys or people."""

    id: int
    title: str
    region: str | None
    held_on: date | None
    min_group_size: int
    participation: tuple[GroupCount, ...]  # folded with min_group_size

    @property
    def participants(self) -> int:
        return sum(row.people for row in self.participation)


@dataclass(frozen=True)
class PublishedBrief:
    """A brief as the portfolio sees it (a snapshot taken when it was published)."""

    id: int  # the published row's id (portfolio-wide)
    brief_id: int  # the brief's id in its workshop
    workshop: WorkshopInfo
    title: str
    what_if: str
    need: str
    target_group: str
    first_experiment: str
    involved: str
    obstacles: str
    strategic_goals: tuple[int, ...]
    oecd_quadrant: str | None
    characteristics: tuple[str, ...]
    quotes: tuple[str, ...]
    vote: VoteResult | None
    published_at: datetime
    status: str = PrepStatus.NEW.value
    history: tuple[StatusEntry, ...] = ()  # oldest first; the last is the current status

    @property
    def status_note(self) -> str:
        return self.history[-1].note if self.history else ""

    @property
    def status_at(self) -> datetime | None:
        return self.history[-1].at if self.history else None

    @property
    def region(self) -> str | None:
        return self.workshop.region


# --- the OECD matrix -----------------------------------------------------------


@dataclass(frozen=True)
class BriefRef:
    """A brief named in a chart: its published id and title."""

    id: int
    title: str


@dataclass(frozen=True)
class Quadrant:
    id: str
    directed: bool  # top row
    exploratory: bool  # right column (the radical lens)
    briefs: tuple[BriefRef, ...]

    @property
    def count(self) -> int:
        return len(self.briefs)


@dataclass(frozen=True)
class Matrix:
    """The 2×2 grid (``rows[0]`` directed, ``rows[1]`` undirected; left exploiting, right
    exploring), briefs without a quadrant apart, and the radical share."""

    rows: tuple[tuple[Quadrant, Quadrant], tuple[Quadrant, Quadrant]]
    unplaced: tuple[BriefRef, ...]

    @property
    def quadrants(self) -> tuple[Quadrant, ...]:
        return (*self.rows[0], *self.rows[1])

    @property
    def placed(self) -> int:
        return sum(q.count for q in self.quadrants)

    @property
    def total(self) -> int:
        return self.placed + len(self.unplaced)

    @property
    def radical(self) -> int:
        return sum(q.count for q in self.quadrants if q.exploratory)

    @property
    def radical_percent(self) -> int | None:
        """Share of briefs with a quadrant that are in an exploratory one, in whole
        percent (rounded half up); None when no brief has a quadrant."""
        return percent(self.radical, self.placed)


def percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, rounded half up; None when ``whole`` is 0."""
    return (200 * part + whole) // (2 * whole) if whole else None


def matrix(briefs: Iterable[PublishedBrief]) -> Matrix:
    listed = list(briefs)

    def cell(quadrant: str) -> Quadrant:
        return Quadrant(quadrant, quadrant in DIRECTED, quadrant in EXPLORATORY,
                        tuple(BriefRef(b.id, b.title) for b in listed if b.oecd_quadrant == quadrant))

    rows = tuple((cell(left), cell(right)) for left, right in GRID)
    unplaced = tuple(BriefRef(b.id, b.title) for b in listed if b.oecd_quadrant not in QUADRANTS)
    return Matrix(rows, unplaced)  # type: ignore[arg-type]


# --- goals, characteristics, regions, roles ---------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How many of the briefs name one goal (or characteristic), and what share."""

    id: str  # the goal as text ("1".."4") or the characteristic's id
    count: int
    total: int

    @property
    def percent(self) -> int | None:
        return percent(self.count, self.total)


def goal_coverage(briefs: Iterable[PublishedBrief]) -> tuple[Coverage, ...]:
    """Each strategic goal, in order, with the briefs naming it."""
    listed = list(briefs)
    counts = Counter(goal for b in listed for goal in set(b.strategic_goals))
    return tuple(Coverage(str(goal), counts.get(goal, 0), len(listed)) for goal in STRATEGIC_GOALS)


@dataclass(frozen=True)
class HeatRow:
    characteristic: str
    cells: tuple[int, ...]  # briefs per column of HeatMap.columns
    total: int  # briefs naming the characteristic
    briefs: int  # briefs in the map

    @property
    def percent(self) -> int | None:
        return percent(self.total, self.briefs)


@dataclass(frozen=True)
class HeatMap:
    """Rows: the 16 characteristics in the source's order; columns: the quadrants in
    grid order, then :data:`NONE` (briefs without a quadrant). A cell counts the briefs
    of that column naming that characteristic; :func:`level` shades it (the number is
    always shown too, so nothing is told by colour alone)."""

    columns: tuple[str, ...]
    column_totals: tuple[int, ...]  # briefs per column
    rows: tuple[HeatRow, ...]

    @property
    def highest(self) -> int:
        return max((c for row in self.rows for c in row.cells), default=0)


HEAT_COLUMNS: tuple[str, ...] = (*GRID[0], *GRID[1], NONE)
HEAT_LEVELS = 4


def heat_map(briefs: Iterable[PublishedBrief]) -> HeatMap:
    listed = list(briefs)

    def column_of(b: PublishedBrief) -> str:
        return b.oecd_quadrant if b.oecd_quadrant in QUADRANTS else NONE  # type: ignore[return-value]

    totals = Counter(column_of(b) for b in listed)
    rows = []
    for characteristic in CHARACTERISTICS:
        having = [b for b in listed if characteristic in b.characteristics]
        per = Counter(column_of(b) for b in having)
        rows.append(HeatRow(characteristic, tuple(per.get(c, 0) for c in HEAT_COLUMNS), len(having), len(listed)))
    return HeatMap(HEAT_COLUMNS, tuple(totals.get(c, 0) for c in HEAT_COLUMNS), tuple(rows))


def level(count: int, highest: int) -> int:
    """A cell's shade, 0 (none) .. HEAT_LEVELS (the highest count)."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, -(-HEAT_LEVELS * count // highest))


def workshops_of(briefs: Iterable[PublishedBrief]) -> tuple[WorkshopInfo, ...]:
    """The workshops the briefs come from, each once (the latest snapshot of it),
    by date held (unknown last), then title, then id."""
    latest: dict[int, tuple[datetime, WorkshopInfo]] = {}
    for b in briefs:
        seen = latest.get(b.workshop.id)
        if seen is None or b.published_at > seen[0]:
            latest[b.workshop.id] = (b.published_at, b.workshop)
    return tuple(sorted((w for _, w in latest.values()),
                        key=lambda w: (w.held_on is None, w.held_on or date.min, w.title, w.id)))


@dataclass(frozen=True)
class RegionRow:
    region: str  # a REGIONS id or NONE
    briefs: int
    workshops: int
    participants: int


def by_region(briefs: Iterable[PublishedBrief]) -> tuple[RegionRow, ...]:
    """Regions with at least one brief, in the vocabulary's order (NONE last)."""
    listed = list(briefs)
    counts = Counter(b.region or NONE for b in listed)
    rows = []
    workshops = workshops_of(listed)
    for region in (*REGIONS, NONE):
        if counts.get(region):
            held = [w for w in workshops if (w.region or NONE) == region]
            rows.append(RegionRow(region, counts[region], len(held), sum(w.participants for w in held)))
    return tuple(rows)


def participation_by_role(briefs: Iterable[PublishedBrief], min_group_size: int) -> list[GroupCount]:
    """People by role over the briefs' workshops (each workshop once), the small-group
    rule applied again with ``min_group_size``.

    Each workshop's counts arrive folded already. Roles shown apart are summed per
    role; everything a workshop folded (its combined or too-few row) is summed into
    one combined row naming the roles it may hold. The sums are then folded once
    more, so no role of fewer than K people across the portfolio stands apart."""
    apart: Counter[str] = Counter()
    folded = 0
    folded_members: set[str] = set()
    for workshop in workshops_of(briefs):
        for row in workshop.participation:
            if row.group in (small_groups.COMBINED, small_groups.TOO_FEW):
                folded += row.people
                folded_members.update(row.members or (
                    [r.value for r in Role] if row.group == small_groups.TOO_FEW else []))
            else:
                apart[row.group] += row.people
    rows = [GroupCount(role.value, apart.get(role.value, 0)) for role in Role]
    if folded:
        members = tuple(r.value for r in Role if r.value in folded_members)
        rows.append(GroupCount(small_groups.COMBINED, folded, members))
    return fold_counts(rows, min_group_size)


# --- filters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """What to show: within one kind any of the values (OR), across kinds all (AND);
    an empty kind does not filter. ``text``: every word must occur (case-insensitive)
    in the brief's title, texts, quotes or workshop title."""

    regions: tuple[str, ...] = ()  # REGIONS ids, or NONE
    quadrants: tuple[str, ...] = ()  # QUADRANTS ids, or NONE
    goals: tuple[int, ...] = ()
    characteristics: tuple[str, ...] = ()
    workshops: tuple[int, ...] = ()  # WorkshopInfo.id
    statuses: tuple[str, ...] = ()
    text: str = ""

    @property
    def empty(self) -> bool:
        return self == Filter()


# Query-string names, in the order they are written.
QUERY_NAMES: tuple[tuple[str, str], ...] = (
    ("regions", "region"), ("quadrants", "quadrant"), ("goals", "goal"),
    ("characteristics", "characteristic"), ("workshops", "workshop"), ("statuses", "status"), ("text", "q"),
)


def _allowed(kind: str) -> Sequence[object] | None:
    return {
        "regions": (*REGIONS, NONE), "quadrants": (*QUADRANTS, NONE), "goals": STRATEGIC_GOALS,
        "characteristics": CHARACTERISTICS, "statuses": STATUSES,
    }.get(kind)


def _values(kind: str, raw: Iterable[object]) -> tuple[object, ...]:
    """Known values of one kind, each once, in the vocabulary's order (workshop ids ascending)."""
    if kind in ("goals", "workshops"):
        numbers = set()
        for value in raw:
            text = str(value).strip()
            if text.isdigit() and len(text) <= 10 and 0 < int(text) < 2**31:
                numbers.add(int(text))
        allowed = _allowed(kind)
        return tuple(sorted(n for n in numbers if allowed is None or n in allowed))
    given = {str(value).strip() for value in raw}
    return tuple(v for v in _allowed(kind) or () if v in given)


def clean_search(value: object) -> str:
    """The search text: one line, control characters dropped, cut at SEARCH_MAX."""
    if not isinstance(value, str):
        return ""
    return clean_text(value[: 4 * SEARCH_MAX], TextRule(4 * SEARCH_MAX, "portfolio.search_too_long"))[:SEARCH_MAX].strip()


def make_filter(**kinds: object) -> Filter:
    """A Filter from anything a browser sent (lists of ids or text, per kind, by the
    Filter's field names); unknown values are dropped, never refused."""
    values: dict[str, object] = {}
    for kind, _ in QUERY_NAMES:
        raw = kinds.get(kind)
        if kind == "text":
            values["text"] = clean_search(raw)
        elif raw is not None:
            values[kind] = _values(kind, raw if isinstance(raw, (list, tuple, set, frozenset)) else [raw])
    return Filter(**values)  # type: ignore[arg-type]


def to_query(selected: Filter) -> str:
    """The filter as a query string (without "?"): ``region=lappi,pirkanmaa&q=koulu``;
    "" for no filter. Never holds a key."""
    pairs = []
    for kind, name in QUERY_NAMES:
        value = getattr(selected, kind)
        if kind == "text":
            if value:
                pairs.append((name, value))
        elif value:
            pairs.append((name, ",".join(str(v) for v in value)))
    return urlencode(pairs)


def from_query(query: str | Mapping[str, object]) -> Filter:
    """The filter a query string (with or without "?") or a parsed mapping describes;
    anything unknown is dropped (an address is anyone's input), never an error."""
    if isinstance(query, str):
        parsed: Mapping[str, object] = parse_qs(query.lstrip("?")[:4096], keep_blank_values=False)
    else:
        parsed = query
    kinds: dict[str, object] = {}
    for kind, name in QUERY_NAMES:
        raw = parsed.get(name)
        if raw is None:
            continue
        items = raw if isinstance(raw, (list, tuple)) else [raw]
        if kind == "text":
            kinds["text"] = " ".join(str(i) for i in items)
        else:
            kinds[kind] = [part for item in items for part in str(item).split(",")]
    return make_filter(**kinds)


def _haystack(b: PublishedBrief) -> str:
    parts = (b.title, b.what_if, b.need, b.target_group, b.first_experiment, b.involved, b.obstacles,
             *b.quotes, b.workshop.title, b.status_note)
    return "\n".join(parts).casefold()


def matches(b: PublishedBrief, selected: Filter) -> bool:
    if selected.regions and (b.region or NONE) not in selected.regions:
        return False
    if selected.quadrants and (b.oecd_quadrant or NONE) not in selected.quadrants:
        return False
    if selected.goals and not set(selected.goals) & set(b.strategic_goals):
        return False
    if selected.characteristics and not set(selected.characteristics) & set(b.characteristics):
        return False
    if selected.workshops and b.workshop.id not in selected.workshops:
        return False
    if selected.statuses and b.status not in selected.statuses:
        return False
    if selected.text:
        haystack = _haystack(b)
        return all(word in haystack for word in selected.text.casefold().split())
    return True


def apply(briefs: Iterable[PublishedBrief], selected: Filter) -> list[PublishedBrief]:
    """The briefs the filter keeps, in the portfolio's order (see :func:`in_order`)."""
    return [b for b in in_order(briefs) if matches(b, selected)]


def in_order(briefs: Iterable[PublishedBrief]) -> list[PublishedBrief]:
    """Newest workshop first (by date held, unknown last), then the brief's published id."""
    return sorted(briefs, key=lambda b: (b.workshop.held_on is None,
                                         -(b.workshop.held_on or date.min).toordinal(), b.workshop.id, b.id))


# --- everything at once -----------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """What the portfolio page shows above the list, for the briefs a filter kept."""

    briefs: tuple[PublishedBrief, ...]
    matrix: Matrix
    goals: tuple[Coverage, ...]
    heat: HeatMap
    regions: tuple[RegionRow, ...]
    roles: tuple[GroupCount, ...]
    workshops: tuple[WorkshopInfo, ...]
    statuses: tuple[tuple[str, int], ...]  # (status, briefs) in STATUSES order
    min_group_size: int = 1
    filter: Filter = field(default_factory=Filter)


def portfolio_k(briefs: Iterable[PublishedBrief], setting: int) -> int:
    """K for figures across workshops: the largest of the deployment's setting and
    every workshop's own K."""
    return max([small_groups.effective_size(setting),
                *(small_groups.effective_size(b.workshop.min_group_size) for b in briefs)])


def overview(briefs: Iterable[PublishedBrief], selected: Filter | None = None, min_group_size: int = 1) -> Overview:
    """The filtered briefs and every chart over them (``min_group_size``: the deployment's K;
    the charts use :func:`portfolio_k`)."""
    selected = selected or Filter()
    kept = apply(briefs, selected)
    k = portfolio_k(kept, min_group_size)
    counts = Counter(b.status for b in kept)
    return Overview(
        briefs=tuple(kept),
        matrix=matrix(kept),
        goals=goal_coverage(kept),
        heat=heat_map(kept),
        regions=by_region(kept),
        roles=tuple(participation_by_role(kept, k)),
        workshops=workshops_of(kept),
        statuses=tuple((s, counts.get(s, 0)) for s in STATUSES),
        min_group_size=k,
        filter=selected,
    )


def with_status(brief: PublishedBrief, entry: StatusEntry) -> PublishedBrief:
    """``brief`` after ``entry`` (for previews; the store records the real history)."""
    return replace(brief, status=entry.status, history=(*brief.history, entry))


def held_window(today: date, created: date | None = None) -> tuple[date, date]:
    """The earliest and latest held date accepted (also the date input's min and max)."""
    return (today - timedelta(days=HELD_ON_RANGE_DAYS),
            (created or today) + timedelta(days=HELD_AHEAD_DAYS))
