"""The reform's vocabulary that a brief is described in (THL, 5.3.2024).

Ids only: their names and explanations are catalog texts in Finnish,
Swedish and English (``workshop/i18n/soila/{fi,sv,en}.toml``, keys
``soila.goal_<n>``, ``soila.quadrant_<id>``, ``soila.characteristic_<id>``
and each with ``_hint``). The order is the source's.
"""

from __future__ import annotations

from workshop.domain.vocabulary import OecdQuadrant

# The four strategic goals of developing child welfare (stored as 1..4).
STRATEGIC_GOALS: tuple[int, ...] = (1, 2, 3, 4)
#   1 fewer placements outside the home      ("Sijoitusten vähentäminen")
#   2 support for families                   ("Perheiden tuki")
#   3 renewing aftercare                     ("Jälkihuollon uudistaminen")
#   4 substance-use and mental-health services during substitute care

# The OECD innovation quadrant (the enum's values).
QUADRANTS: tuple[str, ...] = tuple(q.value for q in OecdQuadrant)

# The 16 characteristics of social innovation analysed in the review (55 models).
CHARACTERISTICS: tuple[str, ...] = (
    "sustainability",        # Ratkaisun sosiaalinen, taloudellinen ja ekologinen kestävyys
    "everyday_life",         # Liittyminen laaja-alaisesti lasten, nuorten ja perheiden arkeen
    "societal_needs",        # Ratkaisu yhteiskunnan tarpeisiin ja ongelmiin
    "target_group_needs",    # Kohderyhmä- ja tarvelähtöisyys
    "social_good",           # Yhteiskunnallista hyvää tuottava vaikutus
    "new_relationships",     # Uudet vuorovaikutussuhteet
    "new_working_idea",      # Uusi toimiva idea
    "participation",         # Osallisuus
    "co_development",        # Yhteiskehittäminen
    "social_means",          # Keinoiltaan sosiaalinen
    "networks",              # Verkostomaisuus
    "societal_goal",         # Yhteiskunnallinen päämäärä
    "new_competence",        # Uutta osaamista kasvattava
    "local_context",         # Paikallisuus ja kontekstisidonnaisuus
    "ecosystem",             # Kiinnittyminen ekosysteemiin
    "scalability",           # Innovaation laatu levitettävyyden näkökulmasta
)


def goal_key(goal: int) -> str:
    return f"soila.goal_{goal}"


def quadrant_key(quadrant: str) -> str:
    return f"soila.quadrant_{quadrant}"


def characteristic_key(characteristic: str) -> str:
    return f"soila.characteristic_{characteristic}"
