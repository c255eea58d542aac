"""Suggested grouping of ideas, computed locally: no network, no model download.

Each idea becomes a weighted bag of word stems (Snowball stemmers for Finnish,
Swedish and English, chosen per idea by its stop words so a Swedish note in a
Finnish workshop is stemmed as Swedish; stop words dropped). Finnish and
Swedish glue words into compounds ("sijaisperhe", "familjehem"), so long words
also add their leading and trailing parts as weaker features. Short ideas on
one theme often share no word at all ("läksyt" and "rehtori" are both about
school), so words also signal topics from a small child-welfare lexicon per
language (``lexicon/*.txt``: word beginnings per topic, editable as text); a
shared topic counts like two shared words. Weights are TF-IDF, rows normalised, and
ideas are merged by average-linkage agglomerative clustering on cosine
similarity until no two groups are closer than a threshold. Ideas that match
nothing stay ungrouped. Each group is named after its heaviest shared stems,
shown in the form people wrote them most.

Deterministic: the same ideas give the same groups and names.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import snowballstemmer

STEMMER_NAMES = {"fi": "finnish", "sv": "swedish", "en": "english"}
STOPWORDS_DIR = Path(__file__).with_name("stopwords")
LEXICON_DIR = Path(__file__).with_name("lexicon")
# Weight of a topic of the child-welfare lexicon against a whole stem.
TOPIC_WEIGHT = 2.0
# A lexicon entry this long also counts inside a compound word.
INSIDE_MIN = 6
# Average cosine similarity two groups need to be merged (see tests/domain/test_grouping_quality.py).
THRESHOLD = 0.1
# Weight of a compound part against a whole stem.
PART_WEIGHT = 0.5
# Words this long or longer add their first and last PART_LENGTH letters.
COMPOUND_MIN = 8
PART_LENGTH = 5
NAME_MAX = 80
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class SuggestedGroup:
    """A proposed cluster: a name and the ids of its ideas (oldest first)."""

    name: str
    idea_ids: tuple[int, ...]


@cache
def stop_words(language: str) -> frozenset[str]:
    text = (STOPWORDS_DIR / f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


_TOPIC_LINE = re.compile(r"^(\w+) \(([^)]+)\):(.*)$")


@cache
def _lexicon_file(language: str) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    pairs: list[tuple[str, str]] = []
    names: dict[str, str] = {}
    for line in (LEXICON_DIR / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if (match := _TOPIC_LINE.match(line)) is None:
            continue
        topic, name, prefixes = match.groups()
        names[topic] = name
        pairs += [(prefix, topic) for prefix in prefixes.split()]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))), names


def lexicon(language: str) -> tuple[tuple[str, str], ...]:
    """(prefix, topic) pairs of the language's child-welfare lexicon, longest prefix first."""
    return _lexicon_file(language)[0]


def topic_name(topic: str, language: str) -> str:
    """A topic's name as shown in ``language``."""
    return _lexicon_file(language)[1][topic]


def topics_of(word: str, language: str) -> set[str]:
    """Topics a word signals: that of its longest matching prefix, and of any long
    entry found inside it (the later parts of a compound)."""
    found: set[str] = set()
    for prefix, topic in lexicon(language):
        if word.startswith(prefix):
            found.add(topic)
            break
    for prefix, topic in lexicon(language):
        if len(prefix) >= INSIDE_MIN and prefix in word[1:]:
            found.add(topic)
    return found


# Snowball stemmers keep the word being stemmed in the object: one shared by worker
# threads (two workshops suggesting at once) mixes their words. One per thread.
_per_thread = threading.local()


def _stemmer(language: str):  # type: ignore[no-untyped-def]
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMER_NAMES[language])
    return stemmers[language]


def words(text: str) -> list[str]:
    """The words of ``text``, lower case (letters only; apostrophes and hyphens kept inside)."""
    return _WORD.findall(text.lower())


def language_of(tokens: Sequence[str], default: str) -> str:
    """The language whose stop words occur most in ``tokens``; ``default`` on a tie."""
    hits = {lang: sum(token in stop_words(lang) for token in tokens) for lang in STEMMER_NAMES}
    best = max(hits.values())
    if best == 0 or hits.get(default, 0) == best:
        return default
    return next(lang for lang in STEMMER_NAMES if hits[lang] == best)


def features(text: str, default_language: str) -> tuple[Counter[str], dict[str, str]]:
    """Weighted features of one idea, and for each stem the word it came from."""
    tokens = words(text)
    language = language_of(tokens, default_language)
    stops = stop_words(language)
    stemmer = _stemmer(language)
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for token in tokens:
        plain = token.replace("’", "'").split("'")[0]
        if len(plain) < 3 or plain in stops:
            continue
        stem = stemmer.stemWord(plain)
        counts[stem] += 1.0
        surface.setdefault(stem, plain)
        if len(plain) >= COMPOUND_MIN:
            counts["<" + plain[:PART_LENGTH]] += PART_WEIGHT
            counts[">" + stem[-PART_LENGTH:]] += PART_WEIGHT
        for topic in topics_of(plain, language):
            counts["#" + topic] += TOPIC_WEIGHT
    return counts, surface


def _matrix(bags: Sequence[Counter[str]]) -> tuple[np.ndarray, list[str]]:
    """TF-IDF rows (sublinear tf, smoothed idf), each normalised to length 1."""
    vocabulary = sorted({feature for bag in bags for feature in bag})
    index = {feature: column for column, feature in enumerate(vocabulary)}
    n = len(bags)
    df = Counter(feature for bag in bags for feature in bag)
    rows = np.zeros((n, len(vocabulary)))
    for row, bag in enumerate(bags):
        for feature, count in bag.items():
            idf = math.log((1 + n) / (1 + df[feature])) + 1
            rows[row, index[feature]] = (1 + math.log(count)) * idf if count >= 1 else count * idf
    norms = np.linalg.norm(rows, axis=1)
    norms[norms == 0] = 1
    return rows / norms[:, None], vocabulary


def _average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the closest two groups while their average similarity reaches ``threshold``."""
    n = similarity.shape[0]
    sims = similarity.astype(float).copy()
    np.fill_diagonal(sims, -np.inf)
    members: list[list[int] | None] = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    while True:
        flat = int(np.argmax(sims))
        a, b = divmod(flat, n)
        if not np.isfinite(sims[a, b]) or sims[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        size_a, size_b = len(members[a]), len(members[b])  # type: ignore[arg-type]
        merged = (size_a * sims[a] + size_b * sims[b]) / (size_a + size_b)
        sims[a] = merged
        sims[:, a] = merged
        sims[a, a] = -np.inf
        sims[b] = -np.inf
        sims[:, b] = -np.inf
        members[a] = sorted(members[a] + members[b])  # type: ignore[operator]
        members[b] = None
        alive[b] = False
    return [group for group in members if group is not None]


def _name(group: list[int], rows: np.ndarray, vocabulary: list[str],
          surfaces: Sequence[dict[str, str]], language: str) -> str:
    """The topic most of the group's ideas share (if any), then the group's heaviest
    shared word stems, in the form people wrote them most: "Koulu: opettajat, läksyt"."""
    weight = rows[group].sum(axis=0)
    present = (rows[group] > 0).sum(axis=0)

    def best(columns: Iterable[int]) -> list[int]:
        return sorted(columns, key=lambda column: (-present[column], -weight[column], vocabulary[column]))

    topics = [c for c in best(c for c in range(len(vocabulary)) if vocabulary[c][0] == "#")
              if 2 * present[c] >= len(group)]
    order = best(c for c in range(len(vocabulary)) if vocabulary[c][0] not in "<>#")
    picked = [column for column in order if present[column] >= 2][:2] or order[:1]
    names = []
    for column in picked:
        stem = vocabulary[column]
        written = Counter(s[stem] for i in group if stem in (s := surfaces[i]))
        names.append(sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    if topics:
        topic = topic_name(vocabulary[topics[0]][1:], language)
        words_part = ", ".join(n for n in names if n != topic.lower())
        name = topic + (f": {words_part}" if words_part else "")
    else:
        words_part = ", ".join(names)
        name = words_part[:1].upper() + words_part[1:] if words_part else "…"
    return name[:NAME_MAX]


def suggest(ideas: Iterable[tuple[int, str]], language: str, threshold: float = THRESHOLD,
            ) -> list[SuggestedGroup]:
    """Groups of two or more of ``ideas`` (id, text), biggest first, with names.

    ``language`` (fi, sv or en) is the default for ideas whose own language is unclear.
    """
    ordered = sorted(ideas)
    if len(ordered) < 2:
        return []
    extracted = [features(text, language) for _, text in ordered]
    bags = [bag for bag, _ in extracted]
    surfaces = [surface for _, surface in extracted]
    rows, vocabulary = _matrix(bags)
    groups = [g for g in _average_linkage(rows @ rows.T, threshold) if len(g) >= 2]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [
        SuggestedGroup(_name(g, rows, vocabulary, surfaces, language), tuple(ordered[i][0] for i in g))
        for g in groups
    ]


def labels_of(groups: Sequence[SuggestedGroup], idea_ids: Iterable[int]) -> dict[int, int]:
    """Idea id → group number; an idea in no group is a group of its own (for scoring)."""
    labels: dict[int, int] = {}
    for number, group in enumerate(groups):
        for idea_id in group.idea_ids:
            labels[idea_id] = number
    next_label = len(groups)
    for idea_id in idea_ids:
        if idea_id not in labels:
            labels[idea_id] = next_label
            next_label += 1
    return labels
