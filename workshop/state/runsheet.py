"""``/runsheet``: the printable agenda a facilitator prepares from the create form: every
phase with its suggested time, what to say and tips (the guide), minus the phases left out.
Nothing here is stored; a phase name from the browser is checked like any other."""

from __future__ import annotations

import reflex as rx

from workshop.domain import phases
from workshop.domain.creation import InvalidInput
from workshop.state.guide import GuideStepView, guide_steps
from workshop.state.language import PageLoad


class RunSheetState(PageLoad, rx.State):
    guide: list[GuideStepView] = []
    # Phases left out of the agenda.
    skipped: list[str] = []
    # Minutes of the included phases, per UI language.
    totals: dict[str, int] = {}

    def _count(self) -> None:
        totals: dict[str, int] = {}
        for step in self.guide:
            if step.phase not in self.skipped:
                totals[step.lang] = totals.get(step.lang, 0) + step.minutes
        self.totals = totals

    async def _load_page(self):
        self.guide = guide_steps()
        self.skipped = []
        self._count()

    @rx.event
    def include(self, phase: str, included: bool):
        """Put a phase in the agenda (or leave it out)."""
        try:
            name = phases.parse_phase(phase).value
        except InvalidInput:
            return
        if included is True and name in self.skipped:
            self.skipped.remove(name)
        elif included is False and name not in self.skipped:
            self.skipped.append(name)
        self._count()
