"""The portfolio's pictures: the OECD matrix with the radical lens, goal coverage, the
heat map of the 16 characteristics, briefs and participants by region, participation
by role. Each picture has its data as a table beside it (in a details element), which
is what a screen reader reads; the bars are SVG so that they print without
"background graphics"."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from workshop.domain import portfolio as rules
from workshop.state.portfolio_page import BarView, HeatRowView, PortfolioState, QuadrantView, RegionView
from workshop.ui.components.text import t
from workshop.ui.views.portfolio_labels import (
    QUADRANT_ORDER, characteristic_name, goal_name, quadrant_name, region_name, role_name,
)


def _table(caption_key: str, heads: list[str], rows: rx.Component) -> rx.Component:
    """A chart's data as a table, folded under "Show as a table"."""
    return rx.el.details(
        rx.el.summary(t("portfolio_ui.show_table")),
        rx.el.div(
            rx.el.table(
                rx.el.caption(t(caption_key), class_name="sr-only"),
                rx.el.thead(rx.el.tr(*[rx.el.th(t(head), scope="col") for head in heads])),
                rx.el.tbody(rows),
                class_name="data-table",
            ),
            class_name="table-scroll",
        ),
        class_name="chart-data",
    )


def _bar(bar: BarView, label: Callable[[rx.Var[str]], rx.Var[str]]) -> rx.Component:
    return rx.el.div(
        rx.el.span(label(bar.id), class_name="chart-label"),
        rx.el.div(
            rx.el.svg(
                rx.el.svg.rect(x="0", y="0", height="100%", width=bar.width.to_string() + "%", rx="3",
                               class_name="chart-fill"),
                class_name="chart-bar", height="18", width="100%", focusable="false",
            ),
            rx.el.span(bar.value.to_string(), rx.cond(bar.share != "", " (" + bar.share + ")", ""),
                       class_name="chart-value"),
            class_name="chart-track",
        ),
        class_name="chart-row",
    )


def bar_chart(chart_id: str, heading_key: str, bars: rx.Var[list[BarView]],
              label: Callable[[rx.Var[str]], rx.Var[str]], value_key: str,
              hint: rx.Component | None = None) -> rx.Component:
    """Horizontal bars (a picture: hidden from screen readers) and the same figures as a table."""
    heading_id = f"{chart_id}-heading"
    return rx.el.section(
        rx.el.h2(t(heading_key), id=heading_id),
        *([hint] if hint is not None else []),
        rx.el.figure(
            rx.el.div(rx.foreach(bars, lambda bar: _bar(bar, label)), class_name="chart-picture",
                      aria_hidden="true"),
            _table(heading_key, ["portfolio_ui.table_item", value_key, "portfolio_ui.table_share"],
                   rx.foreach(bars, lambda bar: rx.el.tr(
                       rx.el.th(label(bar.id), rx.cond(bar.members.length() > 0,
                                                       " (" + bar.members.join(", ") + ")", ""), scope="row"),
                       rx.el.td(bar.value.to_string()),
                       rx.el.td(bar.share)))),
            class_name="chart",
        ),
        aria_labelledby=heading_id,
        class_name="card portfolio-chart",
        id=chart_id,
    )


def _quadrant_cell(index: int, quadrant_id: str) -> rx.Component:
    cell: QuadrantView = PortfolioState.quadrants[index]
    exploratory = quadrant_id in rules.EXPLORATORY
    return rx.el.section(
        rx.el.h3(
            t(rules.quadrant_key(quadrant_id)),
            rx.el.span(rx.cond(PortfolioState.quadrants.length() > index, cell.count.to_string(), "0"),
                       class_name="quadrant-count"),
            class_name="quadrant-name",
        ),
        *([rx.el.p(t("portfolio_ui.exploratory_tag"), class_name="quadrant-tag")] if exploratory else []),
        rx.cond(
            PortfolioState.quadrants.length() > index,
            rx.el.ul(rx.foreach(cell.titles, lambda title: rx.el.li(title)), class_name="quadrant-briefs"),
        ),
        class_name="quadrant" + (" quadrant--exploratory" if exploratory else ""),
        data_quadrant=quadrant_id,
    )


def matrix() -> rx.Component:
    """The 2×2 OECD matrix on its two axes, with the radical lens beside it."""
    top, bottom = rules.GRID
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.matrix_heading"), id="matrix-heading"),
        rx.el.p(t("portfolio_ui.matrix_hint"), class_name="field-hint"),
        rx.el.div(
            rx.el.figure(
                rx.el.div(
                    rx.el.p(t("portfolio.axis.directed"), class_name="axis axis--row axis--top"),
                    _quadrant_cell(0, top[0]),
                    _quadrant_cell(1, top[1]),
                    rx.el.p(t("portfolio.axis.undirected"), class_name="axis axis--row axis--bottom"),
                    _quadrant_cell(2, bottom[0]),
                    _quadrant_cell(3, bottom[1]),
                    rx.el.span(class_name="axis-corner"),
                    rx.el.p(t("portfolio.axis.exploiting"), class_name="axis axis--column"),
                    rx.el.p(t("portfolio.axis.exploring"), class_name="axis axis--column"),
                    class_name="matrix-grid",
                ),
                rx.el.figcaption(t("portfolio_ui.matrix_caption"), class_name="field-hint"),
                class_name="matrix",
            ),
            rx.el.aside(
                rx.el.h3(t("portfolio.axis.radical"), id="radical-heading"),
                rx.el.p(rx.cond(PortfolioState.radical_share != "", PortfolioState.radical_share, "–"),
                        class_name="radical-figure"),
                rx.el.p(PortfolioState.radical.to_string(), " / ", PortfolioState.placed.to_string(), " ",
                        t("portfolio_ui.radical_of"), class_name="radical-text"),
                rx.el.p(t("portfolio_ui.radical_hint"), class_name="field-hint"),
                aria_labelledby="radical-heading",
                class_name="radical",
            ),
            class_name="matrix-wrap",
        ),
        rx.cond(
            PortfolioState.unplaced.length() > 0,
            rx.el.div(
                rx.el.h3(t("portfolio_ui.unplaced_heading")),
                rx.el.ul(rx.foreach(PortfolioState.unplaced, lambda title: rx.el.li(title)),
                         class_name="quadrant-briefs"),
            ),
        ),
        _table("portfolio_ui.matrix_heading",
               ["portfolio_ui.table_quadrant", "portfolio_ui.table_briefs", "portfolio_ui.table_lens"],
               rx.fragment(*[rx.el.tr(
                   rx.el.th(t(rules.quadrant_key(q)), scope="row"),
                   rx.el.td(rx.cond(PortfolioState.quadrants.length() > i,
                                    PortfolioState.quadrants[i].count.to_string(), "0")),
                   rx.el.td(t("portfolio_ui.exploratory_tag" if q in rules.EXPLORATORY
                              else "portfolio_ui.exploiting_tag")),
               ) for i, q in enumerate(QUADRANT_ORDER)])),
        aria_labelledby="matrix-heading",
        class_name="card portfolio-matrix",
        id="matrix",
    )


def _heat_row(row: HeatRowView) -> rx.Component:
    return rx.el.tr(
        rx.el.th(characteristic_name(row.id), scope="row"),
        rx.foreach(row.cells, lambda cell: rx.el.td(cell.count.to_string(), data_level=cell.level.to_string(),
                                                    class_name="heat-cell")),
        rx.el.td(row.total.to_string(), rx.cond(row.share != "", " (" + row.share + ")", ""), class_name="heat-total"),
    )


def heat_map() -> rx.Component:
    """The 16 characteristics over the briefs, by quadrant: a table whose cells are shaded by
    count (the number is always in the cell, the shade only repeats it)."""
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.heat_heading"), id="heat-heading"),
        rx.el.p(t("portfolio_ui.heat_hint"), class_name="field-hint"),
        rx.el.div(
            rx.el.table(
                rx.el.caption(t("portfolio_ui.heat_heading"), class_name="sr-only"),
                rx.el.thead(rx.el.tr(
                    rx.el.th(t("portfolio_ui.table_characteristic"), scope="col"),
                    *[rx.el.th(t(rules.quadrant_key(q)), scope="col") for q in (*QUADRANT_ORDER, rules.NONE)],
                    rx.el.th(t("portfolio_ui.table_all"), scope="col"),
                )),
                rx.el.tbody(rx.foreach(PortfolioState.heat, _heat_row)),
                rx.el.tfoot(rx.el.tr(
                    rx.el.th(t("portfolio_ui.table_briefs"), scope="row"),
                    rx.foreach(PortfolioState.heat_columns, lambda n: rx.el.td(n.to_string())),
                    rx.el.td(PortfolioState.shown.to_string()),
                )),
                class_name="data-table heat-map",
            ),
            class_name="table-scroll",
            tab_index=0,
            role="region",
            aria_labelledby="heat-heading",
        ),
        rx.el.p(t("portfolio_ui.heat_legend"), class_name="field-hint heat-legend"),
        aria_labelledby="heat-heading",
        class_name="card portfolio-heat",
        id="heat",
    )


def _region_row(row: RegionView) -> rx.Component:
    return rx.el.tr(rx.el.th(region_name(row.id), scope="row"), rx.el.td(row.briefs.to_string()),
                    rx.el.td(row.workshops.to_string()), rx.el.td(row.participants.to_string()))


def regions_chart() -> rx.Component:
    """Briefs by region (bars) and briefs, workshops and participants by region (table)."""
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.regions_heading"), id="regions-heading"),
        rx.el.figure(
            rx.el.div(rx.foreach(PortfolioState.region_bars, lambda bar: _bar(bar, region_name)),
                      class_name="chart-picture", aria_hidden="true"),
            _table("portfolio_ui.regions_heading",
                   ["portfolio_ui.table_region", "portfolio_ui.table_briefs", "portfolio_ui.table_workshops",
                    "portfolio_ui.table_participants"],
                   rx.foreach(PortfolioState.regions, _region_row)),
            class_name="chart",
        ),
        aria_labelledby="regions-heading",
        class_name="card portfolio-chart",
        id="regions",
    )


def charts() -> rx.Component:
    return rx.el.div(
        matrix(),
        rx.el.div(
            bar_chart("goals", "portfolio_ui.goals_heading", PortfolioState.goals, goal_name,
                      "portfolio_ui.table_briefs"),
            regions_chart(),
            bar_chart("roles", "portfolio_ui.roles_heading", PortfolioState.roles, role_name,
                      "portfolio_ui.table_people",
                      rx.el.p(t("smallgroups.rule_before"), " ", PortfolioState.min_group_size.to_string(), " ",
                              t("smallgroups.rule_after"), class_name="field-hint")),
            class_name="chart-columns",
        ),
        heat_map(),
        class_name="portfolio-charts",
    )


__all__ = ["bar_chart", "charts", "heat_map", "matrix", "quadrant_name"]
