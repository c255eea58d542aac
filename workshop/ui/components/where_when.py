"""A workshop's region (the vocabulary, never free text) and the date it was held: the
fields the home page's create form and the cockpit's portfolio card share."""

from __future__ import annotations

import reflex as rx

from workshop.domain import portfolio as rules
from workshop.ui.components.form_field import field
from workshop.ui.components.text import t


def where_when_fields(prefix: str, held_min: rx.Var[str] | str, held_max: rx.Var[str] | str,
                      region: rx.Var[str] | str = "", held_on: rx.Var[str] | str = "") -> rx.Component:
    """The region select (``name="region"``) and the date input (``name="held_on"``)."""
    return rx.el.div(
        field(
            f"{prefix}-region",
            "portfolio_ui.region_label",
            rx.el.select(
                rx.el.option(t("portfolio_ui.region_unset"), value=""),
                *[rx.el.option(t(rules.region_key(r)), value=r) for r in rules.REGIONS],
                id=f"{prefix}-region",
                name="region",
                default_value=region,
                key=region,
                class_name="input",
            ),
        ),
        field(
            f"{prefix}-held-on",
            "portfolio_ui.held_on_label",
            rx.el.input(id=f"{prefix}-held-on", name="held_on", type="date", min=held_min, max=held_max,
                        default_value=held_on, key=held_on, class_name="input input--date"),
        ),
        class_name="field-row where-when",
    )
