"""How good the suggested grouping is, measured on a labelled fixture.

tests/domain/grouping_fixture/{fi,sv,en}.txt hold 72 short ideas per language
over eight child-welfare themes, written the way people type in a workshop
(inflections, compounds, slang, a professional register). For each language
the suggestion is scored against the labels with the adjusted Rand index
(ARI: 0 = chance, 1 = the labels exactly) and pairwise F1, next to two
trivial baselines. Ideas the suggestion leaves ungrouped count as groups of
their own, so leaving everything alone scores 0.

The floors below sit a margin under the figures measured when they were set
(printed by this test; see the note on issue 5), so that a change that makes
the suggestion clearly worse fails, while the machine's noise cannot (the
algorithm is deterministic).
"""

from __future__ import annotations

import pytest

from tests.domain.grouping_fixture_loader import HOLDOUT, LANGUAGES, UNSEEN, labelled_ideas
from tests.domain.grouping_scores import adjusted_rand_index, pairwise_f1
from workshop.domain import morphology
from workshop.domain.grouping_suggestion import features, labels_of, suggest, words

# Fixture 1 (trained on, with fixtures 3-6; see tests/domain/grouping_train.py): measured
# fi 0.761, sv 0.847, en 0.817 with the pair model and the topic classifier (TF-IDF cosine
# alone, before: 0.757, 0.720, 0.749); issue 17 allows no fall below the figures before it
# minus 0.05 (0.634, 0.568, 0.579).
ARI_FLOOR = {"fi": 0.71, "sv": 0.79, "en": 0.76}
# The holdout (fixture 2, written independently and never tuned or trained on): floors a
# margin under the figures measured with the pair model and the topic classifier (fi 0.513,
# sv 0.467, en 0.469; the pair model without the classifier: fi 0.347, sv 0.363, en 0.263;
# TF-IDF cosine alone: fi 0.284, sv 0.197, en 0.203; before issue 17: fi 0.326, sv 0.153,
# en 0.240), so that they record where the suggestion stands on ideas it was not tuned to.
# Issue 17 asks for 0.60 here, and 0.35 above the better trivial baseline; neither is
# reached in every language (README, "Grouping suggestion").
HOLDOUT_ARI_FLOOR = {"fi": 0.47, "sv": 0.42, "en": 0.42}
# Three further sets, written in the last round by three more helper sessions that saw no code,
# lexicon, fixture or each other's sets (``grouping_unseen/fixture{7,8,9}``: a room of parents and
# carers, a school and youth-council room, a county's kick-off), measured once with the model as
# it stood and never trained or tuned on: they show how the holdout's figures carry to other
# rooms (worse: fi 0.201/0.165/0.465, sv 0.237/0.353/0.399, en 0.331/0.350/0.477). Floors a
# margin under those.
UNSEEN_ARI_FLOOR = {"fixture7": {"fi": 0.15, "sv": 0.18, "en": 0.28},
                    "fixture8": {"fi": 0.11, "sv": 0.30, "en": 0.30},
                    "fixture9": {"fi": 0.41, "sv": 0.34, "en": 0.42}}
# The suggestion must beat the better baseline by at least this much ARI.
MARGIN_OVER_BASELINE = 0.3


def _first_word(text: str, language: str) -> str:
    """Baseline 1: one group per shared first word."""
    found = words(text)
    return found[0] if found else text


def _first_content_stem(text: str, language: str) -> str:
    """Baseline 2: one group per shared first stem after the stop words."""
    bag, _ = features(text, language)
    stems = [f for f in bag if f[0] not in "<>"]
    return stems[0] if stems else text


def scores(language: str, folder=None) -> dict[str, tuple[float, float]]:
    ideas = labelled_ideas(language) if folder is None else labelled_ideas(language, folder)
    truth = [theme for theme, _ in ideas]
    groups = suggest(list(enumerate(text for _, text in ideas)), language)
    labels = labels_of(groups, range(len(ideas)))
    found = [labels[i] for i in range(len(ideas))]
    result = {"suggestion": (adjusted_rand_index(truth, found), pairwise_f1(truth, found))}
    for name, baseline in (("first word", _first_word), ("first content stem", _first_content_stem)):
        guessed = [baseline(text, language) for _, text in ideas]
        result[name] = (adjusted_rand_index(truth, guessed), pairwise_f1(truth, guessed))
    return result


def table_row(language: str, folder=None) -> tuple[str, dict[str, tuple[float, float]]]:
    """A Markdown table row: language (and its morphology), ideas and themes, ARI, pairwise F1,
    first-word baseline ARI, the better trivial baseline's ARI."""
    ideas = labelled_ideas(language) if folder is None else labelled_ideas(language, folder)
    themes = len({theme for theme, _ in ideas if not theme.startswith("none:")})
    result = scores(language, folder)
    best_baseline = max(result["first word"][0], result["first content stem"][0])
    row = (f"| {language} ({morphology.path(language)}) | {len(ideas)}, {themes} "
           f"| {result['suggestion'][0]:.3f} | {result['suggestion'][1]:.3f} "
           f"| {result['first word'][0]:.3f} | {best_baseline:.3f} |")
    return row, result


TABLE_HEAD = ("| lang (morphology) | ideas, themes | ARI | pairwise F1 | first-word baseline ARI "
              "| better trivial baseline ARI |\n|---|---|---|---|---|---|")


def test_print_both_tables(capsys):
    """Both fixtures' tables, for the README and the issue (the floors are the tests below)."""
    with capsys.disabled():
        for title, folder in (("Fixture 1 (trained on, with fixtures 3-6)", None),
                              ("Holdout (fixture 2, never tuned or trained on)", HOLDOUT),
                              *((f"Unseen {folder.name} (never tuned or trained on)", folder) for folder in UNSEEN)):
            print(f"\n\n{title}\n{TABLE_HEAD}")
            for language in LANGUAGES:
                print(table_row(language, folder)[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_suggestion_beats_trivial_groupings_clearly(language, capsys):
    row, result = table_row(language)
    with capsys.disabled():
        print(f"\n[fixture 1] {row}")
    ari = result["suggestion"][0]
    best_baseline = max(result["first word"][0], result["first content stem"][0])
    assert ari >= ARI_FLOOR[language]
    assert ari >= best_baseline + MARGIN_OVER_BASELINE


def test_the_fixture_is_what_the_issue_asks_for():
    for language in LANGUAGES:
        ideas = labelled_ideas(language)
        assert len(ideas) >= 60, language
        assert len({theme for theme, _ in ideas}) == 8, language
    assert {t for t, _ in labelled_ideas("fi")} == {t for t, _ in labelled_ideas("sv")} == {
        t for t, _ in labelled_ideas("en")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_the_holdout_it_still_beats_trivial_groupings(language, capsys):
    row, result = table_row(language, HOLDOUT)
    with capsys.disabled():
        print(f"\n[holdout] {row}")
    ari = result["suggestion"][0]
    assert ari >= HOLDOUT_ARI_FLOOR[language]
    assert ari > max(result["first word"][0], result["first content stem"][0])


def test_the_holdout_is_what_the_issue_asks_for():
    for language in LANGUAGES:
        ideas = labelled_ideas(language, HOLDOUT)
        themes = {theme for theme, _ in ideas if not theme.startswith("none:")}
        assert len(ideas) >= 60 and 6 <= len(themes) <= 8, language


@pytest.mark.parametrize("folder", UNSEEN, ids=lambda folder: folder.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_on_further_unseen_sets_it_beats_trivial_groupings(language, folder, capsys):
    row, result = table_row(language, folder)
    with capsys.disabled():
        print(f"\n[{folder.name}] {row}")
    ari = result["suggestion"][0]
    assert ari >= UNSEEN_ARI_FLOOR[folder.name][language]
    assert ari > max(result["first word"][0], result["first content stem"][0])
    ideas = labelled_ideas(language, folder)
    assert len(ideas) >= 60 and 6 <= len({t for t, _ in ideas if not t.startswith("none:")}) <= 8
