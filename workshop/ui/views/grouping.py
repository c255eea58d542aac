"""The group phase: clusters with their ideas, and the ideas in none.

Three ways to move an idea, all to the same server handlers: tap it ("Pick")
and then tap "Move here" on a cluster (phones, keyboard, screen readers), or
drag it onto a cluster (desktop). The facilitator also renames, reorders,
merges and deletes clusters and asks for a suggested grouping; phones get the
tap flow when the facilitator lets participants group. The big screen shows
the board read-only in large type.
"""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState, SuggestionView
from workshop.state.grouping import BoardEditing
from workshop.state.participant import PARTICIPANT_ERRORS, ParticipantState
from workshop.state.room_view import ClusterView, IdeaView, RoomView
from workshop.ui.components.drag_drop import draggable_props, drop_area
from workshop.ui.components.notice import notice
from workshop.ui.components.room import derived
from workshop.ui.components.text import t
from workshop.ui.views.wall import idea_text, note, notes_class

BOARD = RoomView.board


def _kind_tag(idea: IdeaView) -> rx.Component:
    """Critique note or what-if idea, said in words (not only by colour): a critique note in
    the words the big screen heads them with ("Mikä ei toimi"; the phase's short "Nyt" read
    as "now" to a first-timer)."""
    return rx.el.span(
        rx.cond(idea.kind == "critique", t("projector.notes_critique"), t("grouping.kind_what_if")),
        class_name=rx.cond(idea.kind == "critique", "tag tag--critique", "tag tag--what-if"),
    )


def _idea(state: type[BoardEditing], idea: IdeaView, editable: bool) -> rx.Component:
    picked = state.selected_idea == idea.id
    text_id = f"board-idea-{idea.id}"
    if not editable:
        return rx.el.li(_kind_tag(idea), idea_text(idea.text), class_name="idea-card")
    return rx.el.li(
        _kind_tag(idea),
        idea_text(idea.text, text_id),
        rx.el.button(
            rx.cond(picked, t("grouping.picked"), t("grouping.pick")),
            type="button",
            aria_pressed=rx.cond(picked, "true", "false"),
            aria_describedby=text_id,
            on_click=state.select_idea(idea.id),
            class_name="small-button",
        ),
        class_name=rx.cond(picked, "idea-card idea-card--picked", "idea-card idea-card--draggable"),
        **draggable_props(idea.id),
    )


def _move_here(state: type[BoardEditing], cluster_id: rx.Var[int] | int, label: rx.Component,
               name_id: str | rx.Var) -> rx.Component:
    """Shown while an idea is picked: put it here."""
    return rx.cond(
        state.selected_idea != 0,
        rx.el.button(
            label,
            type="button",
            aria_describedby=name_id,
            on_click=state.move_selected(cluster_id),
            class_name="button button--primary button--inline move-here",
        ),
    )


def _manage_cluster(cluster: ClusterView, index: rx.Var[int]) -> rx.Component:
    """The facilitator's tools for one cluster: rename, up, down, merge, delete."""
    name_id = f"cluster-name-{cluster.id}"
    return rx.el.details(
        rx.el.summary(t("grouping.manage"), aria_describedby=name_id),
        rx.el.form(
            rx.el.input(type="hidden", name="cluster_id", value=cluster.id.to_string()),
            rx.el.label(t("grouping.name_label"), html_for=f"rename-{cluster.id}", class_name="field-label"),
            rx.el.input(id=f"rename-{cluster.id}", name="name", default_value=cluster.name,
                        max_length=80, class_name="input", auto_complete="off"),
            rx.el.button(t("grouping.rename"), type="submit", class_name="button button--secondary"),
            on_submit=FacilitatorState.rename_cluster,
            class_name="stack",
        ),
        rx.el.div(
            rx.el.button(t("moderation.up"), type="button", aria_describedby=name_id,
                         disabled=index == 0,
                         on_click=FacilitatorState.move_cluster(cluster.id, -1), class_name="small-button"),
            rx.el.button(t("moderation.down"), type="button", aria_describedby=name_id,
                         disabled=index == BOARD.clusters.length() - 1,
                         on_click=FacilitatorState.move_cluster(cluster.id, 1), class_name="small-button"),
            rx.el.button(t("grouping.delete"), type="button", aria_describedby=name_id,
                         on_click=FacilitatorState.delete_cluster(cluster.id), class_name="small-button"),
            class_name="button-row",
        ),
        rx.cond(
            BOARD.clusters.length() > 1,
            rx.el.form(
                rx.el.input(type="hidden", name="source", value=cluster.id.to_string()),
                rx.el.label(t("grouping.merge_into"), html_for=f"merge-{cluster.id}", class_name="field-label"),
                rx.el.select(
                    rx.foreach(
                        BOARD.clusters,
                        lambda other: rx.cond(other.id != cluster.id,
                                              rx.el.option(other.name, value=other.id.to_string())),
                    ),
                    id=f"merge-{cluster.id}",
                    name="target",
                    class_name="input",
                ),
                rx.el.button(t("grouping.merge"), type="submit", class_name="button button--secondary"),
                on_submit=FacilitatorState.merge_clusters,
                class_name="stack",
            ),
        ),
        class_name="cluster-tools",
    )


def _cluster(state: type[BoardEditing], cluster: ClusterView, index: rx.Var[int], editable: bool,
             manage: bool) -> rx.Component:
    name_id = f"cluster-name-{cluster.id}"
    body = rx.el.section(
        rx.el.h3(
            rx.el.span(cluster.name, id=name_id, class_name="user-text"),
            rx.el.span(" · ", cluster.ideas.length(), " ", t("grouping.ideas_count"), class_name="count"),
            class_name="cluster-name",
        ),
        rx.el.ul(rx.foreach(cluster.ideas, lambda idea: _idea(state, idea, editable)),
                 class_name="idea-list"),
        *([_move_here(state, cluster.id, t("grouping.move_here"), name_id)] if editable else []),
        *([_manage_cluster(cluster, index)] if manage else []),
        aria_labelledby=name_id,
        class_name="cluster",
    )
    if not editable:
        return body
    return drop_area(body, on_drop=lambda dragged: state.drop_idea(dragged, cluster.id).prevent_default,
                     class_name="drop-area")


def _ungrouped(state: type[BoardEditing], editable: bool) -> rx.Component:
    body = rx.el.section(
        rx.el.h3(t("grouping.ungrouped"), id="ungrouped-heading"),
        rx.cond(
            BOARD.ungrouped.length() > 0,
            rx.el.ul(rx.foreach(BOARD.ungrouped, lambda idea: _idea(state, idea, editable)),
                     class_name="idea-list"),
            rx.el.p(t("grouping.all_grouped"), class_name="field-hint"),
        ),
        *([_move_here(state, 0, t("grouping.move_back"), "ungrouped-heading")] if editable else []),
        aria_labelledby="ungrouped-heading",
        class_name="cluster cluster--ungrouped",
    )
    if not editable:
        return body
    return drop_area(body, on_drop=lambda dragged: state.drop_idea(dragged, 0).prevent_default,
                     class_name="drop-area")


def _new_cluster(state: type[BoardEditing]) -> rx.Component:
    return rx.el.form(
        rx.el.label(
            rx.cond(state.selected_idea != 0, t("grouping.new_with_picked"), t("grouping.new_label")),
            html_for="new-cluster-name",
            class_name="field-label",
        ),
        rx.el.input(id="new-cluster-name", name="name", max_length=80, class_name="input",
                    auto_complete="off", required=True),
        rx.el.button(t("grouping.create"), type="submit", class_name="button button--secondary"),
        on_submit=state.new_cluster,
        reset_on_submit=True,
        class_name="stack new-cluster",
    )


def _pick_status(state: type[BoardEditing]) -> rx.Component:
    """Says what picking does, and that an idea is picked (politely, without moving focus)."""
    return rx.el.div(
        rx.el.p(
            rx.cond(state.selected_idea != 0, t("grouping.picked_status"), t("grouping.how_to")),
            role="status",
            aria_live="polite",
        ),
        rx.cond(
            state.selected_idea != 0,
            rx.el.button(t("writing.cancel"), type="button", on_click=state.clear_selection,
                         class_name="small-button"),
        ),
        class_name="pick-status",
    )


def board_editor(state: type[BoardEditing], manage: bool) -> rx.Component:
    """The board for someone who groups: the facilitator (``manage``) or an allowed phone."""
    return rx.el.div(
        _pick_status(state),
        _new_cluster(state),
        # The ideas still to place come first: they are the work (the big screen and the
        # read-only board show them last, after the groups).
        rx.el.div(
            _ungrouped(state, True),
            rx.foreach(BOARD.clusters, lambda cluster, index: _cluster(state, cluster, index, True, manage)),
            class_name="board",
        ),
    )


def board_readonly(state: type[BoardEditing]) -> rx.Component:
    return rx.el.div(
        rx.foreach(BOARD.clusters, lambda cluster, index: _cluster(state, cluster, index, False, False)),
        _ungrouped(state, False),
        class_name="board",
        aria_live="polite",
    )


def _suggested(suggestion: SuggestionView, index: rx.Var[int]) -> rx.Component:
    name_id = f"suggestion-{index}"
    return rx.el.li(
        rx.el.label(t("grouping.name_label"), html_for=name_id, class_name="field-label"),
        rx.el.input(id=name_id, default_value=suggestion.name, max_length=80, class_name="input",
                    auto_complete="off",
                    on_blur=lambda value: FacilitatorState.rename_suggestion(index, value)),
        rx.el.ul(rx.foreach(suggestion.texts, lambda text: rx.el.li(text, class_name="idea-text")),
                 class_name="suggested-ideas"),
        rx.el.div(
            rx.el.button(t("grouping.accept"), type="button", aria_describedby=name_id,
                         on_click=FacilitatorState.accept_suggestion(index),
                         class_name="button button--primary button--inline"),
            rx.el.button(t("grouping.skip"), type="button", aria_describedby=name_id,
                         on_click=FacilitatorState.skip_suggestion(index), class_name="button button--secondary"),
            class_name="button-row",
        ),
        class_name="suggestion",
    )


def suggestion_panel() -> rx.Component:
    """Suggest grouping; nothing changes until the facilitator accepts."""
    return rx.el.section(
        rx.el.h2(t("grouping.suggest_heading"), id="suggest-heading"),
        rx.el.p(t("grouping.suggest_hint"), class_name="field-hint"),
        rx.el.button(t("grouping.suggest"), type="button", on_click=FacilitatorState.suggest_grouping,
                     class_name="button button--secondary"),
        rx.cond(
            FacilitatorState.suggestions.length() > 0,
            rx.el.div(
                rx.el.ol(rx.foreach(FacilitatorState.suggestions, _suggested), class_name="suggestions"),
                rx.el.div(
                    rx.el.button(t("grouping.accept_all"), type="button",
                                 on_click=FacilitatorState.accept_all_suggestions,
                                 class_name="button button--primary button--inline"),
                    rx.el.button(t("grouping.discard"), type="button",
                                 on_click=FacilitatorState.discard_suggestions,
                                 class_name="button button--secondary"),
                    class_name="button-row",
                ),
            ),
            rx.cond(FacilitatorState.suggested, rx.el.p(t("grouping.no_suggestion"), role="status")),
        ),
        aria_labelledby="suggest-heading",
        class_name="card",
    )


def grouping_panel() -> rx.Component:
    """The facilitator's group phase: the setting for phones, the suggestion, the board."""
    allowed = RoomView.room.participants_group
    return rx.el.section(
        rx.el.h2(t("grouping.heading"), id="grouping-heading"),
        # Unrevealed critique notes are on no phone's board (nor on this one) until revealed.
        rx.cond(RoomView.room.hide_critique & ~RoomView.room.ideas_visible["critique"],
                rx.el.p(t("limits.notes_not_on_board"), class_name="field-hint")),
        rx.el.button(
            t("grouping.allow_phones"),
            type="button",
            aria_pressed=rx.cond(allowed, "true", "false"),
            on_click=FacilitatorState.set_participants_group(~allowed),
            class_name="toggle",
        ),
        board_editor(FacilitatorState, manage=True),
        aria_labelledby="grouping-heading",
        class_name="card",
    )


def grouping_view() -> rx.Component:
    """A phone in the group phase: the board, with the tap flow when participants may group."""
    return rx.el.div(
        notice(ParticipantState.notice, PARTICIPANT_ERRORS),
        rx.cond(
            RoomView.room.participants_group,
            board_editor(ParticipantState, manage=False),
            board_readonly(ParticipantState),
        ),
        class_name="grouping-phone",
    )


def _screen_column(name: rx.Component | rx.Var, ideas: rx.Var[list[IdeaView]], extra: str = "") -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.el.span(name, class_name="user-text"), " ",
                 rx.el.span(ideas.length().to_string(), class_name="count-badge"), class_name="cluster-name"),
        rx.el.ul(rx.foreach(ideas, note), class_name="idea-list notes"),
        class_name="cluster screen-column" + extra,
    )


def _on_board() -> rx.Var[int]:
    """How many ideas the board holds, in clusters or none."""
    return derived(f"((({BOARD}).clusters ?? []).reduce((n, c) => n + c.ideas.length, 0)"
                   f" + (({BOARD}).ungrouped ?? []).length)", int, BOARD)


def grouping_screen() -> rx.Component:
    """The big screen: clusters as columns of notes, ungrouped ideas last; it scrolls by itself.
    Few notes on the board are set larger (see workshop.ui.views.wall.FEW)."""
    return rx.el.div(
        rx.foreach(BOARD.clusters, lambda cluster: _screen_column(cluster.name, cluster.ideas)),
        rx.cond(
            BOARD.ungrouped.length() > 0,
            _screen_column(t("grouping.ungrouped"), BOARD.ungrouped, " cluster--ungrouped"),
        ),
        class_name=notes_class(_on_board(), "board board--screen"),
        aria_live="polite",
        data_autoscroll="true",
    )
