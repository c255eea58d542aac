"""Grouping ideas into clusters, shared by the facilitator and (when allowed) the phones.

Tap flow: select an idea (kept in this person's own state), then choose a
cluster, "new cluster" or "ungrouped". Drag and drop on a desktop and the
keyboard reach the same handlers. Every handler authorizes through the
page's ``_board_change`` (facilitator key, or participant token plus the
workshop's "participants may group" setting), validates in the store inside
one transaction, commits, then tells the room hub that the board changed.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.state.workshop_page import as_int, form_fields
from workshop.store import clusters
from workshop.store.models import Workshop

GROUPING_ERRORS = (
    "errors.cluster_unknown",
    "errors.cluster_name_empty",
    "errors.cluster_name_too_long",
    "errors.merge_same",
    "errors.grouping_not_open",
    "errors.suggestion_stale",
)


class BoardEditing(rx.State, mixin=True):
    """Event handlers of the group board; the page's state supplies ``_board_change``."""

    # The idea picked on this screen for a move (0: none).
    selected_idea: int = 0

    async def _board_change(self, apply: Callable[[Session, Workshop], object]) -> bool:
        """Authorize, run ``apply`` in one transaction, tell the hub; False when refused."""
        raise NotImplementedError

    @rx.event
    def select_idea(self, idea_id: int):
        """Pick an idea to move (again: put it down)."""
        try:
            picked = row_id(idea_id, "errors.idea_unknown")
        except InvalidInput:
            picked = 0
        self.selected_idea = 0 if self.selected_idea == picked else picked

    @rx.event
    def clear_selection(self):
        self.selected_idea = 0

    @rx.event
    async def move_selected(self, cluster_id: int):
        """Put the picked idea into ``cluster_id`` (0: back to the ungrouped ones)."""
        idea_id = self.selected_idea
        if await self._board_change(lambda s, w: clusters.move_idea(s, w, idea_id, cluster_id)):
            self.selected_idea = 0

    @rx.event
    async def drop_idea(self, dragged: str, cluster_id: int):
        """An idea dropped on a cluster (or on the ungrouped area, 0) on a desktop."""
        idea_id = as_int(dragged)
        if await self._board_change(lambda s, w: clusters.move_idea(s, w, idea_id, cluster_id)):
            self.selected_idea = 0

    @rx.event
    async def new_cluster(self, form: dict):
        """A new cluster named ``form["name"]``, holding the picked idea if there is one."""
        if (form := form_fields(self, form)) is None:
            return
        picked = [self.selected_idea] if self.selected_idea else []
        if await self._create_cluster(form.get("name"), picked):
            self.selected_idea = 0

    async def _create_cluster(self, name: object, picked: list[int]) -> bool:
        """Store a new cluster; a page whose clusters need limits (the phone's) says so here."""
        return await self._board_change(lambda s, w: clusters.create(s, w, name, picked))

    @rx.event
    async def rename_cluster(self, form: dict):
        if (form := form_fields(self, form)) is None:
            return
        cluster_id = as_int(form.get("cluster_id"))
        await self._board_change(lambda s, w: clusters.rename(s, w, cluster_id, form.get("name")))
