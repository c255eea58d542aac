"""The SOILA portfolio as files: DOCX, Markdown, CSV (zip) and JSON, with the filter applied.

:func:`snapshot` turns the domain's :class:`~workshop.domain.portfolio.Overview`
into one plain dict (``schema_version`` 1, below); the renderers are pure
functions of that dict, like the workshop's, and reuse its pieces rather than
copying them: the same blocks and the same Markdown and DOCX renderers
(:mod:`workshop.export.markdown`, :mod:`workshop.export.word`), the same brief
layout (``document._Builder.brief``), the same CSV cell rule and zip
(:func:`~workshop.export.tables.csv_bytes`), the same sorted JSON. So people's
text is escaped by the same code in every format.

The DOCX report opens with the filter, the OECD matrix as a picture (a PNG
drawn by :mod:`workshop.export.picture`, with a text alternative) followed by
the same grid as a table with the briefs' titles, the radical share, goal
coverage, the characteristics heat map as a table, regions, participation by
role (no group of fewer than K apart) and statuses; then one brief per page.

Snapshot sections, in order: ``portfolio`` (title, language, date, filter,
min_group_size), ``matrix``, ``goals``, ``characteristics``, ``regions``,
``participation``, ``statuses``, ``workshops``, ``briefs``. No nickname, no
token, no workshop code: the portfolio never holds them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from workshop.domain import portfolio as rules
from workshop.domain import small_groups
from workshop.domain.soila import characteristic_key, goal_key
from workshop.export.archive import deterministic_zip
from workshop.export.data import sorted_keys
from workshop.export.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Paragraph,
    Picture,
    Run,
    Section,
    Table,
    _Builder,
    _label,
    format_date,
    group_name,
    rank_label,
)
from workshop.export.markdown import render_section
from workshop.export.picture import matrix_png
from workshop.export.tables import csv_bytes
from workshop.export.word import document_docx
from workshop.i18n import DEFAULT_LANGUAGE, normalize_language, translate

SCHEMA_VERSION = 1
SECTIONS: tuple[str, ...] = ("portfolio", "matrix", "goals", "characteristics", "regions", "participation",
                             "statuses", "workshops", "briefs")
CSV_FILES: tuple[str, ...] = ("briefs.csv", "matrix.csv", "goals.csv", "characteristics.csv", "regions.csv",
                              "participants_by_role.csv", "statuses.csv")
BRIEF_TEXTS: tuple[str, ...] = ("title", "what_if", "need", "target_group", "first_experiment", "involved",
                                "obstacles")


# --- the snapshot ------------------------------------------------------------------


def _day(value: date | datetime | None) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat() if value else None


def _brief(b: rules.PublishedBrief) -> dict[str, Any]:
    vote = b.vote
    return {
        "id": b.id,
        **{name: getattr(b, name) for name in BRIEF_TEXTS},
        "strategic_goals": list(b.strategic_goals),
        "oecd_quadrant": b.oecd_quadrant,
        "characteristics": list(b.characteristics),
        "quotes": list(b.quotes),
        "vote": None if vote is None else {
            "dots": vote.dots, "rank": vote.rank, "tied": vote.tied, "voters": vote.voters,
            "total_dots": vote.total_dots,
            "by_role": [{"role": r.role, "people": r.people, "dots": r.dots, "members": list(r.members)}
                        for r in vote.by_role],
        },
        "workshop_id": b.workshop.id,
        "workshop_title": b.workshop.title,
        "region": b.workshop.region,
        "held_on": _day(b.workshop.held_on),
        "published_on": _day(b.published_at),
        "status": b.status,
        "history": [{"status": h.status, "note": h.note, "on": _day(h.at)} for h in b.history],
    }


def snapshot(title: str, view: rules.Overview, language: str) -> dict[str, Any]:
    """Everything a portfolio export holds, as plain data (JSON-ready)."""
    days = [d for b in view.briefs for d in (b.published_at, *(h.at for h in b.history))]
    m = view.matrix
    return {
        "schema_version": SCHEMA_VERSION,
        "portfolio": {"title": title, "language": normalize_language(language) or DEFAULT_LANGUAGE,
                      "date": _day(max(days)) if days else None, "filter": rules.to_query(view.filter),
                      "min_group_size": view.min_group_size, "briefs": len(view.briefs)},
        "matrix": {
            "quadrants": [{"quadrant": q.id, "directed": q.directed, "exploratory": q.exploratory,
                           "count": q.count, "briefs": [ref.id for ref in q.briefs]} for q in m.quadrants],
            "unplaced": [ref.id for ref in m.unplaced],
            "radical": m.radical, "placed": m.placed, "radical_percent": m.radical_percent,
        },
        "goals": [{"goal": int(c.id), "count": c.count, "percent": c.percent} for c in view.goals],
        "characteristics": [{"characteristic": row.characteristic, "count": row.total, "percent": row.percent,
                             "by_quadrant": dict(zip(view.heat.columns, row.cells))} for row in view.heat.rows],
        "regions": [{"region": r.region, "briefs": r.briefs, "workshops": r.workshops,
                     "participants": r.participants} for r in view.regions],
        "participation": [{"role": g.group, "count": g.people, "members": list(g.members)} for g in view.roles],
        "statuses": [{"status": s, "count": n} for s, n in view.statuses],
        "workshops": [{"id": w.id, "title": w.title, "region": w.region, "held_on": _day(w.held_on),
                       "participants": w.participants} for w in view.workshops],
        "briefs": [_brief(b) for b in view.briefs],
    }


def _check(data: Mapping[str, Any]) -> None:
    if data.get("schema_version") != SCHEMA_VERSION or "matrix" not in data:
        raise ValueError(f"portfolio export schema_version {data.get('schema_version')!r}, expected 1")


def _protected(data: Mapping[str, Any]) -> dict[str, Any]:
    """Participation by role with the small-group rule applied again (it changes nothing
    on a snapshot the store made; a hand-made one cannot show a small group apart)."""
    k = small_groups.effective_size(data["portfolio"].get("min_group_size"))
    rows = small_groups.fold_counts([small_groups.GroupCount(str(r["role"]), int(r.get("count") or 0),
                                                             tuple(r.get("members") or ()))
                                     for r in data["participation"]], k)
    return {**data, "participation": [{"role": r.group, "count": r.people, "members": list(r.members)}
                                      for r in rows]}


def _language(data: Mapping[str, Any]) -> str:
    return normalize_language(data["portfolio"].get("language")) or DEFAULT_LANGUAGE


def _date(data: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(data["portfolio"].get("date")))
    except ValueError:
        return None


# --- the document -------------------------------------------------------------------


class _Report:
    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        self.language = _language(data)
        self.k = small_groups.effective_size(data["portfolio"].get("min_group_size"))
        # The workshop export's builder, for the blocks a brief is made of.
        self.briefs = _Builder({"workshop": {"language": self.language, "show_names": False,
                                             "min_group_size": self.k}})
        self.titles = {b["id"]: self.briefs.named(b.get("title")) for b in data["briefs"]}

    def t(self, name: str, **params: object) -> str:
        return translate(f"portfolio.export.{name}", self.language, **params)

    def name(self, key: str, fallback: object) -> str:
        return _label(key, self.language, fallback)

    def region(self, region: object) -> str:
        return self.name(rules.region_key(str(region or rules.NONE)), region)

    def quadrant(self, quadrant: object) -> str:
        return self.name(rules.quadrant_key(str(quadrant or rules.NONE)), quadrant)

    def status(self, status: object) -> str:
        return self.name(rules.status_key(str(status)), status)

    def day(self, raw: object) -> str:
        try:
            return format_date(date.fromisoformat(str(raw)), raw, self.language) if raw else ""
        except ValueError:
            return str(raw)

    def percent(self, value: object) -> str:
        return "–" if value is None else f"{value} %"

    def filter_text(self) -> str:
        chosen = rules.from_query(str(self.data["portfolio"].get("filter") or ""))
        if chosen.empty:
            return self.t("filter_none")
        parts = []
        for kind, names in (("regions", [self.region(r) for r in chosen.regions]),
                            ("quadrants", [self.quadrant(q) for q in chosen.quadrants]),
                            ("goals", [self.name(goal_key(g), g) for g in chosen.goals]),
                            ("characteristics", [self.name(characteristic_key(c), c) for c in chosen.characteristics]),
                            ("workshops", [w["title"] for w in self.data["workshops"] if w["id"] in chosen.workshops]
                             or [str(w) for w in chosen.workshops]),
                            ("statuses", [self.status(s) for s in chosen.statuses])):
            if names:
                parts.append(f"{self.t('filter_' + kind)}: {', '.join(names)}")
        if chosen.text:
            parts.append(f"{self.t('filter_text')}: {chosen.text}")
        return "; ".join(parts)

    def head(self) -> list[Block]:
        info = self.data["portfolio"]
        return [
            Heading(1, self.briefs.named(info.get("title"))),
            Paragraph((Run(self.t("subtitle")),)),
            self.briefs.labelled(self.t("date"), self.day(info.get("date"))),
            self.briefs.labelled(self.t("filter"), self.filter_text()),
            self.briefs.labelled(self.t("brief_count"), str(info.get("briefs", len(self.data["briefs"])))),
        ]

    def matrix(self) -> list[Block]:
        m = self.data["matrix"]
        by_id = {q["quadrant"]: q for q in m["quadrants"]}
        grid = [[by_id.get(q, {"count": 0, "briefs": [], "exploratory": q in rules.EXPLORATORY}) for q in row]
                for row in rules.GRID]
        names = [[self.quadrant(q) for q in row] for row in rules.GRID]
        described = "; ".join(f"{names[r][c]}: {grid[r][c]['count']}" for r in range(2) for c in range(2))
        picture = Picture(matrix_png([[(q["count"], bool(q["exploratory"])) for q in row] for row in grid]),
                          self.t("matrix_picture", quadrants=described, radical=self.percent(m["radical_percent"])))

        def cell(r: int, c: int) -> str:
            titles = "; ".join(self.titles.get(i, str(i)) for i in grid[r][c]["briefs"])
            return f"{names[r][c]} ({grid[r][c]['count']})" + (f": {titles}" if titles else "")

        axis = lambda name: translate(f"portfolio.axis.{name}", self.language)  # noqa: E731
        rows = ((axis("directed"), cell(0, 0), cell(0, 1)), (axis("undirected"), cell(1, 0), cell(1, 1)))
        blocks: list[Block] = [
            Heading(2, self.t("matrix_heading")),
            picture,
            Paragraph((Run(self.t("matrix_reading")),)),
            Table(("", axis("exploiting"), axis("exploring")), rows, (False, False, False)),
        ]
        if m["unplaced"]:
            titles = "; ".join(self.titles.get(i, str(i)) for i in m["unplaced"])
            blocks.append(self.briefs.labelled(f"{self.quadrant(None)} ({len(m['unplaced'])})", titles))
        radical = self.t("radical_value", percent=self.percent(m["radical_percent"]), radical=m["radical"],
                         placed=m["placed"])
        blocks.append(self.briefs.labelled(axis("radical"), radical))
        blocks.append(Paragraph((Run(axis("radical_hint")),)))
        return blocks

    def goals(self) -> list[Block]:
        rows = tuple((self.name(goal_key(g["goal"]), g["goal"]), str(g["count"]), self.percent(g["percent"]))
                     for g in self.data["goals"])
        return [Heading(2, self.t("goals_heading")),
                Table((self.t("col_goal"), self.t("col_briefs"), self.t("col_share")), rows, (False, True, True))]

    def heat(self) -> list[Block]:
        columns = rules.HEAT_COLUMNS
        rows = tuple(
            (self.name(characteristic_key(c["characteristic"]), c["characteristic"]),
             *(str(c["by_quadrant"].get(q, 0)) for q in columns), str(c["count"]), self.percent(c["percent"]))
            for c in self.data["characteristics"])
        header = (self.t("col_characteristic"), *(self.quadrant(q) for q in columns), self.t("col_briefs"),
                  self.t("col_share"))
        return [Heading(2, self.t("heat_heading")), Paragraph((Run(self.t("heat_reading")),)),
                Table(header, rows, (False, *(True for _ in columns), True, True))]

    def regions(self) -> list[Block]:
        rows = tuple((self.region(r["region"]), str(r["briefs"]), str(r["workshops"]), str(r["participants"]))
                     for r in self.data["regions"])
        header = (self.t("col_region"), self.t("col_briefs"), self.t("col_workshops"), self.t("col_participants"))
        return [Heading(2, self.t("regions_heading")),
                Table(header, rows, (False, True, True, True)) if rows else Paragraph((Run(self.t("none")),))]

    def participation(self) -> list[Block]:
        rows = [(group_name(r, self.language, self.k), str(r["count"])) for r in self.data["participation"]]
        rows.append((translate("export.total", self.language), str(sum(r["count"] for r in self.data["participation"]))))
        blocks: list[Block] = [Heading(2, self.t("participation_heading")),
                               Table((translate("export.participation_group", self.language),
                                      translate("export.participation_count", self.language)),
                                     tuple(rows), (False, True))]
        if self.k > 1:
            blocks.append(Paragraph((Run(translate("smallgroups.export_rule", self.language, k=self.k)),)))
        return blocks

    def statuses(self) -> list[Block]:
        rows = tuple((self.status(s["status"]), str(s["count"])) for s in self.data["statuses"])
        return [Heading(2, self.t("statuses_heading")),
                Table((self.t("col_status"), self.t("col_briefs")), rows, (False, True))]

    def vote(self, vote: Mapping[str, Any] | None) -> list[Block]:
        if not vote:
            return [self.briefs.labelled(self.t("vote"), self.t("vote_none"))]
        place = rank_label(vote["rank"], vote["tied"], self.language) if vote.get("rank") else "–"
        blocks: list[Block] = [self.briefs.labelled(self.t("vote"), self.t(
            "vote_value", dots=vote["dots"], place=place, total=vote["total_dots"], voters=vote["voters"]))]
        rows = tuple((group_name(r, self.language, self.k), str(r["people"]),
                      "–" if r.get("dots") is None else str(r["dots"])) for r in vote.get("by_role") or ())
        if rows:
            blocks.append(Table((translate("export.participation_group", self.language), self.t("col_voters"),
                                 translate("export.col_dots", self.language)), rows, (False, True, True)))
        return blocks

    def brief(self, brief: Mapping[str, Any]) -> list[Block]:
        where = ", ".join(part for part in (self.briefs.named(brief.get("workshop_title")), self.region(brief.get("region")),
                                            self.day(brief.get("held_on"))) if part)
        history = brief.get("history") or []
        steps = tuple((Run(f"{self.day(h.get('on'))} {self.status(h.get('status'))}", bold=True),
                       Run(f" – {h['note']}" if h.get("note") else "")) for h in history)
        blocks = self.briefs.brief(brief)
        return [
            blocks[0],
            self.briefs.labelled(self.t("workshop"), where),
            self.briefs.labelled(self.t("status"), self.status(brief.get("status"))),
            *self.vote(brief.get("vote")),
            *blocks[1:],
            Heading(4, self.t("history_heading")),
            *([Bullets(steps)] if steps else [Paragraph((Run(self.t("none")),))]),
        ]

    def sections(self) -> tuple[Section, ...]:
        main = [*self.head(), *self.matrix(), *self.goals(), *self.heat(), *self.regions(), *self.participation(),
                *self.statuses()]
        heading = Heading(2, self.t("briefs_heading"))
        if not self.data["briefs"]:
            return (Section(tuple([*main, heading, Paragraph((Run(self.t("no_briefs")),))])),)
        parts = [Section(tuple(main))]
        for index, brief in enumerate(self.data["briefs"]):
            parts.append(Section(tuple(([heading] if index == 0 else []) + self.brief(brief)), new_page=True))
        return tuple(parts)


def build(data: Mapping[str, Any]) -> Document:
    """The portfolio report as the export's blocks."""
    _check(data)
    data = _protected(data)
    report = _Report(data)
    return Document(title=report.briefs.named(data["portfolio"].get("title")), subtitle=report.t("subtitle"),
                    language=report.language, date=_date(data), sections=report.sections())


# --- the formats -------------------------------------------------------------------------


def to_markdown(data: Mapping[str, Any]) -> str:
    return "\n".join(render_section(section) for section in build(data).sections)


def to_docx(data: Mapping[str, Any]) -> bytes:
    return document_docx(build(data))


def to_json(data: Mapping[str, Any]) -> str:
    _check(data)
    protected = _protected(data)
    ordered: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for key in SECTIONS:
        ordered[key] = sorted_keys(protected[key])
    return json.dumps(ordered, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def csv_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """Each CSV file's name and bytes. Headers and coded values are stable English ids
    (as in the workshop's CSV); lists inside a cell are space-separated."""
    _check(data)
    data = _protected(data)
    briefs = data["briefs"]
    titles = {b["id"]: b["title"] for b in briefs}
    return {
        "briefs.csv": csv_bytes(
            ("id", *BRIEF_TEXTS, "strategic_goals", "oecd_quadrant", "characteristics", "quotes", "dots", "rank",
             "tied", "workshop_id", "workshop_title", "region", "held_on", "status", "status_note", "status_on"),
            [(b["id"], *(b[name] for name in BRIEF_TEXTS), " ".join(map(str, b["strategic_goals"])),
              b["oecd_quadrant"], " ".join(b["characteristics"]), "\n".join(b["quotes"]),
              *((b["vote"]["dots"], b["vote"]["rank"], b["vote"]["tied"]) if b["vote"] else (None, None, None)),
              b["workshop_id"], b["workshop_title"], b["region"], b["held_on"], b["status"],
              (b["history"][-1]["note"] if b["history"] else ""), (b["history"][-1]["on"] if b["history"] else None))
             for b in briefs]),
        "matrix.csv": csv_bytes(
            ("quadrant", "directed", "exploratory", "brief_id", "title"),
            [(q["quadrant"], q["directed"], q["exploratory"], i, titles.get(i))
             for q in data["matrix"]["quadrants"] for i in q["briefs"]]
            + [(rules.NONE, None, None, i, titles.get(i)) for i in data["matrix"]["unplaced"]]),
        "goals.csv": csv_bytes(("goal", "briefs", "percent"),
                               [(g["goal"], g["count"], g["percent"]) for g in data["goals"]]),
        "characteristics.csv": csv_bytes(
            ("characteristic", *rules.HEAT_COLUMNS, "briefs", "percent"),
            [(c["characteristic"], *(c["by_quadrant"].get(q, 0) for q in rules.HEAT_COLUMNS), c["count"],
              c["percent"]) for c in data["characteristics"]]),
        "regions.csv": csv_bytes(("region", "briefs", "workshops", "participants"),
                                 [(r["region"], r["briefs"], r["workshops"], r["participants"])
                                  for r in data["regions"]]),
        "participants_by_role.csv": csv_bytes(("role", "count", "members"),
                                              [(r["role"], r["count"], " ".join(r["members"]))
                                               for r in data["participation"]]),
        "statuses.csv": csv_bytes(("brief_id", "status", "note", "on"),
                                  [(b["id"], h["status"], h["note"], h["on"]) for b in briefs for h in b["history"]]),
    }


def to_csv_zip(data: Mapping[str, Any]) -> bytes:
    return deterministic_zip(csv_files(data).items(), _date(data))
