"""The facilitator's guide as screens hold it: every phase's step in every language.

Read afresh from ``prompts/guide/`` on each page load (like the prompt decks), so an
edited file shows without a restart; a broken file is logged with its line and skipped,
and a language without a good file shows the Finnish one."""

from __future__ import annotations

import dataclasses
import logging

from workshop.domain import phases
from workshop.domain.guide import load_guides
from workshop.i18n import LANGUAGES
from workshop.store.db import PROMPTS_DIR

logger = logging.getLogger(__name__)

GUIDE_DIR = PROMPTS_DIR / "guide"


@dataclasses.dataclass
class GuideStepView:
    """One phase's guide in one language (``lang`` is the UI language it is shown for)."""

    lang: str = ""
    phase: str = ""
    minutes: int = 0
    say: list[str] = dataclasses.field(default_factory=list)
    tips: list[str] = dataclasses.field(default_factory=list)
    # The cockpit's countdown for this phase: offered first, and the minutes to choose from.
    timer_minutes: int = phases.TIMER_DEFAULT_MINUTES
    timer_choices: list[int] = dataclasses.field(default_factory=lambda: list(phases.TIMER_CHOICES))


def guide_steps() -> list[GuideStepView]:
    """Every (UI language, phase) step; empty when no guide file can be read."""
    library = load_guides(GUIDE_DIR)
    for problem in library.problems:
        logger.warning("guide skipped: %s", problem)
    steps: list[GuideStepView] = []
    for lang in LANGUAGES:
        guide = library.find(lang)
        if guide is None:
            continue
        for s in guide.steps:
            timer = phases.suggested_timer_minutes(s.minutes)
            steps.append(GuideStepView(lang, s.phase.value, s.minutes, list(s.say), list(s.tips),
                                       timer, list(phases.timer_choices(timer))))
    return steps
