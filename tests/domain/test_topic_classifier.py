"""The topic classifier: fitted from its corpus, shipped as weights, reading indirect wording."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from workshop.domain import topic_classifier
from workshop.domain.grouping_suggestion import features, model_topics
from workshop.domain.topic_classifier import classifier, corpus, fit

LANGUAGES = ("fi", "sv", "en")


def _bag(text: str, language: str) -> Counter[str]:
    return features(text, language)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_covers_every_topic_of_the_blind_lexicon(language):
    labelled = corpus(language)
    per_topic = Counter(topic for topic, _ in labelled)
    assert {f"blind:{topic}" for topic in per_topic} == set(model_topics())
    assert min(per_topic.values()) >= 32
    assert len({text for _, text in labelled}) == len(labelled)  # no idea twice


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_weights_are_what_the_corpus_fits(language):
    """workshop/domain/topic_classifier.npz is written by python -m workshop.domain.topic_classifier."""
    fitted = fit(language, _bag)
    shipped = classifier(language)
    assert shipped.topics == fitted.topics and shipped.vocabulary == fitted.vocabulary
    assert np.allclose(shipped.idf, fitted.idf)
    assert np.allclose(shipped.weights, fitted.weights, atol=1e-3)
    assert np.allclose(shipped.bias, fitted.bias, atol=1e-3)


@pytest.mark.parametrize(("language", "text", "topic"), [
    ("fi", "ne päätti mun asiat kysymättä", "participation"),
    ("fi", "läksyt ja rehtori", "school"),
    ("sv", "ingen frågade var jag ville bo", "participation"),
    ("sv", "läxor och rektorn", "school"),
    ("en", "nobody asked where i wanted to live", "participation"),
    ("en", "waited 8 months for therapy", "mental_health"),
])
def test_ideas_without_the_topics_keyword_find_their_topic(language, text, topic):
    c = classifier(language)
    row = c.distributions([_bag(text, language)])[0]
    assert c.topics[int(np.argmax(row))] == topic
    assert np.isclose(row.sum(), 1)


def test_an_idea_the_classifier_knows_nothing_of_is_a_row_of_zeros():
    c = classifier("en")
    rows = c.distributions([_bag("xyzzy qwerty", "en"), Counter()])
    assert not rows.any()


def test_the_weights_load_once_and_stay_local(monkeypatch):
    classifier.cache_clear()
    loads = []
    real = np.load
    monkeypatch.setattr(topic_classifier.np, "load", lambda *a, **k: loads.append(1) or real(*a, **k))
    for _ in range(3):
        classifier("fi")
    assert loads == [1]
    classifier.cache_clear()
