"""axe-core (the npm package ``make test`` installs into tools/) run inside a page by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[str]:
    """Every WCAG 2.1 A and AA violation on the page now, one line per rule and element."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core (make axe)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the page's policy refuses inline scripts
        # it does not list (workshop/api/headers.py).
        page.evaluate(AXE.read_text())
    # A note that is still fading in (its arrival animation) has less contrast than it
    # will have a moment later: judge the page as it settles. Endless animations (the
    # reconnecting mark) are left running.
    page.evaluate("Promise.all(document.getAnimations()"
                  ".filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
                  ".map(a => a.finished.catch(() => null)))")
    result = page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' :: '"
        " + (n.failureSummary || '').split('\\n').slice(1).join(' '))}))",
        WCAG_21_AA,
    )
    return [f"{v['id']} ({v['help']}): {node}" for v in result for node in v["nodes"]]


def assert_accessible(page: Page, where: str) -> None:
    """Fail listing each violation (rule, element, what is wrong)."""
    found = violations(page)
    assert not found, f"axe-core, {where}: {len(found)} violation(s)\n" + "\n".join(found)
