"""Finding 5: "Suggest groups" from several workshops at once (worker threads) never fails.

Snowball stemmers keep their working word in the object, so one stemmer shared by
threads mixes their words (IndexError). Each thread must stem with its own.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.domain.grouping_fixture_loader import labelled_ideas
from workshop.domain.grouping_suggestion import suggest


def test_suggestions_run_in_parallel_threads_give_the_serial_answer():
    ideas = {lang: [(i, text) for i, (_, text) in enumerate(labelled_ideas(lang))] for lang in ("fi", "sv", "en")}
    expected = {lang: suggest(texts, lang) for lang, texts in ideas.items()}
    start = threading.Barrier(6)

    def run(lang: str) -> list[bool]:
        start.wait()
        return [suggest(ideas[lang], lang) == expected[lang] for _ in range(6)]

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(run, ["fi", "fi", "sv", "sv", "en", "en"]))
    assert all(all(r) for r in results)
