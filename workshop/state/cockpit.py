"""The facilitator's cockpit: what only this screen holds (the open "more" part of the bar,
the answer filters, which brief is open) and the guide. No handler here writes the database;
each one still validates what a browser sends, since any socket may call it."""

from __future__ import annotations

import reflex as rx

from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.vocabulary import IdeaKind
from workshop.state.guide import GuideStepView, guide_steps

COCKPIT_ERRORS = ("cockpit.filter_unknown", "cockpit.timer_not_running", "cockpit.timer_not_paused")
KINDS = tuple(kind.value for kind in IdeaKind)


def prompt_filter_key(value: object) -> str:
    """``"KIND:PROMPT_ID"`` (prompt id 0: answers to no prompt) or "" for all; InvalidInput otherwise."""
    if value == "":
        return ""
    if not isinstance(value, str):
        raise InvalidInput("cockpit.filter_unknown")
    kind, _, prompt = value.partition(":")
    if kind not in KINDS or not prompt.isascii() or not prompt.isdigit():
        raise InvalidInput("cockpit.filter_unknown")
    number = int(prompt)
    if number:
        row_id(number, "cockpit.filter_unknown")
    return f"{kind}:{number}"


class CockpitControls(rx.State, mixin=True):
    """This facilitator screen's own view settings; the page state supplies ``notice``."""

    more_open: bool = False
    filter_kind: str = ""
    filter_prompt: str = ""
    # The brief in the editor (0: the first one).
    brief_open: int = 0
    guide: list[GuideStepView] = []

    def _load_guide(self) -> None:
        self.guide = guide_steps()

    @rx.event
    def toggle_more(self):
        self.more_open = not self.more_open

    @rx.event
    def set_filter_kind(self, kind: str):
        if kind != "" and kind not in KINDS:
            self.notice = "cockpit.filter_unknown"
            return
        self.filter_kind = kind

    @rx.event
    def set_filter_prompt(self, value: str):
        try:
            self.filter_prompt = prompt_filter_key(value)
        except InvalidInput as refused:
            self.notice = refused.key

    @rx.event
    def open_brief(self, brief_id: int):
        """Show one brief in the editor (its id; 0 for the first)."""
        if brief_id != 0:
            try:
                row_id(brief_id, "errors.brief_unknown")
            except InvalidInput as refused:
                self.notice = refused.key
                return
        self.brief_open = brief_id
