"""Which child-welfare topics an idea is about, in words it may share with no other idea.

The lexicons (``lexicon/``) know the words someone thought to list; most ideas are written
in other words ("nobody asked where i wanted to live" is about being heard). This is a
softmax regression per language over an idea's features (the grouping suggestion's bag:
base forms, compound parts, lexicon topics), fitted on a corpus of short workshop ideas
labelled with the blind lexicon's 35 topics (``topic_corpus/{fi,sv,en}.txt``, 62-64 ideas
a topic in three rounds, written for this by helper sessions that saw no code, lexicon or
fixture: teenagers' slang, parents, professionals' jargon, mostly without the topic's
obvious keyword). The
grouping suggestion compares two ideas' topic distributions (their cosine) as one of the
pair model's signals.

Local and deterministic: the weights are fitted from the corpus by
``python -m workshop.domain.topic_classifier`` (full-batch Adam from zeros, a fixed number
of steps) into ``topic_classifier.npz``; a test checks that the file is what the corpus
fits. Edit the corpus as text, then refit.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

CORPUS_DIR = Path(__file__).with_name("topic_corpus")
WEIGHTS_FILE = Path(__file__).with_name("topic_classifier.npz")
# A feature must occur in this many corpus ideas to get a weight (rarer ones only overfit).
MIN_COUNT = 1
L2 = 1e-4
STEPS = 300
LEARNING_RATE = 0.1
DECIMALS = 4


def corpus(language: str) -> list[tuple[str, str]]:
    """(topic, idea text) of the corpus in ``language``, in file order."""
    topic = ""
    found = []
    for line in (CORPUS_DIR / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            topic = line[3:].strip()
        elif line.startswith("- ") and topic:
            found.append((topic, line[2:].strip()))
    return found


@dataclass(frozen=True)
class Classifier:
    """Weights of one language: features (vocabulary), their IDF, a weight per feature and
    topic, and a bias per topic."""

    topics: tuple[str, ...]
    vocabulary: tuple[str, ...]
    idf: np.ndarray
    weights: np.ndarray  # len(vocabulary) × len(topics)
    bias: np.ndarray

    @cached_property
    def _index(self) -> dict[str, int]:
        """Feature → its column (built once per classifier)."""
        return {feature: column for column, feature in enumerate(self.vocabulary)}

    def rows(self, bags: Sequence[Counter[str]]) -> np.ndarray:
        """Each bag as the classifier reads it: IDF of each known feature, length 1."""
        index = self._index
        rows = np.zeros((len(bags), len(self.vocabulary)))
        for row, bag in enumerate(bags):
            for feature in bag:
                if (column := index.get(feature)) is not None:
                    rows[row, column] = self.idf[column]
        norms = np.linalg.norm(rows, axis=1)
        norms[norms == 0] = 1
        return rows / norms[:, None]

    def distributions(self, bags: Sequence[Counter[str]]) -> np.ndarray:
        """Each idea's chance of being about each topic (a row of zeros for an idea with no
        feature the classifier knows: it says nothing about it)."""
        rows = self.rows(bags)
        scores = rows @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        chances = np.exp(scores)
        chances /= chances.sum(axis=1, keepdims=True)
        chances[~rows.any(axis=1)] = 0
        return chances


def fit(language: str, featurize: Callable[[str, str], Counter[str]]) -> Classifier:
    """Fit the classifier of ``language`` on its corpus; ``featurize(text, language)`` gives
    an idea's bag (the grouping suggestion's features)."""
    labelled = corpus(language)
    topics = tuple(sorted({topic for topic, _ in labelled}))
    bags = [featurize(text, language) for _, text in labelled]
    counts = Counter(feature for bag in bags for feature in bag)
    vocabulary = tuple(sorted(feature for feature, count in counts.items() if count >= MIN_COUNT))
    idf = np.array([math.log((1 + len(bags)) / (1 + counts[feature])) + 1 for feature in vocabulary])
    empty = Classifier(topics, vocabulary, idf, np.zeros((len(vocabulary), len(topics))), np.zeros(len(topics)))
    rows = empty.rows(bags)
    truth = np.zeros((len(bags), len(topics)))
    truth[np.arange(len(bags)), [topics.index(topic) for topic, _ in labelled]] = 1
    weights, bias = empty.weights.copy(), empty.bias.copy()
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, STEPS + 1):
        scores = rows @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        chances = np.exp(scores)
        chances /= chances.sum(axis=1, keepdims=True)
        error = (chances - truth) / len(bags)
        grad = rows.T @ error + L2 * weights
        bias -= LEARNING_RATE * error.sum(axis=0)
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        weights -= LEARNING_RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return Classifier(topics, vocabulary, idf, np.round(weights, DECIMALS), np.round(bias, DECIMALS))


def save(classifiers: dict[str, Classifier]) -> None:
    arrays: dict[str, np.ndarray] = {}
    for language, c in classifiers.items():
        arrays[f"{language}_topics"] = np.array(c.topics)
        arrays[f"{language}_vocabulary"] = np.array(c.vocabulary)
        arrays[f"{language}_idf"] = c.idf
        arrays[f"{language}_weights"] = c.weights.astype(np.float32)
        arrays[f"{language}_bias"] = c.bias
    np.savez_compressed(WEIGHTS_FILE, **arrays)  # type: ignore[arg-type]


@cache
def classifier(language: str) -> Classifier:
    """The fitted classifier of ``language``, from WEIGHTS_FILE."""
    with np.load(WEIGHTS_FILE) as data:
        return Classifier(tuple(str(t) for t in data[f"{language}_topics"]),
                          tuple(str(f) for f in data[f"{language}_vocabulary"]),
                          data[f"{language}_idf"], data[f"{language}_weights"].astype(float),
                          data[f"{language}_bias"])


if __name__ == "__main__":
    from workshop.domain.grouping_suggestion import features
    from workshop.domain.morphology import STEMMER_NAMES

    save({language: fit(language, lambda text, lang: features(text, lang)[0]) for language in STEMMER_NAMES})
