"""A fixed workshop snapshot (schema_version 1) for the export tests.

A Finnish workshop: two groups, six ideas (one not grouped, one of two
lines), two vote rounds (the first revealed with a tie at the top, the second
closed without showing results) and two briefs. Names are not shown.

Small groups (K = 3 unless asked otherwise): 2 experience experts and 1
"other" took part, and 2 experience experts voted in round 1. The exports
must fold them (see workshop.domain.small_groups): in participation the two
small roles together make 3; in the round the 2 experts alone are too few, so
the smallest group shown apart (professionals, 3, tied with parents and the
later column) is folded in with them.
"""

from __future__ import annotations

import copy
from typing import Any

NICKNAMES = {101: "Aino", 102: "Mikko", 104: "Leena", 105: "Aino", 106: "Pekka"}  # 103 gave none

_IDEAS = {
    101: ("critique", "Sosiaalityöntekijä vaihtuu niin usein, ettei kukaan ehdi tuntea minua."),
    102: ("what_if", "Entä jos jokaisella nuorella olisi sama työntekijä koko sijoituksen ajan?"),
    103: ("what_if", "Entä jos nuori voisi soittaa omalle aikuiselleen myös iltaisin?\nVaikka vain viestillä."),
    104: ("critique", "Apua saa vasta, kun tilanne on jo kriisi."),
    105: ("what_if", "Entä jos koulussa olisi joka päivä perhetyöntekijä, jonka luo voi mennä ilman ajanvarausta?"),
    106: ("what_if", "Entä jos vanhemmat saisivat vertaistukea heti ensimmäisestä yhteydenotosta?"),
}


def _idea(idea_id: int, show_names: bool) -> dict[str, Any]:
    kind, text = _IDEAS[idea_id]
    return {"id": idea_id, "kind": kind, "text": text, "author": NICKNAMES.get(idea_id) if show_names else None}


def _placing(item_id: int, label: str, dots: int, rank: int, tied: bool = False) -> dict[str, Any]:
    return {"id": item_id, "label": label, "dots": dots, "rank": rank, "tied": tied}


STAY = "Aikuinen, joka pysyy"
EARLY = "Apua ennen kriisiä"


def snapshot(language: str = "fi", show_names: bool = False, min_group_size: int = 3) -> dict[str, Any]:
    """A fresh copy of the fixture (tests may change it); ``min_group_size=1`` shows every group apart."""
    return copy.deepcopy({
        "schema_version": 1,
        "workshop": {
            "code": "ABC234",
            "title": "Nuorten ääni lastensuojelussa",
            "challenge": "Miten nuori saisi apua ennen kuin tilanne kriisiytyy?",
            "language": language,
            "date": "2026-11-24",
            "show_names": show_names,
            "min_group_size": min_group_size,
        },
        "participation": [
            {"role": "young_person", "count": 6},
            {"role": "parent", "count": 3},
            {"role": "experience_expert", "count": 2},
            {"role": "professional", "count": 5},
            {"role": "other", "count": 1},
        ],
        "prompts": [
            {"kind": "critique", "text": "Mikä lastensuojelussa ei toimi nuoren näkökulmasta?"},
            {"kind": "critique", "text": "Milloin apu tuli liian myöhään?"},
            {"kind": "what_if", "text": "Entä jos nuori saisi itse päättää, kuka häntä auttaa?"},
        ],
        "clusters": [
            {"id": 11, "name": STAY, "ideas": [_idea(i, show_names) for i in (101, 102, 103)]},
            {"id": 12, "name": EARLY, "ideas": [_idea(i, show_names) for i in (104, 105)]},
        ],
        "ungrouped": [_idea(106, show_names)],
        "rounds": [
            {
                "number": 1, "ballot": "cluster", "status": "revealed",
                "dots_per_participant": 5, "max_dots_per_item": 3,
                "voters": 17, "voted": 14, "total_dots": 70,
                "overall": [_placing(11, STAY, 35, 1, True), _placing(12, EARLY, 35, 1, True)],
                # As the store builds it: every ballot item in each group's ranking (0 dots
                # included), and "other" left out because nobody of that group voted.
                "by_role": [
                    {"role": "young_person", "people": 6, "dots": 30,
                     "placings": [_placing(11, STAY, 18, 1), _placing(12, EARLY, 12, 2)]},
                    {"role": "parent", "people": 3, "dots": 15,
                     "placings": [_placing(12, EARLY, 10, 1), _placing(11, STAY, 5, 2)]},
                    {"role": "experience_expert", "people": 2, "dots": 10,
                     "placings": [_placing(11, STAY, 10, 1), _placing(12, EARLY, 0, 2)]},
                    {"role": "professional", "people": 3, "dots": 15,
                     "placings": [_placing(12, EARLY, 13, 1), _placing(11, STAY, 2, 2)]},
                ],
            },
            {
                "number": 2, "ballot": "what_if", "status": "closed",
                "dots_per_participant": 3, "max_dots_per_item": 2,
                "voters": 17, "voted": 12, "total_dots": 36,
                "overall": [], "by_role": [],
            },
        ],
        "briefs": [
            {
                "id": 1,
                "title": "Oma aikuinen koko sijoituksen ajan",
                "what_if": ("Entä jos jokaisella sijoitetulla nuorella olisi sama luotettu aikuinen "
                            "koko sijoituksen ajan?"),
                "need": "Nuoret kertovat, että työntekijät vaihtuvat jatkuvasti eikä kukaan ehdi tutustua heihin.",
                "target_group": "Sijaishuollossa olevat 13–17-vuotiaat nuoret",
                "strategic_goals": [1, 4],
                "oecd_quadrant": "mission_oriented",
                "characteristics": ["target_group_needs", "new_relationships", "participation"],
                "first_experiment": ("1. Kokeillaan kahdessa kunnassa keväällä 2027.\n"
                                     "2. Arvioidaan tulokset nuorten kanssa syksyllä."),
                "involved": "Nuoret, sosiaalityöntekijät, sijaisperheet ja kuntien johto",
                "obstacles": "Työntekijöiden vaihtuvuus ja suuret asiakasmäärät; työvuorot eivät jousta iltaisin.",
                "quotes": [_IDEAS[101][1], _IDEAS[102][1]],
                "source": {"kind": "cluster", "label": STAY},
            },
            {
                "id": 2,
                "title": "Perhetyöntekijä kouluun",
                "what_if": _IDEAS[105][1],
                "need": "Apu tulee liian myöhään, kun perhe ei tiedä, mistä sitä pyytää.",
                "target_group": "Kouluikäiset lapset ja heidän vanhempansa",
                "strategic_goals": [2],
                "oecd_quadrant": "anticipatory",
                "characteristics": ["everyday_life", "co_development", "local_context"],
                "first_experiment": "Puolen vuoden pilotti yhdessä yläkoulussa.",
                "involved": "Koulu, oppilashuolto, perhepalvelut ja vanhempainyhdistys",
                "obstacles": ("Rahoitus tulee eri budjeteista, eikä tietoja voi aina jakaa koulun "
                              "ja sosiaalitoimen välillä."),
                "quotes": [_IDEAS[105][1]],
                "source": {"kind": "idea", "label": _IDEAS[105][1]},
            },
        ],
    })


def swedish(show_names: bool = False) -> dict[str, Any]:
    """The fixture as a Swedish-language workshop (the texts people wrote stay as they are)."""
    return snapshot("sv", show_names)


def english(show_names: bool = False) -> dict[str, Any]:
    """The fixture as an English-language workshop (the texts people wrote stay as they are)."""
    return snapshot("en", show_names)


def ideas(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every idea of a snapshot, grouped ones first."""
    return [idea for cluster in data["clusters"] for idea in cluster["ideas"]] + list(data["ungrouped"])
