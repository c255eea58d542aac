"""Names of the portfolio's vocabulary (regions, quadrants, goals, characteristics,
statuses, roles), chosen on the page from the catalog by the id the server sends."""

from __future__ import annotations

import reflex as rx

from workshop.domain import portfolio as rules
from workshop.domain.small_groups import COMBINED, TOO_FEW
from workshop.domain.soila import CHARACTERISTICS, STRATEGIC_GOALS, characteristic_key, goal_key
from workshop.domain.vocabulary import Role
from workshop.ui.components.text import t

QUADRANT_ORDER: tuple[str, ...] = (*rules.GRID[0], *rules.GRID[1])


def _named(value: rx.Var, pairs: list[tuple[str, str]]) -> rx.Var[str]:
    return rx.match(value, *[(id_, t(key)) for id_, key in pairs], value).to(str)


def region_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(r, rules.region_key(r)) for r in rules.REGIONS] + [(rules.NONE, "portfolio_ui.region_none")])


def quadrant_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(q, rules.quadrant_key(q)) for q in (*QUADRANT_ORDER, rules.NONE)])


def goal_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(str(g), goal_key(g)) for g in STRATEGIC_GOALS])


def characteristic_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(c, characteristic_key(c)) for c in CHARACTERISTICS])


def status_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(s, rules.status_key(s)) for s in rules.STATUSES])


def role_name(value: rx.Var[str]) -> rx.Var[str]:
    return _named(value, [(r.value, f"role.{r.value}") for r in Role]
                  + [(COMBINED, "smallgroups.combined"), (TOO_FEW, "smallgroups.too_few")])


# Filter kind -> how its vocabulary values are named (workshops carry their own label).
NAMES = {
    "regions": region_name, "quadrants": quadrant_name, "goals": goal_name,
    "characteristics": characteristic_name, "statuses": status_name,
}
