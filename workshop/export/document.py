"""What an exported document says, independent of its file format.

:func:`build` turns a workshop snapshot (a plain dict, see
:mod:`workshop.export`) into a :class:`Document`: sections of headings,
paragraphs, lists, quotes and tables holding plain, unescaped text. The
Markdown, HTML and DOCX renderers only decide how each block looks, so the
three say the same things in the same order, and the privacy rules (nicknames
only when the workshop shows names; no group of fewer than K people shown
apart, :func:`protected`) are applied here once for every format.

Texts are in the workshop's language, from the ``[export]`` catalog table and
the shared ``role``, ``voting`` and ``soila`` tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Union

from workshop.domain import small_groups
from workshop.domain.soila import characteristic_key, goal_key, quadrant_key
from workshop.domain.voting import Placing, RoleResult, protect
from workshop.i18n import DEFAULT_LANGUAGE, catalog, normalize_language, translate
from workshop.settings import settings

SCHEMA_VERSION = 1

# Language tags for documents (DOCX core properties, proofing language).
LANGUAGE_TAGS: dict[str, str] = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


# --- blocks ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text in a paragraph; bold only for the export's own labels."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    level: int  # 1..4
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: right-aligned numbers


@dataclass(frozen=True)
class Picture:
    """A picture (PNG bytes) with its text alternative; only DOCX shows it, the other
    formats carry the same facts in the table that follows it."""

    png: bytes
    description: str
    width_mm: int = 120


Block = Union[Heading, Paragraph, Bullets, Quote, Table, Picture]


@dataclass(frozen=True)
class Section:
    """A run of blocks; a section with ``new_page`` starts on a new page in print."""

    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    title: str  # the workshop's title (or the catalog's "untitled")
    subtitle: str
    language: str  # "fi" | "sv" | "en"
    date: date | None
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS[self.language]


# --- reading the snapshot ------------------------------------------------------


def check_snapshot(snapshot: Mapping[str, Any]) -> None:
    """Refuse a snapshot of another schema version than these renderers know."""
    version = snapshot.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(f"export snapshot schema_version {version!r}, expected {SCHEMA_VERSION}")


def language_of(snapshot: Mapping[str, Any]) -> str:
    return normalize_language(snapshot["workshop"].get("language")) or DEFAULT_LANGUAGE


def shows_names(snapshot: Mapping[str, Any]) -> bool:
    return snapshot["workshop"].get("show_names") is True


def author_of(idea: Mapping[str, Any], show_names: bool) -> str | None:
    """The idea's nickname, only when the workshop shows names and one was given."""
    author = idea.get("author")
    if not show_names or not isinstance(author, str) or not author.strip():
        return None
    return author


def min_group_size_of(snapshot: Mapping[str, Any]) -> int:
    """The workshop's K; a snapshot without a valid one gets the deployment's (never less)."""
    value = snapshot["workshop"].get("min_group_size")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return max(1, settings().min_group_size)


def _protected_by_role(round_: Mapping[str, Any], k: int) -> list[dict[str, Any]]:
    """A round's ``by_role`` with the rule applied: columns kept apart as given,
    folded ones added up into a new column."""
    given = {}
    for column in round_.get("by_role") or ():
        result = RoleResult(str(column["role"]), int(column.get("people") or 0), int(column.get("dots") or 0),
                            [Placing(p["id"], p["dots"], p["rank"], p["tied"]) for p in column["placings"]],
                            tuple(column.get("members") or ()))
        given[id(result)] = (result, column)
    labels = {p["id"]: p.get("label") for _, c in given.values() for p in c["placings"]}
    labels |= {p["id"]: p.get("label") for p in round_.get("overall") or ()}
    items = [p["id"] for p in round_.get("overall") or ()] or list(labels)
    kept = protect([result for result, _ in given.values()], items, k)
    return [
        {**given[id(r)][1], "members": list(r.members)} if id(r) in given else
        {"role": r.role, "people": r.people, "dots": r.dots, "members": list(r.members),
         "placings": [{"id": p.item, "label": labels.get(p.item), "dots": p.dots, "rank": p.rank, "tied": p.tied}
                      for p in r.placings]}
        for r in kept
    ]


def protected(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot with the small-group rule (:mod:`workshop.domain.small_groups`)
    applied to participation by role and to every round's result by role, with the
    workshop's K: whatever the snapshot held, no export shows a smaller group apart."""
    k = min_group_size_of(snapshot)
    participation = small_groups.fold_counts(
        [small_groups.GroupCount(str(row["role"]), int(row.get("count") or 0), tuple(row.get("members") or ()))
         for row in snapshot["participation"]],
        k,
    )
    return {
        **snapshot,
        "workshop": {**snapshot["workshop"], "min_group_size": k},
        "participation": [{"role": row.group, "count": row.people, "members": list(row.members)}
                          for row in participation],
        "rounds": [{**round_, "by_role": _protected_by_role(round_, k)} for round_ in snapshot["rounds"]],
    }


def workshop_date(snapshot: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(snapshot["workshop"].get("date")))
    except ValueError:
        return None


def format_date(day: date | None, raw: object, language: str) -> str:
    """24.11.2026 in Finnish and Swedish (as written in Finland), ISO in English."""
    if day is None:
        return "" if raw is None else str(raw)
    if language in ("fi", "sv"):
        return f"{day.day}.{day.month}.{day.year}"
    return day.isoformat()


def rank_label(rank: object, tied: object, language: str) -> str:
    """A place in a ranking: ``1.``, or ``1. (tasapeli)`` when shared with another item, as
    the screens show it (a place and the word, not "=1.")."""
    return f"{rank}. ({translate('export.tied', language)})" if tied else f"{rank}."


def _label(key: str, language: str, fallback: object) -> str:
    """A catalog text when the key exists, else the raw value (never fails on
    an id the catalog does not know)."""
    return catalog(language).get(key) or str(fallback)


def role_name(role: str, language: str) -> str:
    return _label(f"role_plural.{role}", language, role)


def group_name(row: Mapping[str, Any], language: str, min_group_size: int) -> str:
    """A column's or head-count row's name: a role, the groups together (naming their
    roles), or "too few to show"."""
    role = str(row["role"])
    if role == small_groups.COMBINED:
        members = ", ".join(role_name(member, language).lower() for member in row.get("members") or ())
        return translate("smallgroups.combined_named", language, members=members)
    if role == small_groups.TOO_FEW:
        return translate("smallgroups.too_few_named", language, k=min_group_size)
    return role_name(role, language)


def ballot_name(ballot: str, language: str) -> str:
    return _label(f"voting.ballot_{ballot}", language, ballot)


# --- building ------------------------------------------------------------------


class _Builder:
    def __init__(self, snapshot: Mapping[str, Any]):
        self.snapshot = snapshot
        self.language = language_of(snapshot)
        self.show_names = shows_names(snapshot)
        self.min_group_size = min_group_size_of(snapshot)

    def group(self, row: Mapping[str, Any]) -> str:
        return group_name(row, self.language, self.min_group_size)

    def t(self, name: str, **params: object) -> str:
        return translate(f"export.{name}", self.language, **params)

    def named(self, text: object) -> str:
        """A name someone typed, or "(untitled)" when it is blank."""
        return str(text) if isinstance(text, str) and text.strip() else self.t("untitled")

    def labelled(self, label: str, value: str) -> Paragraph:
        return Paragraph((Run(f"{label}:", bold=True), Run(f" {value}")))

    def idea_item(self, idea: Mapping[str, Any]) -> tuple[Run, ...]:
        kind = self.t(f"kind_{idea.get('kind')}") if idea.get("kind") in ("critique", "what_if") else ""
        note = ", ".join(part for part in (kind, author_of(idea, self.show_names)) if part)
        return (Run(str(idea.get("text") or "")), Run(f" ({note})" if note else ""))

    # sections

    def head(self) -> list[Block]:
        workshop = self.snapshot["workshop"]
        day = format_date(workshop_date(self.snapshot), workshop.get("date"), self.language)
        blocks: list[Block] = [
            Heading(1, self.named(workshop.get("title"))),
            Paragraph((Run(self.t("subtitle")),)),
            self.labelled(self.t("date"), day),
        ]
        if isinstance(workshop.get("challenge"), str) and workshop["challenge"].strip():
            blocks.append(self.labelled(self.t("challenge"), workshop["challenge"]))
        blocks.append(self.labelled(self.t("language"), self.t("language_name")))
        blocks.append(Paragraph((Run(self.t("names_shown" if self.show_names else "names_hidden")),)))
        if self.min_group_size > 1:
            blocks.append(Paragraph((Run(translate("smallgroups.export_rule", self.language,
                                                   k=self.min_group_size)),)))
        return blocks

    def participation(self) -> list[Block]:
        rows = [(self.group(row), str(row["count"])) for row in self.snapshot["participation"]]
        total = sum(int(row["count"]) for row in self.snapshot["participation"])
        rows.append((self.t("total"), str(total)))
        return [
            Heading(2, self.t("participation_heading")),
            Table((self.t("participation_group"), self.t("participation_count")), tuple(rows), (False, True)),
        ]

    def prompts(self) -> list[Block]:
        blocks: list[Block] = [Heading(2, self.t("prompts_heading"))]
        items = []
        for prompt in self.snapshot["prompts"]:
            phase = self.t(f"prompt_{prompt['kind']}") if prompt.get("kind") in ("critique", "what_if") else ""
            items.append((Run(str(prompt.get("text") or "")), Run(f" ({phase})" if phase else "")))
        blocks.append(Bullets(tuple(items)) if items else Paragraph((Run(self.t("no_prompts")),)))
        return blocks

    def clusters(self) -> list[Block]:
        blocks: list[Block] = [Heading(2, self.t("clusters_heading"))]
        clusters, ungrouped = self.snapshot["clusters"], self.snapshot["ungrouped"]
        if not clusters and not ungrouped:
            blocks.append(Paragraph((Run(self.t("no_ideas")),)))
        for cluster in clusters:
            blocks.append(Heading(3, self.named(cluster.get("name"))))
            ideas = tuple(self.idea_item(idea) for idea in cluster["ideas"])
            blocks.append(Bullets(ideas) if ideas else Paragraph((Run(self.t("empty_cluster")),)))
        if ungrouped:
            blocks.append(Heading(3, self.t("ungrouped")))
            blocks.append(Bullets(tuple(self.idea_item(idea) for idea in ungrouped)))
        return blocks

    def ranking(self, placings: Sequence[Mapping[str, Any]]) -> Table:
        rows = tuple(
            (rank_label(p["rank"], p["tied"], self.language), self.named(p.get("label")), str(p["dots"])) for p in placings
        )
        header = (self.t("col_place"), self.t("col_item"), self.t("col_dots"))
        return Table(header, rows, (True, False, True))

    def vote_round(self, round_: Mapping[str, Any]) -> list[Block]:
        ballot = ballot_name(round_["ballot"], self.language)
        blocks: list[Block] = [Heading(3, self.t("round_heading", number=round_["number"], ballot=ballot))]
        settings = [
            (Run(f"{self.t('dots_per_participant')}:", bold=True), Run(f" {round_['dots_per_participant']}")),
            (Run(f"{self.t('max_dots_per_item')}:", bold=True), Run(f" {round_['max_dots_per_item']}")),
        ]
        if round_["status"] != "revealed":
            blocks.append(Bullets(tuple(settings)))
            blocks.append(Paragraph((Run(self.t("not_revealed")),)))
            return blocks
        voted = self.t("voted_value", voted=round_["voted"], voters=round_["voters"])
        settings.append((Run(f"{self.t('voted')}:", bold=True), Run(f" {voted}")))
        settings.append((Run(f"{self.t('total_dots')}:", bold=True), Run(f" {round_['total_dots']}")))
        blocks.append(Bullets(tuple(settings)))

        blocks.append(Heading(4, self.t("overall_heading")))
        overall = round_["overall"]
        shown = list(overall) if any(p["dots"] for p in overall) else []
        blocks.append(self.ranking(shown) if shown else Paragraph((Run(self.t("no_dots")),)))

        if round_["by_role"]:
            blocks.append(Heading(4, self.t("by_role_heading")))
        for group in round_["by_role"]:
            if group["role"] == small_groups.TOO_FEW:
                blocks.append(Paragraph((Run(self.group(group), bold=True),
                                         Run(" – " + translate("smallgroups.too_few_text", self.language)))))
                continue
            summary = self.t("role_summary", people=group["people"], dots=group["dots"])
            blocks.append(Paragraph((Run(self.group(group), bold=True), Run(f" – {summary}"))))
            # A group's ranking lists only what it gave dots to (the overall one lists every item).
            placings = [p for p in group["placings"] if p["dots"]]
            shown += placings
            blocks.append(self.ranking(placings) if placings else Paragraph((Run(self.t("role_no_votes")),)))

        if any(p["tied"] for p in shown):
            blocks.append(Paragraph((Run(self.t("tie_note")),)))
        return blocks

    def votes(self) -> list[Block]:
        blocks: list[Block] = [Heading(2, self.t("votes_heading"))]
        if not self.snapshot["rounds"]:
            blocks.append(Paragraph((Run(self.t("no_rounds")),)))
        for round_ in self.snapshot["rounds"]:
            blocks.extend(self.vote_round(round_))
        return blocks

    def field(self, label: str, text: object) -> list[Block]:
        value = str(text) if isinstance(text, str) and text.strip() else self.t("not_filled")
        return [Heading(4, label), Paragraph((Run(value),))]

    def listed(self, label: str, names: Sequence[str]) -> list[Block]:
        if not names:
            return [Heading(4, label), Paragraph((Run(self.t("not_filled")),))]
        return [Heading(4, label), Bullets(tuple((Run(name),) for name in names))]

    def brief(self, brief: Mapping[str, Any]) -> list[Block]:
        lang = self.language
        blocks: list[Block] = [Heading(3, self.named(brief.get("title")))]
        source = brief.get("source") or {}
        if source.get("kind") in ("cluster", "idea"):
            blocks.append(self.labelled(self.t(f"source_{source['kind']}"), self.named(source.get("label"))))
        blocks += self.field(self.t("field_what_if"), brief.get("what_if"))
        blocks += self.field(self.t("field_need"), brief.get("need"))
        blocks += self.field(self.t("field_target_group"), brief.get("target_group"))
        goals = [_label(goal_key(goal), lang, goal) for goal in brief.get("strategic_goals") or ()]
        blocks += self.listed(translate("soila.goals_heading", lang), goals)
        quadrant = brief.get("oecd_quadrant")
        quadrant_name = _label(quadrant_key(quadrant), lang, quadrant) if quadrant else None
        blocks += self.field(translate("soila.quadrant_heading", lang), quadrant_name)
        characteristics = [_label(characteristic_key(c), lang, c) for c in brief.get("characteristics") or ()]
        blocks += self.listed(translate("soila.characteristics_heading", lang), characteristics)
        blocks += self.field(self.t("field_first_experiment"), brief.get("first_experiment"))
        blocks += self.field(self.t("field_involved"), brief.get("involved"))
        blocks += self.field(self.t("field_obstacles"), brief.get("obstacles"))
        quotes = [quote for quote in brief.get("quotes") or () if isinstance(quote, str) and quote.strip()]
        blocks.append(Heading(4, self.t("field_quotes")))
        blocks += [Quote(quote) for quote in quotes] or [Paragraph((Run(self.t("not_filled")),))]
        return blocks

    def sections(self) -> tuple[Section, ...]:
        main = [*self.head(), *self.participation(), *self.prompts(), *self.clusters(), *self.votes()]
        briefs = self.snapshot["briefs"]
        heading = Heading(2, self.t("briefs_heading"))
        if not briefs:
            return (Section(tuple([*main, heading, Paragraph((Run(self.t("no_briefs")),))])),)
        # The briefs heading opens the first brief's page; every brief starts a page.
        parts = [Section(tuple(main))]
        for index, brief in enumerate(briefs):
            blocks = ([heading] if index == 0 else []) + self.brief(brief)
            parts.append(Section(tuple(blocks), new_page=True))
        return tuple(parts)


def build(snapshot: Mapping[str, Any]) -> Document:
    """The document for one workshop snapshot."""
    check_snapshot(snapshot)
    snapshot = protected(snapshot)
    builder = _Builder(snapshot)
    return Document(
        title=builder.named(snapshot["workshop"].get("title")),
        subtitle=builder.t("subtitle"),
        language=builder.language,
        date=workshop_date(snapshot),
        sections=builder.sections(),
    )
