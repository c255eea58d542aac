"""The develop phase: the facilitator turns vote winners (or any cluster or idea) into briefs
and edits them field by field. A save names the text the editor started from; a save
over a text another tab changed meanwhile is refused and the refused text kept on this
screen, so two tabs never silently overwrite each other."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import reflex as rx
from sqlalchemy.orm import Session

from workshop.store import briefs
from workshop.store.models import Workshop
from workshop.state.workshop_page import as_int, form_fields

BRIEF_ERRORS = (
    "errors.brief_unknown",
    "errors.brief_source_unknown",
    "errors.brief_field_unknown",
    "errors.brief_text_invalid",
    "errors.brief_title_empty",
    "errors.brief_text_too_long",
    "errors.brief_choice_unknown",
    "errors.brief_changed",
    "errors.round_none_revealed",
    "errors.briefs_exist",
    "errors.suggestion_empty",
    "errors.suggestion_unknown",
    "errors.develop_not_open",
)
BRIEF_PARTS = ("briefs", "suggestions")


@dataclasses.dataclass
class RejectedEdit:
    """A save refused because another tab saved first: what this screen had typed."""

    brief_id: int = 0
    field: str = ""
    text: str = ""


class BriefEditing(rx.State, mixin=True):
    """The facilitator's brief handlers; the page's state supplies ``_change``."""

    rejected: RejectedEdit = RejectedEdit()
    # Per "BRIEF-FIELD": bumped after each save from this screen, so that field (and only
    # it) is drawn afresh from the stored text; a field being typed in is never replaced.
    field_epochs: dict[str, int] = {}

    async def _change(self, apply: Callable[[Session, Workshop], object], *parts: str) -> bool:
        raise NotImplementedError

    @rx.event
    async def briefs_from_top(self):
        """Briefs for the top 3 of the latest revealed vote (ties included)."""
        await self._change(lambda s, w: briefs.create_from_top(s, w, 3), *BRIEF_PARTS)

    @rx.event
    async def brief_from(self, form: dict):
        """A brief from one cluster or idea: ``form["source"]`` is "cluster:ID" or "idea:ID"."""
        if (form := form_fields(self, form)) is None:
            return
        kind, _, item = str(form.get("source", "")).partition(":")
        item_id = as_int(item)
        await self._change(lambda s, w: briefs.create_from(s, w, kind, item_id), *BRIEF_PARTS)

    @rx.event
    async def save_brief_text(self, brief_id: int, field: str, base: str, value: str):
        """Save one text field on leaving it; ``base`` is the text it held when typing began."""
        if value == base:
            return  # nothing typed
        saved = await self._change(
            lambda s, w: briefs.set_text(s, w, brief_id, field, value, base), "briefs")
        if not saved and self.notice != "errors.brief_changed":  # type: ignore[attr-defined]
            return  # refused before reaching a stored field: nothing here changes
        # Only a stored field of a brief of this workshop gets here (saved, or changed by
        # another tab), so the epochs stay one per field of a real brief.
        name = f"{brief_id}-{field}"
        self.field_epochs[name] = self.field_epochs.get(name, 0) + 1
        if saved:
            if self.rejected.brief_id == brief_id and self.rejected.field == field:
                self.rejected = RejectedEdit()
        elif self.notice == "errors.brief_changed" and isinstance(value, str):  # type: ignore[attr-defined]
            self.rejected = RejectedEdit(brief_id=brief_id if isinstance(brief_id, int) else 0,
                                         field=field if isinstance(field, str) else "", text=value)

    @rx.event
    def dismiss_rejected(self):
        self.rejected = RejectedEdit()

    @rx.event
    async def set_brief_choice(self, brief_id: int, kind: str, value: str, on: bool):
        """Tick a strategic goal, characteristic or quoted idea on or off; or choose the OECD quadrant."""
        await self._change(lambda s, w: briefs.set_choice(s, w, brief_id, kind, value, on), "briefs")

    @rx.event
    async def delete_brief(self, brief_id: int):
        await self._change(lambda s, w: briefs.remove(s, w, brief_id), *BRIEF_PARTS)

    @rx.event
    async def take_in_suggestion(self, form: dict):
        """Append a participant's suggestion to the chosen field of its brief."""
        if (form := form_fields(self, form)) is None:
            return
        suggestion_id, field = as_int(form.get("suggestion_id")), form.get("field")
        await self._change(lambda s, w: briefs.take_in(s, w, suggestion_id, field), *BRIEF_PARTS)
