"""The vote phase: dots on phones, the facilitator's round controls, progress, results.

Phones get large − and + buttons per item and always see how many dots are
left (in words and numbers, not only as dots). While a round is open no
screen gets tallies, only "X / Y have used all their dots". The result is a
ranked list with bars, overall and side by side by role; a tie shows the
same "2." with a small "tie" under it, said in words for screen readers; every bar has its number.
"""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import PARTICIPANT_ERRORS, ParticipantState
from workshop.state.room_view import BallotItem, PlacingView, RoleResultView, RoomView, TallyView
from workshop.ui.components.notice import notice
from workshop.ui.components.room import derived, role_name, role_names
from workshop.ui.components.text import t
from workshop.ui.views.wall import notes_class

BALLOT = RoomView.ballot
TALLY = RoomView.tally
BALLOTS = ("cluster", "what_if", "critique", "idea")


def _count(number: rx.Var[int], unit: str) -> rx.Component:
    """"1 dot", "3 dots": the unit in the singular for one (``voting.{unit}_one``)."""
    return rx.el.span(number.to_string(), " ",
                      rx.cond(number == 1, t(f"voting.{unit}_one"), t(f"voting.{unit}_unit")))


def _ballot_name(ballot: rx.Var[str]) -> rx.Component | rx.Var:
    return rx.match(ballot, *[(b, t(f"voting.ballot_{b}")) for b in BALLOTS], "")


def progress(large: bool = False) -> rx.Component:
    """"12 / 40 have used all their dots", with a bar; announced politely."""
    percent = rx.cond(TALLY.voters > 0, (TALLY.done * 100 / TALLY.voters).to(int), 0)
    return rx.el.div(
        rx.el.p(
            rx.el.strong(TALLY.done.to_string(), " / ", TALLY.voters.to_string(), class_name="progress-figure"),
            " ",
            t("voting.used_all"),
            class_name="progress-text",
        ),
        rx.el.div(rx.el.div(class_name="bar-fill", style={"width": percent.to_string() + "%"}),
                  class_name="bar-track", aria_hidden="true"),
        rx.el.p(TALLY.voted.to_string(), " ", t("voting.voted_any"), class_name="field-hint"),
        class_name="vote-progress vote-progress--large" if large else "vote-progress",
        role="status",
        aria_live="polite",
        id="vote-progress",
    )


# Results

def _rank(placing: PlacingView) -> rx.Component:
    """The place: "2." for each of the items sharing it, with a small "tie" under the number
    (not "=2.", which a first-timer doesn't read); said in words for screen readers."""
    return rx.el.span(
        rx.el.span(placing.rank.to_string(), ".", aria_hidden="true"),
        rx.el.span(
            t("voting.place"), " ", placing.rank.to_string(),
            rx.cond(placing.tied, rx.el.span(", ", t("voting.tied")), ""), ":",
            class_name="sr-only",
        ),
        rx.cond(placing.tied, rx.el.span(t("voting.tied"), class_name="rank-tie", aria_hidden="true")),
        class_name="rank",
    )


def _placing(placing: PlacingView, mark_winner: bool = False) -> rx.Component:
    """A ranked row; ``mark_winner``: the first place says so in words and with a star, not
    only by colour (on a line of its own above the name, so the number stays by the name)."""
    winner = (placing.rank == 1) & (placing.dots > 0) if mark_winner else rx.Var.create(False)
    return rx.el.li(
        _rank(placing),
        rx.cond(winner, rx.el.span("★ ", t("projector.winner"), class_name="winner-tag")),
        rx.el.span(placing.label, class_name="placing-label"),
        rx.el.span(
            rx.el.span(class_name="bar-fill", style={"width": placing.percent.to_string() + "%"}),
            class_name="bar-track", aria_hidden="true",
        ),
        rx.el.span(_count(placing.dots, "dots"), class_name="placing-dots"),
        class_name=rx.cond(winner, "placing placing--winner", "placing"),
    )


def _group_rule() -> rx.Component:
    """"Groups of fewer than K people are not shown on their own …" (small groups)."""
    return rx.el.p(t("smallgroups.rule_before"), " ", RoomView.room.min_group_size.to_string(), " ",
                   t("smallgroups.rule_after"), class_name="field-hint")


def _members(column: RoleResultView) -> rx.Component:
    """The roles a "groups together" column holds, named (no figure per role)."""
    return rx.el.p(role_names(column.members), class_name="group-members")


def _role_column(column: RoleResultView, round_id: rx.Var[int]) -> rx.Component:
    """One column of the result by role; small groups arrive already folded together
    (``combined``) or withheld (``too_few``, no ranking) from the server."""
    heading_id = "role-result-" + round_id.to_string() + "-" + column.role
    figures = rx.el.p(_count(column.people, "people"), " · ", _count(column.dots, "dots"), class_name="field-hint")
    ranking = rx.cond(
        column.dots > 0,
        rx.el.ol(rx.foreach(column.placings, lambda placing: _placing(placing)), class_name="placings placings--compact"),
        rx.el.p(t("voting.role_no_votes")),
    )
    return rx.el.section(
        rx.el.h4(rx.match(column.role, ("combined", t("smallgroups.combined")), ("too_few", t("smallgroups.too_few")),
                          role_name(column.role, plural=True)), id=heading_id),
        rx.match(
            column.role,
            ("combined", rx.fragment(_members(column), figures, ranking, _group_rule())),
            ("too_few", rx.fragment(rx.el.p(t("smallgroups.too_few_text")), _group_rule())),
            rx.fragment(figures, ranking),
        ),
        aria_labelledby=heading_id,
        class_name="role-column",
        data_group=column.role,
        data_role=column.role,
    )


def _result_body(tally: TallyView, current: bool, large: bool = False) -> list[rx.Component]:
    """Who voted, the ranking overall, and the rankings by role side by side (the columns
    are whatever roles the result carries)."""
    scroll = {"data_autoscroll": "true"} if large else {}
    return [
        rx.el.div(
            rx.el.p(_count(tally.voted, "people"), " · ", _count(tally.total_dots, "dots"), class_name="field-hint"),
            rx.el.ol(rx.foreach(tally.overall, lambda placing: _placing(placing, mark_winner=True)), class_name="placings",
                     **({"id": "results-overall"} if current else {})),
            class_name="results-overall", **scroll,
        ),
        rx.el.div(
            rx.el.h3(t("voting.by_role_heading")) if current else rx.el.h4(t("voting.by_role_heading")),
            rx.el.div(rx.foreach(tally.by_role, lambda column: rx.cond(column.people > 0,
                                                                       _role_column(column, tally.round_id))),
                      class_name="role-columns", **({"id": "results-by-role"} if current else {})),
            # The roles nobody voted from, on one line rather than a card each (the line hides
            # itself when there is none: see .role-none in app.css).
            rx.el.p(
                rx.el.span(t("voting.no_votes_from"), ": ", class_name="role-none-label"),
                rx.foreach(tally.by_role, lambda column: rx.cond(
                    column.people == 0, rx.el.span(role_name(column.role, plural=True), class_name="role-none-name"))),
                class_name="role-none field-hint", **({"id": "results-by-role-none"} if current else {}),
            ),
            class_name="results-by-role", **scroll,
        ),
    ]


def results(large: bool = False) -> rx.Component:
    """The revealed result of the latest round: overall, then by role side by side."""
    return rx.el.section(
        rx.el.h2(t("voting.results_heading"), " – ", _ballot_name(TALLY.ballot), id="results-heading"),
        *_result_body(TALLY, current=True, large=large),
        aria_labelledby="results-heading",
        class_name="results results--large" if large else "results",
    )


def _earlier_round(tally: TallyView) -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("voting.round"), " ", tally.number.to_string(), " – ", _ballot_name(tally.ballot), " · ",
                      _count(tally.voted, "people")),
        rx.cond(tally.status == "revealed", rx.el.div(*_result_body(tally, current=False), class_name="results"),
                rx.el.p(t("voting.not_revealed"))),
        class_name="earlier-round",
    )


def earlier_rounds() -> rx.Component:
    """The facilitator's earlier rounds of this workshop, each kept apart with its own result."""
    return rx.cond(
        RoomView.rounds.length() > 0,
        rx.el.section(
            rx.el.h3(t("voting.earlier_rounds"), id="earlier-rounds-heading"),
            rx.foreach(RoomView.rounds, _earlier_round),
            aria_labelledby="earlier-rounds-heading",
        ),
    )


def _round_state(open_view: rx.Component, closed_view: rx.Component, revealed_view: rx.Component,
                 none_view: rx.Component) -> rx.Component:
    return rx.match(
        TALLY.status,
        ("open", open_view),
        ("closed", closed_view),
        ("revealed", revealed_view),
        none_view,
    )


# The phone

def _mine(item: BallotItem) -> rx.Var[int]:
    """My dots on this item in the round on screen (my dots of an older round count as none)."""
    return rx.cond(ParticipantState.my_round_id == BALLOT.round_id,
                   ParticipantState.my_dots.get(item.id, 0), 0).to(int)


def _dots_used() -> rx.Var[int]:
    """My dots on the items on the ballot now: a dot on an idea the facilitator hid
    (or a cluster merged away) was given back on the server, and is not counted here."""
    choices, mine = BALLOT.choices, ParticipantState.my_dots
    summed = derived(f"(({choices}) ?? []).reduce((sum, choice) => sum + ((({mine}) ?? {{}})[choice.id] ?? 0), 0)",
                     int, choices, mine)
    return rx.cond(ParticipantState.my_round_id == BALLOT.round_id, summed, 0).to(int)


def _dots_left() -> rx.Var[int]:
    return (BALLOT.dots_per_participant - _dots_used()).to(int)


def _dot_glyphs(count: rx.Var[int], total: rx.Var[int]) -> rx.Component:
    """● for each of ``count``, ○ for the rest of ``total``; decoration only (the number says it)."""
    return rx.el.span(
        rx.foreach(rx.Var.range(total), lambda n: rx.el.span(rx.cond(n < count, "●", "○"))),
        class_name="dot-glyphs", aria_hidden="true",
    )


def _ballot_item(item: BallotItem) -> rx.Component:
    label_id = "ballot-item-" + item.id.to_string()
    mine = _mine(item)
    return rx.el.li(
        rx.el.div(
            rx.el.p(item.label, id=label_id, class_name="ballot-label"),
            rx.cond(
                item.ideas.length() > 0,
                rx.el.details(
                    rx.el.summary(t("voting.show_ideas"), " (", item.ideas.length().to_string(), ")"),
                    rx.el.ul(rx.foreach(item.ideas, lambda text: rx.el.li(text, class_name="idea-text"))),
                ),
            ),
            class_name="ballot-text",
        ),
        rx.el.div(
            rx.el.button(
                "−",
                type="button",
                aria_label=t("voting.remove_dot") + ": " + item.label,
                aria_disabled=rx.cond(mine <= 0, "true", "false"),
                on_click=ParticipantState.remove_dot(item.id),
                class_name="dot-button",
            ),
            rx.el.span(
                _dot_glyphs(mine, BALLOT.max_dots_per_item),
                rx.el.span(mine.to_string(), class_name="dot-count"),
                rx.el.span(" ", rx.cond(mine == 1, t("voting.dots_one"), t("voting.dots_unit")),
                           class_name="sr-only"),
                class_name="dot-tally",
            ),
            rx.el.button(
                "+",
                type="button",
                aria_label=t("voting.add_dot") + ": " + item.label,
                aria_disabled=rx.cond((mine >= BALLOT.max_dots_per_item) | (_dots_left() <= 0), "true", "false"),
                on_click=ParticipantState.add_dot(item.id),
                class_name="dot-button dot-button--add",
            ),
            class_name="dot-controls",
            role="group",
            aria_labelledby=label_id,
        ),
        class_name="ballot-item",
    )


def _dots_left_banner() -> rx.Component:
    return rx.el.div(
        rx.el.p(
            rx.el.strong(_dots_left().to_string(), " / ", BALLOT.dots_per_participant.to_string(),
                         id="dots-left"),
            " ", t("phone.dots_left"),
            class_name="dots-left-text",
            role="status",
        ),
        # One filled mark per dot still to give, a hollow one per dot given.
        _dot_glyphs(_dots_left(), BALLOT.dots_per_participant),
        rx.el.p(t("voting.most_per_item"), " ", BALLOT.max_dots_per_item.to_string(), class_name="field-hint"),
        notice(ParticipantState.notice, PARTICIPANT_ERRORS),
        class_name="dots-left",
    )


def voting_view() -> rx.Component:
    """A phone in the vote phase."""
    return rx.el.div(
        _round_state(
            rx.el.div(
                rx.el.h2(t("voting.phone_heading"), " – ", _ballot_name(BALLOT.ballot)),
                _dots_left_banner(),
                rx.el.ul(rx.foreach(BALLOT.choices, _ballot_item), class_name="ballot"),
                progress(),
            ),
            rx.el.div(notice(ParticipantState.notice, PARTICIPANT_ERRORS),
                      rx.el.p(t("voting.closed_wait"), role="status"), progress()),
            results(),
            rx.el.p(t("voting.wait_for_round"), role="status"),
        ),
        class_name="voting-phone",
    )


# The facilitator

def _unshown(kind: str) -> rx.Component:
    """Others' ideas of ``kind`` wait for a reveal: the form says in words that "Every idea"
    leaves them out and a round on that kind shows them, next to the button that shows them."""
    room = RoomView.room
    hidden_until_shown = room.hide_critique if kind == "critique" else room.hide_what_if
    return rx.cond(
        hidden_until_shown & ~room.ideas_visible[kind],
        rx.el.div(
            rx.el.p(t(f"voting.unshown_{kind}")),
            rx.el.button(t(f"moderation.reveal_{kind}"), type="button",
                         on_click=FacilitatorState.reveal(kind, True), class_name="button button--secondary"),
            class_name="unshown-ideas",
            data_kind=kind,
        ),
    )


def _new_round_form() -> rx.Component:
    room = RoomView.room
    return rx.el.form(
        rx.el.h3(t("voting.new_round_heading")),
        rx.el.label(t("voting.ballot_label"), html_for="round-ballot", class_name="field-label"),
        rx.el.select(
            *[rx.el.option(t(f"voting.ballot_{b}"), value=b) for b in BALLOTS],
            id="round-ballot", name="ballot", default_value=room.vote_target, class_name="input",
            key=room.vote_target, aria_describedby="round-ballot-hint",
        ),
        rx.el.div(_unshown("critique"), _unshown("what_if"), id="round-ballot-hint", class_name="field-hint"),
        rx.el.div(
            rx.el.div(
                rx.el.label(t("voting.dots_label"), html_for="round-dots", class_name="field-label"),
                rx.el.input(id="round-dots", name="dots", type="number", min=1, max=20,
                            default_value=room.dots_per_participant.to_string(), class_name="input",
                            key=room.dots_per_participant.to_string()),
            ),
            rx.el.div(
                rx.el.label(t("voting.per_item_label"), html_for="round-per-item", class_name="field-label"),
                rx.el.input(id="round-per-item", name="per_item", type="number", min=1, max=20,
                            default_value=room.max_dots_per_item.to_string(), class_name="input",
                            key=room.max_dots_per_item.to_string()),
            ),
            class_name="field-row",
        ),
        rx.el.button(t("voting.open_round"), type="submit", class_name="button button--primary button--inline"),
        on_submit=FacilitatorState.open_round,
        class_name="new-round",
    )


def _ballot_preview() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("voting.ballot_items"), " (", BALLOT.choices.length().to_string(), ")"),
        rx.el.ul(rx.foreach(BALLOT.choices, lambda item: rx.el.li(item.label)), class_name="ballot-preview"),
    )


def voting_panel() -> rx.Component:
    """The facilitator's vote phase: open a round, watch progress (no tallies), close, reveal."""
    button = "button button--primary button--inline"
    secondary = "button button--secondary"
    return rx.el.section(
        rx.el.h2(t("voting.heading"), " ", rx.cond(TALLY.number > 0, rx.el.span("(", t("voting.round"), " ",
                                                                              TALLY.number.to_string(), ")"))
                 , id="voting-heading"),
        _round_state(
            rx.el.div(
                rx.el.p(t("voting.round_open"), " – ", _ballot_name(BALLOT.ballot), ": ",
                        _count(BALLOT.dots_per_participant, "dots"), " · ",
                        t("voting.most_per_item"), " ", BALLOT.max_dots_per_item.to_string()),
                progress(),
                rx.el.p(t("voting.hidden_until_reveal"), class_name="field-hint"),
                _ballot_preview(),
                rx.el.div(
                    rx.el.button(t("voting.close_round"), type="button", on_click=FacilitatorState.close_round,
                                 class_name=secondary),
                    rx.el.button(t("voting.reveal"), type="button", on_click=FacilitatorState.reveal_round,
                                 class_name=button),
                    class_name="button-row",
                ),
            ),
            rx.el.div(
                rx.el.p(t("voting.round_closed")),
                progress(),
                rx.el.div(
                    rx.el.button(t("voting.reopen_round"), type="button", on_click=FacilitatorState.reopen_round,
                                 class_name=secondary),
                    rx.el.button(t("voting.reveal"), type="button", on_click=FacilitatorState.reveal_round,
                                 class_name=button),
                    class_name="button-row",
                ),
            ),
            rx.el.div(results(), _new_round_form()),
            _new_round_form(),
        ),
        earlier_rounds(),
        aria_labelledby="voting-heading",
        class_name="card",
    )


def results_panel() -> rx.Component:
    """The results phase on any screen: the latest revealed result (or why there is none)."""
    return rx.cond(TALLY.status == "revealed", results(), rx.el.p(t("voting.no_results"), role="status"))


# How many of a group's ideas its note on the big screen shows under the group's name.
IDEAS_UNDER_GROUP = 3
# The opener every idea shares ("Entä jos…", "Tänk om…", "What if…"): under a group's name
# it is left out, so a short line keeps the words that tell the ideas apart.
OPENER = r"/^\s*(ent[äa]|mit[äa])\s+jos\b|^\s*t[äa]nk\s+om\b|^\s*what\s+if\b/i"


def _without_opener(text: rx.Var[str]) -> rx.Var[str]:
    """``text`` without its "what if" opener, its first letter capitalised (as written when
    nothing is left)."""
    rest = f"String({text}).replace({OPENER}, '').replace(/^[\\s,.:;…–-]+/, '')"
    return derived(f"(({rest}) ? ({rest}).charAt(0).toUpperCase() + ({rest}).slice(1) : String({text}))",
                   str, text)


def _ballot_note(item: BallotItem) -> rx.Component:
    """A thing to vote on as a note on the big screen: its name, and for a group of ideas
    the first few of them (and how many more), so the room sees what a group holds."""
    more = item.ideas.length() - IDEAS_UNDER_GROUP
    return rx.el.li(
        rx.el.p(item.label, class_name="idea-text"),
        rx.cond(
            item.ideas.length() > 0,
            rx.el.ul(
                rx.foreach(item.ideas[:IDEAS_UNDER_GROUP], lambda text: rx.el.li(_without_opener(text))),
                rx.cond(more > 0, rx.el.li("+", more.to_string(), " ", t("voting.more_ideas"),
                                           class_name="ballot-more")),
                class_name="ballot-members",
            ),
        ),
        class_name="idea-card note",
    )


def _ballot_wall() -> rx.Component:
    """What the dots go on, as notes (no tallies: those wait for the reveal), under a heading
    that names them ("Things to vote on – Groups of ideas")."""
    return rx.el.section(
        rx.el.h2(t("voting.ballot_items"), " – ", _ballot_name(BALLOT.ballot), " ",
                 rx.el.span(BALLOT.choices.length().to_string(), class_name="count-badge"),
                 class_name="area-title", id="ballot-heading"),
        rx.el.ul(rx.foreach(BALLOT.choices, _ballot_note),
                 class_name=notes_class(BALLOT.choices.length(), "idea-list notes notes--ballot"),
                 data_autoscroll="true"),
        aria_labelledby="ballot-heading",
        class_name="screen-area",
    )


def voting_screen() -> rx.Component:
    """The big screen in the vote phase: progress large beside the ballot, each under a heading
    that says what it holds (the vote open or closed; what the dots go on); then the result."""
    return rx.el.div(
        _round_state(
            rx.el.div(rx.el.div(rx.el.h2(t("voting.round_open"), class_name="area-title"), progress(large=True),
                                class_name="screen-side"),
                      _ballot_wall(), class_name="vote-screen"),
            rx.el.div(rx.el.div(rx.el.h2(t("voting.round_closed"), class_name="area-title"), progress(large=True),
                                class_name="screen-side"),
                      _ballot_wall(), class_name="vote-screen"),
            results(large=True),
            rx.el.p(t("voting.wait_for_round"), role="status", class_name="screen-wait"),
        ),
        class_name="voting-screen",
    )
