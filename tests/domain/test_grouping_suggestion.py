"""The grouping suggestion's behaviour on small inputs: deterministic, named, local."""

from __future__ import annotations

import random

from workshop.domain.grouping_suggestion import TOPIC_WEIGHT, features, language_of, suggest, topics_of, words


def test_nothing_to_group():
    assert suggest([], "fi") == []
    assert suggest([(1, "Koulu")], "fi") == []
    assert suggest([(1, "!!!"), (2, "🙂🙂")], "fi") == []


def test_inflected_finnish_words_meet_in_one_group_named_as_people_wrote():
    ideas = [
        (1, "Entä jos koulussa olisi kuraattori joka päivä"),
        (2, "Kuraattorin pitäisi käydä luokassa"),
        (3, "Entä jos sijaisperhe saisi enemmän tukea"),
        (4, "Sijaisperheet tarvitsevat tukea"),
        (5, "Nuuska ja alkoholi"),
    ]
    groups = suggest(ideas, "fi")
    assert [set(g.idea_ids) for g in groups] == [{1, 2}, {3, 4}]
    assert "kuraattori" in groups[0].name.lower()
    assert "sijaisperhe" in groups[1].name.lower() or "tukea" in groups[1].name.lower()


def test_the_same_ideas_in_any_order_give_the_same_suggestion():
    ideas = [(i, text) for i, text in enumerate([
        "Skolan borde ha en kurator varje dag", "Kuratorn på skolan har aldrig tid",
        "Familjehemmet behöver mer stöd", "Stöd till familjehem på kvällar",
        "What if aftercare lasted until 25", "Aftercare should include a flat",
    ], start=10)]
    expected = suggest(ideas, "sv")
    shuffled = ideas[:]
    random.Random(7).shuffle(shuffled)
    assert suggest(shuffled, "sv") == expected
    assert len(expected) == 3


def test_each_idea_is_stemmed_in_its_own_language():
    assert language_of(words("Tänk om skolan hade en kurator"), "fi") == "sv"
    assert language_of(words("What if the school had a counsellor"), "fi") == "en"
    assert language_of(words("Koulu"), "fi") == "fi"  # no stop words: the workshop's language
    bag, surface = features("Skolorna och skolan", "fi")
    assert surface["skol"] == "skolorna"  # Swedish stemming, though the workshop is Finnish
    assert bag["#school"] == 2 * TOPIC_WEIGHT  # both words signal the school topic


def test_topics_come_from_the_longest_prefix_and_from_compound_parts():
    assert topics_of("koulukuraattorille", "fi") == {"school"}
    assert topics_of("sijaisperheessä", "fi") == {"placement"}  # not "family" (perhe)
    assert topics_of("perhetyöntekijä", "fi") == {"family", "socialworker"}
    assert topics_of("familjehemmet", "sv") == {"placement"}
    assert topics_of("banana", "en") == set()


def test_idea_text_is_only_data():
    groups = suggest([(1, "<script>alert(1)</script> koulu"), (2, "<script>koulu</script>")], "fi")
    assert len(groups) == 1
    assert "<" not in groups[0].name
