"""``make bench`` (part): how long the suggested grouping takes for 100, 500 and 1,000 ideas.

Ideas come from the labelled fixture (tests/domain/grouping_fixture), varied
by joining halves of two ideas of the same theme so that no two are the same.
The issue's budget: under 1 s for 500 ideas on this machine.
"""

from __future__ import annotations

import statistics
import time

from tests.domain.grouping_fixture_loader import LANGUAGES, labelled_ideas
from workshop.domain.grouping_suggestion import suggest

BUDGET_IDEAS, BUDGET_S = 500, 1.0
RUNS = 3


def varied_ideas(language: str, count: int) -> list[tuple[int, str]]:
    """``count`` distinct ideas in ``language`` made from the fixture."""
    by_theme: dict[str, list[str]] = {}
    for theme, text in labelled_ideas(language):
        by_theme.setdefault(theme, []).append(text)
    themes = sorted(by_theme)
    ideas = []
    for i in range(count):
        texts = by_theme[themes[i % len(themes)]]
        first = texts[(i // len(themes)) % len(texts)].split()
        second = texts[(i // len(themes) * 3 + 1) % len(texts)].split()
        ideas.append((i + 1, " ".join(first[: len(first) // 2 + 1] + second[len(second) // 2:])))
    return ideas


def measure(language: str, count: int) -> dict[str, float]:
    ideas = varied_ideas(language, count)
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        groups = suggest(ideas, language)
        seconds.append(time.perf_counter() - started)
    grouped = sum(len(g.idea_ids) for g in groups)
    return {"median_s": statistics.median(seconds), "max_s": max(seconds),
            "groups": len(groups), "grouped_share": grouped / count}


def main() -> None:
    rows = [(language, count, measure(language, count))
            for count in (100, 500, 1000) for language in LANGUAGES]
    print("\nSuggested grouping (one process, %d runs each)\n" % RUNS)
    print("| language | ideas | median (s) | max (s) | groups | ideas grouped |")
    print("|---|---|---|---|---|---|")
    for language, count, r in rows:
        print(f"| {language} | {count} | {r['median_s']:.3f} | {r['max_s']:.3f} | {r['groups']} "
              f"| {r['grouped_share']:.0%} |")
    worst = max(r["max_s"] for _, count, r in rows if count == BUDGET_IDEAS)
    verdict = "met" if worst < BUDGET_S else "NOT met"
    print(f"\nBudget: {BUDGET_IDEAS} ideas under {BUDGET_S:.0f} s: {verdict} (slowest run {worst:.3f} s)")


if __name__ == "__main__":
    main()
