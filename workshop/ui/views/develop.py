"""The develop phase: brief canvases the facilitator fills in, phones suggest additions;
and the results phase's downloads.

Every text field saves when the facilitator leaves it, naming the text it held
when typing began (kept in the field's ``data-base`` on focus). An untouched
field follows other tabs' saves by itself (the browser shows a new default
value until someone types); a field being typed in is never replaced; a save
over a text another tab changed meanwhile is refused and the typed text stays
on screen (``rejected``) beside the other tab's.
"""

from __future__ import annotations

import reflex as rx

from workshop.domain.briefs import SUGGESTION_FIELDS, TEXT_FIELDS
from workshop.domain.soila import CHARACTERISTICS, QUADRANTS, STRATEGIC_GOALS
from workshop.api.exports import NAMES as DOWNLOAD_FORMATS
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import PARTICIPANT_ERRORS, ParticipantState
from workshop.state.room_view import BriefSuggestionView, BriefView, RoomView
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.views.voting import results

BRIEFS = RoomView.briefs
FORMATS = DOWNLOAD_FORMATS


def _field_id(brief: BriefView, field: str) -> rx.Var[str]:
    return "brief-" + brief.id.to_string() + "-" + field


# On focus an untyped field remembers the stored text the typing starts from.
_REMEMBER_BASE = rx.call_script(
    "(el => { if (el && el.value === el.defaultValue) el.dataset.base = el.defaultValue; })"
    "(document.activeElement)"
)
_BASE = rx.Var(_js_expr="(_e.target.dataset.base ?? _e.target.defaultValue)", _var_type=str)


def _text_field(brief: BriefView, field: str) -> rx.Component:
    element_id = _field_id(brief, field)
    epoch = FacilitatorState.field_epochs.get(brief.id.to_string() + "-" + field, 0).to_string()
    common = dict(
        id=element_id,
        default_value=getattr(brief, field),
        key=element_id + "-" + epoch,
        on_focus=_REMEMBER_BASE,
        on_blur=lambda value: FacilitatorState.save_brief_text(brief.id, field, _BASE, value),
        class_name="input",
    )
    control = (rx.el.input(max_length=200, auto_complete="off", **common) if field == "title"
               else rx.el.textarea(rows=3, max_length=2000, **common))
    return rx.el.div(
        rx.el.label(t(f"develop.field_{field}"), html_for=element_id, class_name="field-label"),
        control,
        rx.cond(
            (FacilitatorState.rejected.brief_id == brief.id) & (FacilitatorState.rejected.field == field),
            rx.el.div(
                rx.el.p(t("develop.your_unsaved_text"), class_name="field-hint"),
                rx.el.pre(FacilitatorState.rejected.text, class_name="rejected-text"),
                rx.el.button(t("develop.dismiss"), type="button", on_click=FacilitatorState.dismiss_rejected,
                             class_name="small-button"),
                role="alert",
            ),
        ),
        class_name="field",
    )


def _check(brief: BriefView, kind: str, value: str, label: rx.Var | str, checked: rx.Var[bool]) -> rx.Component:
    element_id = "brief-" + brief.id.to_string() + "-" + kind + "-" + value
    return rx.el.label(
        rx.el.input(type="checkbox", id=element_id, checked=checked,
                    on_change=lambda on: FacilitatorState.set_brief_choice(brief.id, kind, value, on)),
        rx.el.span(label),
        class_name="choice",
    )


def _goals(brief: BriefView) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("soila.goals_heading")),
        *[_check(brief, "goal", str(g), t(f"soila.goal_{g}"), brief.strategic_goals.contains(g))
          for g in STRATEGIC_GOALS],
    )


def _quadrant(brief: BriefView) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("soila.quadrant_heading")),
        *[rx.el.label(
            rx.el.input(type="radio", name="quadrant-" + brief.id.to_string(), value=q,
                        checked=brief.oecd_quadrant == q,
                        on_change=lambda _, q=q: FacilitatorState.set_brief_choice(brief.id, "quadrant", q, True)),
            rx.el.span(rx.el.strong(t(f"soila.quadrant_{q}")), " – ", t(f"soila.quadrant_{q}_hint")),
            class_name="choice",
        ) for q in QUADRANTS],
    )


def _characteristics(brief: BriefView) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("soila.characteristics_heading")),
        *[_check(brief, "characteristic", c, t(f"soila.characteristic_{c}"), brief.characteristics.contains(c))
          for c in CHARACTERISTICS],
        class_name="characteristics",
    )


def _quotes(brief: BriefView) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("develop.quotes")),
        rx.foreach(brief.ideas, lambda idea: rx.el.label(
            rx.el.input(type="checkbox", checked=idea.quoted,
                        on_change=lambda on: FacilitatorState.set_brief_choice(
                            brief.id, "quote", idea.id.to_string(), on)),
            rx.el.span(idea.text, class_name="idea-text"),
            class_name="choice",
        )),
    )


def _suggestion(suggestion: BriefSuggestionView, brief: BriefView) -> rx.Component:
    return rx.cond(
        suggestion.brief_id == brief.id,
        rx.el.li(
            rx.el.p(suggestion.text, class_name="idea-text"),
            rx.el.form(
                rx.el.input(type="hidden", name="suggestion_id", value=suggestion.id.to_string()),
                rx.el.label(t("develop.take_into"), html_for="take-" + suggestion.id.to_string(),
                            class_name="field-label"),
                rx.el.select(*[rx.el.option(t(f"develop.field_{f}"), value=f) for f in SUGGESTION_FIELDS],
                             id="take-" + suggestion.id.to_string(), name="field", class_name="input"),
                rx.el.button(t("develop.take_in"), type="submit", class_name="small-button"),
                on_submit=FacilitatorState.take_in_suggestion,
                class_name="take-in",
            ),
            class_name="idea-card",
        ),
    )


def _fold(title_key: str, *children: rx.Component, open: bool = False) -> rx.Component:
    """One foldable part of a brief's form."""
    return rx.el.details(
        rx.el.summary(t(title_key), class_name="brief-fold-summary"),
        rx.el.div(*children, class_name="brief-fold-body"),
        open=open,
        class_name="brief-fold",
    )


def _brief_editor(brief: BriefView) -> rx.Component:
    heading_id = "brief-heading-" + brief.id.to_string()
    return rx.el.section(
        rx.el.h3(brief.title, id=heading_id),
        rx.cond(brief.source_label != "", rx.el.p(t("develop.from"), " ", brief.source_label, class_name="field-hint")),
        _fold("cockpit.section_core", *[_text_field(brief, f) for f in TEXT_FIELDS[:4]], open=True),
        _fold("cockpit.section_plan", *[_text_field(brief, f) for f in TEXT_FIELDS[4:]]),
        _fold("cockpit.section_soila", _goals(brief), _quadrant(brief), _characteristics(brief)),
        _fold("cockpit.section_quotes", _quotes(brief)),
        _fold("cockpit.section_suggestions",
              rx.el.ul(rx.foreach(RoomView.suggestions, lambda s: _suggestion(s, brief)), class_name="idea-list")),
        rx.el.button(t("develop.delete"), type="button",
                     on_click=[FacilitatorState.delete_brief(brief.id), FacilitatorState.open_brief(0)],
                     aria_describedby=heading_id, class_name="button button--secondary"),
        aria_labelledby=heading_id,
        class_name="card brief",
    )


def _is_open(brief: BriefView, index: rx.Var[int]) -> rx.Var[bool]:
    chosen = FacilitatorState.brief_open
    return (chosen == brief.id) | ((chosen == 0) & (index == 0))


def _brief_list() -> rx.Component:
    return rx.el.nav(
        rx.el.h3(t("cockpit.briefs_heading"), id="brief-list-heading"),
        rx.el.ol(
            rx.foreach(BRIEFS, lambda brief, i: rx.el.li(
                rx.el.button(
                    brief.title,
                    rx.cond(_is_open(brief, i), rx.el.span(" – ", t("cockpit.brief_open"), class_name="step-current")),
                    type="button",
                    aria_current=rx.cond(_is_open(brief, i), "true", "false"),
                    on_click=FacilitatorState.open_brief(brief.id),
                    class_name="brief-pick",
                ),
            )),
            class_name="brief-list",
        ),
        aria_labelledby="brief-list-heading",
        class_name="brief-nav",
    )


def develop_panel() -> rx.Component:
    """The facilitator's develop phase: make briefs; a list of them and one brief's editor."""
    return rx.el.section(
        rx.el.h2(t("develop.heading"), id="develop-heading"),
        rx.el.p(t("develop.hint"), class_name="field-hint"),
        rx.el.div(
            rx.el.button(t("develop.from_top"), type="button", on_click=FacilitatorState.briefs_from_top,
                         class_name="button button--primary button--inline"),
            class_name="button-row",
        ),
        rx.el.form(
            rx.el.label(t("develop.from_item"), html_for="brief-source", class_name="field-label"),
            rx.el.select(
                rx.el.optgroup(
                    rx.foreach(RoomView.board.clusters,
                               lambda c: rx.el.option(c.name, value="cluster:" + c.id.to_string())),
                    label=t("develop.source_groups"),
                ),
                rx.el.optgroup(
                    rx.foreach(RoomView.board.clusters, lambda c: rx.foreach(
                        c.ideas, lambda i: rx.el.option(i.text, value="idea:" + i.id.to_string()))),
                    rx.foreach(RoomView.board.ungrouped,
                               lambda i: rx.el.option(i.text, value="idea:" + i.id.to_string())),
                    label=t("develop.source_ideas"),
                ),
                id="brief-source", name="source", class_name="input",
            ),
            rx.el.button(t("develop.make"), type="submit", class_name="button button--secondary"),
            on_submit=FacilitatorState.brief_from,
            class_name="timer-form brief-source-form",
        ),
        rx.cond(
            BRIEFS.length() > 0,
            rx.el.div(
                _brief_list(),
                rx.el.div(rx.foreach(BRIEFS, lambda brief, i: rx.cond(_is_open(brief, i), _brief_editor(brief))),
                          class_name="brief-editor"),
                class_name="brief-workspace",
            ),
        ),
        aria_labelledby="develop-heading",
        class_name="card",
    )


def _brief_readonly(brief: BriefView) -> rx.Component:
    heading_id = "brief-view-" + brief.id.to_string()
    return rx.el.section(
        rx.el.h3(brief.title, id=heading_id),
        *[rx.cond(getattr(brief, field) != "",
                  rx.el.div(rx.el.p(t(f"develop.field_{field}"), class_name="field-label"),
                            rx.el.p(getattr(brief, field), class_name="idea-text")))
          for field in TEXT_FIELDS[1:]],
        aria_labelledby=heading_id,
        class_name="card brief",
    )


def _suggest_form(brief: BriefView) -> rx.Component:
    text_id = "suggest-" + brief.id.to_string()
    return rx.el.form(
        rx.el.input(type="hidden", name="brief_id", value=brief.id.to_string()),
        rx.el.label(t("develop.your_suggestion"), html_for=text_id, class_name="field-label"),
        rx.el.textarea(id=text_id, name="text", rows=3, max_length=1000, class_name="input",
                       key=text_id + "-" + ParticipantState.sent.to_string()),
        rx.el.button(t("develop.send_suggestion"), type="submit", class_name="button button--primary"),
        rx.cond(ParticipantState.suggested_brief == brief.id,
                rx.el.p(t("develop.suggestion_sent"), role="status", class_name="sent-note")),
        on_submit=ParticipantState.suggest_to_brief,
        class_name="suggest-form",
    )


def develop_view() -> rx.Component:
    """A phone in the develop phase: the briefs, and a suggestion form under each."""
    return rx.el.div(
        notice(ParticipantState.notice, PARTICIPANT_ERRORS),
        rx.cond(
            BRIEFS.length() > 0,
            rx.foreach(BRIEFS, lambda brief: rx.el.div(_brief_readonly(brief), _suggest_form(brief),
                                                       class_name="brief-with-suggestion")),
            rx.el.p(t("develop.none_yet"), role="status"),
        ),
        class_name="develop-phone",
    )


# What the big screen shows of a brief under its title and what-if, as the facilitator fills
# them in: the room writes the plan together (review round 2, #5).
SCREEN_FIELDS = ("need", "first_experiment", "involved")


def _brief_note(brief: BriefView) -> rx.Component:
    return rx.el.li(rx.el.h2(brief.title, class_name="brief-title"),
                    rx.cond(brief.what_if != "", rx.el.p(brief.what_if, class_name="idea-text")),
                    *[rx.cond(getattr(brief, field) != "",
                              rx.el.p(rx.el.strong(t(f"develop.field_{field}"), ": "), getattr(brief, field),
                                      class_name="brief-field user-text"))
                      for field in SCREEN_FIELDS],
                    class_name="idea-card note brief-note")


def develop_screen() -> rx.Component:
    """The big screen in the develop phase: each brief's title and what-if, and its need,
    first experiment and who takes part once written."""
    return rx.el.ul(
        rx.foreach(BRIEFS, _brief_note),
        class_name="idea-list notes notes--briefs",
        aria_live="polite",
        data_autoscroll="true",
    )


def results_screen() -> rx.Component:
    """The big screen at the end: the briefs' titles (or the vote's result when there are none)."""
    return rx.cond(
        BRIEFS.length() > 0,
        rx.el.section(
            rx.el.h2(t("projector.briefs_heading"), class_name="area-title", id="briefs-heading"),
            develop_screen(),
            aria_labelledby="briefs-heading",
            class_name="screen-area",
        ),
        rx.cond(RoomView.tally.status == "revealed", results(large=True),
                rx.el.p(t("voting.no_results"), class_name="screen-wait")),
    )


def briefs_readonly() -> rx.Component:
    return rx.foreach(BRIEFS, _brief_readonly)


def download_buttons(download) -> rx.Component:
    """One button per format; ``download(fmt)`` mints a one-time token, so no key is in any address."""
    return rx.el.ul(
        *[rx.el.li(rx.el.button(t(f"develop.format_{fmt}"), type="button", on_click=download(fmt),
                                class_name="button button--secondary"))
          for fmt in FORMATS],
        class_name="downloads",
    )


def downloads_panel() -> rx.Component:
    """The facilitator's downloads (the results link for project preparers is in the keys panel)."""
    return rx.el.section(
        rx.el.h2(t("develop.downloads"), id="downloads-heading"),
        rx.el.p(t("develop.downloads_hint"), class_name="field-hint"),
        download_buttons(FacilitatorState.download),
        aria_labelledby="downloads-heading",
        class_name="card",
    )
