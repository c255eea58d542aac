"""A fixed portfolio export snapshot for the export tests.

Three workshops in two regions and one without a region: Tampere
(Pirkanmaa, 7 people, K = 3), Rovaniemi (Lapland; one young person folded
with the professionals) and an older one. Five briefs: one in each quadrant
and one not placed; statuses new, in preparation (two dated notes) and not
taken forward; one brief voted on with a tie. Built through the domain
(``workshop.domain.portfolio.overview``), as the store does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from workshop.domain import portfolio as rules
from workshop.domain.small_groups import GroupCount, fold_counts
from workshop.export.portfolio import snapshot

AT = datetime(2027, 3, 1, 12, tzinfo=UTC)


def _workshop(wid: int, title: str, region: str | None, held: date | None, people: dict[str, int],
              k: int) -> rules.WorkshopInfo:
    rows = fold_counts([GroupCount(role, people.get(role, 0)) for role in
                        ("young_person", "parent", "experience_expert", "professional", "other")], k)
    return rules.WorkshopInfo(wid, title, region, held, k, tuple(rows))


TAMPERE = _workshop(11, "Tampereen nuorten paja", "pirkanmaa", date(2027, 2, 3),
                    {"young_person": 4, "parent": 3}, 3)
ROVANIEMI = _workshop(12, "Rovaniemi: jälkihuolto", "lappi", date(2027, 2, 10),
                      {"young_person": 1, "professional": 6}, 3)
OLD = _workshop(13, "Vanha paja", None, None, {"parent": 5}, 3)


def _brief(bid: int, workshop: rules.WorkshopInfo, title: str, quadrant: str | None, goals: tuple[int, ...],
           characteristics: tuple[str, ...], history: tuple[tuple[str, str, datetime], ...],
           vote: rules.VoteResult | None = None, quotes: tuple[str, ...] = (), **texts: str) -> rules.PublishedBrief:
    fields = {name: texts.get(name, "") for name in ("what_if", "need", "target_group", "first_experiment",
                                                       "involved", "obstacles")}
    entries = tuple(rules.StatusEntry(s, n, at) for s, n, at in history)
    return rules.PublishedBrief(id=bid, brief_id=100 + bid, workshop=workshop, title=title, **fields,
                                strategic_goals=goals, oecd_quadrant=quadrant, characteristics=characteristics,
                                quotes=quotes, vote=vote, published_at=AT, status=entries[-1].status,
                                history=entries)


NEW = (("new", "", AT),)
BRIEFS = [
    _brief(1, TAMPERE, "Oma aikuinen koko sijoituksen ajan", "anticipatory", (1, 2), ("participation", "networks"),
           (*NEW, ("in_preparation", "Soitettu hyvinvointialueelle.", datetime(2027, 3, 5, 9, tzinfo=UTC)),
            ("in_preparation", "Rahoitushaku auki 30.4.", datetime(2027, 3, 12, 9, tzinfo=UTC))),
           vote=rules.VoteResult(dots=6, rank=1, tied=True, voters=7, total_dots=15, by_role=(
               rules.RoleDots("young_person", 4, 4), rules.RoleDots("parent", 3, 2))),
           quotes=("Entä jos jokaisella nuorella olisi sama työntekijä koko sijoituksen ajan?",),
           what_if="Entä jos nuorella olisi sama aikuinen koko sijoituksen ajan?", need="Luottamus syntyy ajan kanssa."),
    _brief(2, TAMPERE, "Perhetyöntekijä kouluun", "enhancement", (2,), ("participation", "everyday_life"), NEW),
    _brief(3, ROVANIEMI, "Jälkihuolto etänä", "adaptive", (3,), ("local_context",),
           (*NEW, ("not_taken_forward", "Päällekkäinen olemassa olevan palvelun kanssa.",
                   datetime(2027, 3, 8, 9, tzinfo=UTC)))),
    _brief(4, ROVANIEMI, "Yhteinen tavoite kaikille palveluille", "mission_oriented", (1, 4), ("networks",), NEW),
    _brief(5, OLD, "Vertaistuki heti", None, (), ("participation",), NEW),
]


def overview(selected: rules.Filter | None = None) -> rules.Overview:
    return rules.overview(BRIEFS, selected, min_group_size=3)


def portfolio_snapshot(language: str = "fi", selected: rules.Filter | None = None) -> dict[str, Any]:
    return snapshot("SOILA-portfolio 2027", overview(selected), language)
