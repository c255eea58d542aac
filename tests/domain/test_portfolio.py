"""The portfolio's pure rules: the OECD matrix and radical share, goal coverage, the
heat map, regions, roles across workshops (small groups), filters and their address,
preparation statuses, and the checks on region, date and notes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workshop.domain import portfolio as p
from workshop.domain.creation import InvalidInput
from workshop.domain.small_groups import GroupCount
from workshop.i18n import catalog

AT = datetime(2027, 3, 1, 12, tzinfo=UTC)


def _workshop(wid: int, region: str | None, held: date | None = None, people: dict[str, int] | None = None,
              k: int = 1, title: str = "") -> p.WorkshopInfo:
    rows = [GroupCount(role, n) for role, n in (people or {"young_person": 5}).items()]
    from workshop.domain.small_groups import fold_counts

    return p.WorkshopInfo(wid, title or f"Paja {wid}", region, held, k, tuple(fold_counts(rows, k)))


def _brief(bid: int, workshop: p.WorkshopInfo, quadrant: str | None = None, goals=(), characteristics=(),
           status: str = "new", title: str = "", text: str = "") -> p.PublishedBrief:
    return p.PublishedBrief(
        id=bid, brief_id=bid, workshop=workshop, title=title or f"Aihio {bid}", what_if=text, need="",
        target_group="", first_experiment="", involved="", obstacles="", strategic_goals=tuple(goals),
        oecd_quadrant=quadrant, characteristics=tuple(characteristics), quotes=(), vote=None, published_at=AT,
        status=status, history=(p.StatusEntry(status, "", AT),))


TAMPERE = _workshop(1, "pirkanmaa", date(2027, 2, 1), {"young_person": 4, "parent": 3})
ROVANIEMI = _workshop(2, "lappi", date(2027, 2, 10), {"young_person": 1, "professional": 6}, k=3)
OLD = _workshop(3, None)
BRIEFS = [
    _brief(1, TAMPERE, "anticipatory", goals=(1, 2), characteristics=("participation", "networks")),
    _brief(2, TAMPERE, "enhancement", goals=(2,), characteristics=("participation",), status="in_preparation"),
    _brief(3, ROVANIEMI, "adaptive", goals=(4,), characteristics=("sustainability",), text="Koulu ja KOTI"),
    _brief(4, ROVANIEMI, "mission_oriented"),
    _brief(5, OLD, None, characteristics=("participation",)),
]


def test_the_matrix_lays_the_quadrants_on_their_axes_and_counts_the_radical_share():
    m = p.matrix(BRIEFS)
    assert [[q.id for q in row] for row in m.rows] == [["mission_oriented", "anticipatory"],
                                                      ["enhancement", "adaptive"]]
    assert [(q.directed, q.exploratory) for q in m.quadrants] == [(True, False), (True, True),
                                                                  (False, False), (False, True)]
    assert [q.count for q in m.quadrants] == [1, 1, 1, 1]
    assert [b.title for b in m.rows[0][1].briefs] == ["Aihio 1"]
    assert [b.id for b in m.unplaced] == [5]
    assert (m.placed, m.total, m.radical, m.radical_percent) == (4, 5, 2, 50)
    assert p.matrix([]).radical_percent is None
    assert p.matrix(BRIEFS[:3]).radical_percent == 67  # 2 of 3, rounded half up
    assert p.percent(1, 8) == 13 and p.percent(0, 3) == 0


def test_goal_coverage_and_the_heat_map_count_briefs():
    assert [(c.id, c.count, c.percent) for c in p.goal_coverage(BRIEFS)] == [
        ("1", 1, 20), ("2", 2, 40), ("3", 0, 0), ("4", 1, 20)]
    heat = p.heat_map(BRIEFS)
    assert heat.columns == ("mission_oriented", "anticipatory", "enhancement", "adaptive", "none")
    assert heat.column_totals == (1, 1, 1, 1, 1)
    assert len(heat.rows) == 16
    rows = {row.characteristic: row for row in heat.rows}
    assert rows["participation"].cells == (0, 1, 1, 0, 1) and rows["participation"].total == 3
    assert rows["participation"].percent == 60 and heat.highest == 1
    assert rows["scalability"].cells == (0, 0, 0, 0, 0)
    assert [p.level(n, 4) for n in (0, 1, 2, 3, 4)] == [0, 1, 2, 3, 4]
    assert p.level(1, 10) == 1 and p.level(3, 0) == 0


def test_regions_count_briefs_workshops_and_participants():
    assert p.by_region(BRIEFS) == (
        p.RegionRow("pirkanmaa", 2, 1, 7), p.RegionRow("lappi", 2, 1, 7), p.RegionRow("none", 1, 1, 5))


def test_roles_across_workshops_keep_small_groups_folded():
    # Rovaniemi's single young person arrives folded (with K = 3) and stays out of sight.
    assert [(g.group, g.people, g.members) for g in ROVANIEMI.participation] == [
        ("combined", 7, ("young_person", "professional"))]
    roles = p.participation_by_role(BRIEFS, 3)
    assert [(g.group, g.people, g.members) for g in roles] == [
        ("young_person", 9, ()), ("parent", 3, ()), ("experience_expert", 0, ()), ("professional", 0, ()),
        ("other", 0, ()), ("combined", 7, ("young_person", "professional"))]
    # With K = 4 the parents (3) go into the combined row too.
    assert [g.group for g in p.participation_by_role(BRIEFS, 4)][-1] == "combined"
    assert all(g.people == 0 or g.people >= 4 for g in p.participation_by_role(BRIEFS, 4))
    assert p.portfolio_k(BRIEFS, 1) == 3


def test_filters_combine_kinds_and_search_text():
    def ids(**kinds) -> list[int]:
        return [b.id for b in p.apply(BRIEFS, p.make_filter(**kinds))]

    assert ids() == [3, 4, 1, 2, 5]  # newest workshop first, unknown date last
    assert ids(regions=["lappi", "pirkanmaa"], quadrants=["adaptive", "anticipatory"]) == [3, 1]
    assert ids(regions=["none"]) == [5] and ids(quadrants=["none"]) == [5]
    assert ids(goals=["2", 4]) == [3, 1, 2]
    assert ids(characteristics=["participation"], statuses=["in_preparation"]) == [2]
    assert ids(workshops=[2]) == [3, 4]
    assert ids(text="koti koulu") == [3] and ids(text="koti mars") == []
    assert ids(text="paja 1") == [1, 2]  # the workshop's title counts
    # Unknown values are dropped, not refused: an address is anyone's input.
    assert p.make_filter(regions=["mars"], goals=["x", 9], statuses=[{"a": 1}], text=5) == p.Filter()


def test_a_filter_survives_its_address_and_never_holds_more():
    chosen = p.Filter(regions=("pirkanmaa", "lappi"), quadrants=("none",), goals=(1, 3),
                      characteristics=("participation",), workshops=(2, 7), statuses=("new",), text="koulu & koti")
    query = p.to_query(chosen)
    assert query == ("region=pirkanmaa%2Clappi&quadrant=none&goal=1%2C3&characteristic=participation"
                     "&workshop=2%2C7&status=new&q=koulu+%26+koti")
    assert p.from_query(query) == chosen and p.from_query("?" + query) == chosen
    assert p.from_query({"region": ["lappi"], "q": "x"}) == p.Filter(regions=("lappi",), text="x")
    assert p.to_query(p.Filter()) == "" and p.from_query("") == p.Filter()
    assert p.from_query("key=SECRET&token=x&region=<script>") == p.Filter()
    assert p.from_query("q=" + "a" * 5000).text == "a" * p.SEARCH_MAX
    assert p.from_query("q=a%00b%1B").text == "ab"


def test_preparation_status_moves_only_along_the_allowed_steps():
    assert p.allowed_next("new") == ("new", "in_preparation", "not_taken_forward")
    assert p.allowed_next("in_preparation") == ("in_preparation", "new", "project_started", "not_taken_forward")
    assert p.allowed_next("project_started") == ("project_started", "in_preparation")
    assert p.check_transition("new", "in_preparation") == "in_preparation"
    for current, new in (("new", "project_started"), ("project_started", "not_taken_forward"),
                         ("new", None), ("new", "done"), ("bogus", "new")):
        with pytest.raises(InvalidInput, match="status_not_allowed"):
            p.check_transition(current, new)
    assert p.clean_note(" a\r\nb ") == "a\nb"


def test_region_and_held_date_are_checked():
    today = date(2027, 3, 1)
    assert p.clean_region("lappi") == "lappi" and p.clean_region("") is None
    for bad in ("Lappi", "none", 3, ["lappi"]):
        with pytest.raises(InvalidInput, match="region_unknown"):
            p.clean_region(bad)
    assert p.clean_held_on("2027-02-28", today) == date(2027, 2, 28)
    assert p.clean_held_on("", today) is None
    for bad in ("2027-2-28", "28.2.2027", "2029-01-01", "2025-01-01", 20270228, AT):
        with pytest.raises(InvalidInput, match="date_invalid"):
            p.clean_held_on(bad, today)
    assert p.held_window(today) == (date(2026, 2, 28), date(2027, 4, 30))
    # Re-dating cannot keep a workshop alive: at most HELD_AHEAD_DAYS after its creation.
    assert p.clean_held_on("2027-04-30", today) == date(2027, 4, 30)
    for bad in ("2027-05-01", "2027-04-01"):
        with pytest.raises(InvalidInput, match="date_invalid"):
            p.clean_held_on(bad, date(2027, 12, 1) if bad == "2027-05-01" else today, date(2027, 1, 30))
    assert p.clean_held_on("2027-03-31", date(2027, 12, 1), date(2027, 1, 30)) == date(2027, 3, 31)


def test_every_region_quadrant_and_status_has_a_name_in_every_language():
    for language in ("fi", "sv", "en"):
        texts = catalog(language)
        for key in ([p.region_key(r) for r in (*p.REGIONS, p.NONE)] + [p.quadrant_key(q) for q in p.HEAT_COLUMNS]
                    + [p.status_key(s) for s in p.STATUSES]):
            assert texts.get(key), (language, key)
    assert len(p.REGIONS) == 23 and len(set(p.REGIONS)) == 23


def test_the_overview_gathers_everything_for_the_filtered_briefs():
    view = p.overview(BRIEFS, p.Filter(regions=("lappi",)), min_group_size=2)
    assert [b.id for b in view.briefs] == [3, 4]
    assert view.matrix.total == 2 and view.matrix.radical_percent == 50
    assert [w.id for w in view.workshops] == [2] and view.min_group_size == 3
    assert dict(view.statuses) == {"new": 2, "in_preparation": 0, "project_started": 0, "not_taken_forward": 0}
