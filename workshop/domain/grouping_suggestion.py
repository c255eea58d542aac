"""Suggested grouping of ideas, computed locally: no network, no model download.

Each idea becomes a weighted bag of words in base form, analysed in the idea's own
language (chosen per idea by its stop words, so a Swedish note in a Finnish workshop
is read as Swedish; stop words dropped): Finnish base forms and compound parts from
Voikko ("sijaisperheessä" → sijaisperhe, sijais + perhe), Snowball stems otherwise
(see ``morphology.py``). Short ideas on one theme often share no word at all
("läksyt" and "rehtori" are both about school), so words also signal topics from
child-welfare lexicons per language (``lexicon/<name>/*.txt``: word beginnings per
topic, editable as text); a shared topic counts like TOPIC_WEIGHT shared words.
Weights are TF-IDF, with document frequencies counted over the ideas and over
background texts (``background/``), so a word every workshop uses weighs little; a
feature found in fewer than MIN_DF of the ideas is dropped, so two ideas sharing one
word are not a group.

How alike two ideas are is the chance that a person would put them on one theme, from a
pair model (``grouping_model.json``): a logistic function of their words' cosine
similarity, of how far a topic classifier trained on ideas in other words
(``topic_classifier.py``) puts both on the same topics, and of how the blind lexicon's
topics of one idea go with those of the other (a topic-by-topic affinity: "mental health"
goes with "health care", "school" rarely with "aftercare"). Its weights were fitted on five labelled sets written by different
people (``tests/domain/grouping_train.py``); the holdout was never among them. Ideas are
merged by average-linkage agglomerative clustering on that chance until no two groups
are at least THRESHOLD likely to share a theme. Ideas that match nothing stay
ungrouped. Each group is named after its most shared topic and its heaviest shared
words, shown in the form people wrote them most.

Deterministic: the same ideas give the same groups and names.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from workshop.domain import morphology, topic_classifier
from workshop.domain.morphology import STEMMER_NAMES

STOPWORDS_DIR = Path(__file__).with_name("stopwords")
LEXICON_DIR = Path(__file__).with_name("lexicon")
# Topic lexicons, a folder of {fi,sv,en}.txt each: "blind", written without sight of the code
# or of either labelled fixture (issue 17), and "first", by the author of fixture 1. A word
# signals a topic in each; their topics are apart ("blind:school", "first:school").
LEXICONS = ("blind", "first")
# Workshop-like texts (the prompt decks, the labelled fixtures' ideas without labels) that
# document frequencies are counted over too, so that a word every workshop uses ("lapsi",
# "socialarbetare") weighs little even among few ideas.
BACKGROUND_DIR = Path(__file__).with_name("background")
# Weight of a topic of the child-welfare lexicon against a whole stem.
TOPIC_WEIGHT = 3.0
# A lexicon entry this long also counts inside a compound word.
INSIDE_MIN = 6
# How likely (pair model) two groups need to be, on average, to share a theme to be merged
# (chosen with the model's settings by leaving each training set out in turn; see
# tests/domain/grouping_train.py).
THRESHOLD = 0.5
# The pair model's weights, written by ``python -m tests.domain.grouping_train``.
MODEL_FILE = Path(__file__).with_name("grouping_model.json")
# The lexicon whose topics the pair model relates to each other.
MODEL_LEXICON = "blind"
# Weight of a compound part against a whole stem.
PART_WEIGHT = 0.5
# A feature found in fewer ideas than this is dropped: a word shared by two ideas alone
# does not form a group. Among fewer than SMALL ideas, two ideas are already a share worth
# a suggestion, and a feature needs two.
MIN_DF = 3
SMALL = 10
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
def _lexicon_file(language: str, name: str) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    pairs: list[tuple[str, str]] = []
    names: dict[str, str] = {}
    for line in (LEXICON_DIR / name / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if (match := _TOPIC_LINE.match(line)) is None:
            continue
        topic, shown, prefixes = match.groups()
        names[f"{name}:{topic}"] = shown
        pairs += [(prefix, f"{name}:{topic}") for prefix in prefixes.split()]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))), names


def lexicon(language: str, name: str) -> tuple[tuple[str, str], ...]:
    """(prefix, topic) pairs of one child-welfare lexicon in ``language``, longest prefix
    first; topics are named "lexicon:topic"."""
    return _lexicon_file(language, name)[0]


def topic_name(topic: str, language: str) -> str:
    """A topic's ("lexicon:topic") name as shown in ``language``."""
    return _lexicon_file(language, topic.split(":")[0])[1][topic]


@cache
def _prefix_index(language: str, name: str) -> tuple[dict[str, str], tuple[int, ...],
                                                     dict[str, frozenset[str]], tuple[int, ...]]:
    """A lexicon as look-ups: prefix → topic (the first listed wins), the prefix lengths
    (longest first), and entries of INSIDE_MIN+ letters → their topics, with their lengths."""
    first: dict[str, str] = {}
    inside: dict[str, set[str]] = {}
    for prefix, topic in lexicon(language, name):
        first.setdefault(prefix, topic)
        if len(prefix) >= INSIDE_MIN:
            inside.setdefault(prefix, set()).add(topic)
    return (first, tuple(sorted({len(p) for p in first}, reverse=True)),
            {p: frozenset(t) for p, t in inside.items()}, tuple(sorted({len(p) for p in inside})))


@lru_cache(maxsize=100_000)
def topics_of(word: str, language: str) -> frozenset[str]:
    """Topics a word signals in each lexicon: that of its longest matching prefix, and of
    any long entry found inside it (the later parts of a compound)."""
    found: set[str] = set()
    for name in LEXICONS:
        first, lengths, inside, inside_lengths = _prefix_index(language, name)
        for length in lengths:
            if length <= len(word) and (topic := first.get(word[:length])) is not None:
                found.add(topic)
                break
        for start in range(1, len(word)):
            for length in inside_lengths:
                if start + length > len(word):
                    break
                found |= inside.get(word[start:start + length], frozenset())
    return frozenset(found)


def words(text: str) -> list[str]:
    """The words of ``text``, lower case (letters only; apostrophes and hyphens kept inside)."""
    return _WORD.findall(text.lower())


def language_of(tokens: Sequence[str], default: str) -> str:
    """The language whose stop words occur most in ``tokens``; ``default`` on a tie."""
    stops = {lang: stop_words(lang) for lang in STEMMER_NAMES}
    hits = {lang: sum(token in stops[lang] for token in tokens) for lang in STEMMER_NAMES}
    best = max(hits.values())
    if best == 0 or hits.get(default, 0) == best:
        return default
    return next(lang for lang in STEMMER_NAMES if hits[lang] == best)


def features(text: str, default_language: str) -> tuple[Counter[str], dict[str, str]]:
    """Weighted features of one idea, and for each stem the word it came from."""
    tokens = words(text)
    language = language_of(tokens, default_language)
    stops = stop_words(language)
    analyser = morphology.analyser(language)
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for token in tokens:
        plain = token.replace("’", "'").split("'")[0]
        if len(plain) < 3 or plain in stops:
            continue
        analysis = analyser.analyse(plain)
        stem = analysis.base
        counts[stem] += 1.0
        surface.setdefault(stem, plain)
        for part in analysis.parts:
            counts[part] += PART_WEIGHT
        for topic in topics_of(plain, language) | topics_of(stem, language):
            counts["#" + topic] += TOPIC_WEIGHT
    return counts, surface


@cache
def background_texts(language: str) -> tuple[frozenset[str], ...]:
    """The features of each background text in ``language``."""
    path = BACKGROUND_DIR / f"{language}.txt"
    texts = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")] if path.exists() else []
    return tuple(frozenset(features(text, language)[0]) for text in texts)


def background(language: str) -> tuple[int, Counter[str]]:
    """How many background texts there are, and in how many of them each feature occurs."""
    texts = background_texts(language)
    return len(texts), Counter(feature for text in texts for feature in text)


def _least(n: int) -> int:
    """In how many of ``n`` ideas a feature must be found to count (MIN_DF; two among
    fewer than SMALL ideas)."""
    return MIN_DF if n >= SMALL else min(MIN_DF, 2)


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1)
    norms[norms == 0] = 1
    return rows / norms[:, None]


def _matrix(bags: Sequence[Counter[str]], language: str) -> tuple[np.ndarray, list[str]]:
    """TF-IDF rows (sublinear tf, smoothed idf over these ideas and the background texts),
    each normalised to length 1; features found in fewer than MIN_DF of these ideas (two,
    among fewer than SMALL ideas) are left out."""
    n = len(bags)
    df = Counter(feature for bag in bags for feature in bag)
    least = _least(n)
    vocabulary = sorted(feature for feature, count in df.items() if count >= least)
    n_background, df_background = background(language)
    index = {feature: column for column, feature in enumerate(vocabulary)}
    rows = np.zeros((n, len(vocabulary)))
    for row, bag in enumerate(bags):
        for feature, count in bag.items():
            if feature not in index:
                continue
            idf = math.log((1 + n + n_background) / (1 + df[feature] + df_background[feature])) + 1
            rows[row, index[feature]] = (1 + math.log(count)) * idf if count >= 1 else count * idf
    return _unit_rows(rows), vocabulary


@dataclass(frozen=True)
class PairModel:
    """The chance that two ideas share a theme: sigmoid(bias + lexical · their words' cosine
    + classifier · how much the topic classifier puts both on the same topics (``about_rows``)
    + their lexicon topic rows through the topic-by-topic ``affinity``)."""

    topics: tuple[str, ...]
    bias: float
    lexical: float
    classifier: float
    affinity: np.ndarray

    def chance(self, lexical: np.ndarray, about: np.ndarray, topics: np.ndarray) -> np.ndarray:
        """Each pair's chance of sharing a theme, from the words' cosine similarities, what the
        classifier says the ideas are about (``about_rows``) and their lexicon topic rows
        (``topic_rows``)."""
        logits = (self.bias + self.lexical * lexical + self.classifier * (about @ about.T)
                  + topics @ self.affinity @ topics.T)
        return 1.0 / (1.0 + np.exp(-logits))


@cache
def model_topics() -> tuple[str, ...]:
    """The topics the pair model relates: MODEL_LEXICON's, sorted (the same in every language)."""
    return tuple(sorted({topic for _, topic in lexicon("en", MODEL_LEXICON)}))


@cache
def pair_model() -> PairModel:
    """The pair model's weights from MODEL_FILE; its topics must be the lexicon's."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    topics = tuple(data["topics"])
    if topics != model_topics():
        raise ValueError(f"{MODEL_FILE.name} was fitted on other topics: run python -m tests.domain.grouping_train")
    affinity = np.array(data["affinity"], dtype=float)
    return PairModel(topics, float(data["bias"]), float(data["lexical"]), float(data["classifier"]), affinity)


def topic_rows(bags: Sequence[Counter[str]]) -> np.ndarray:
    """Each idea's MODEL_LEXICON topics (how many of its words signal each), normalised to
    length 1; a topic found in fewer than MIN_DF of the ideas is left out, as a word is."""
    index = {"#" + topic: column for column, topic in enumerate(model_topics())}
    rows = np.zeros((len(bags), len(index)))
    for row, bag in enumerate(bags):
        for feature, count in bag.items():
            if (column := index.get(feature)) is not None:
                rows[row, column] = count / TOPIC_WEIGHT
    rows[:, (rows > 0).sum(axis=0) < _least(len(bags))] = 0
    return _unit_rows(rows)


def about_rows(bags: Sequence[Counter[str]], language: str) -> np.ndarray:
    """What the topic classifier says each idea is about: its chance of each topic above
    an even spread (an idea the classifier is unsure of says little, one it cannot read
    says nothing). A topic that is the main one of fewer than MIN_DF of the ideas is left
    out, as a word is, so two ideas alone on a topic are no group by it."""
    chances = topic_classifier.classifier(language).distributions(bags)
    if not len(chances):
        return chances
    rows = np.clip(chances - 1 / chances.shape[1], 0, None)
    main = np.bincount(chances.argmax(axis=1)[chances.any(axis=1)], minlength=chances.shape[1])
    rows[:, main < _least(len(bags))] = 0
    return rows


def similarity(bags: Sequence[Counter[str]], language: str,
               ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """How likely each two ideas are to share a theme (the pair model), with the TF-IDF rows
    and their vocabulary, and what the classifier says each idea is about (for the names)."""
    rows, vocabulary = _matrix(bags, language)
    about = about_rows(bags, language)
    return pair_model().chance(rows @ rows.T, about, topic_rows(bags)), rows, vocabulary, about


def _average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the closest two groups while their average similarity reaches ``threshold``
    (of equally close pairs, the first in row order). Each row's closest column is kept
    and updated, so a merge costs a few rows rather than a scan of the whole matrix."""
    n = similarity.shape[0]
    sims = similarity.astype(float).copy()
    np.fill_diagonal(sims, -np.inf)
    members: list[list[int] | None] = [[i] for i in range(n)]
    best_column = np.argmax(sims, axis=1)
    best = sims[np.arange(n), best_column]
    while True:
        a = int(np.argmax(best))
        b = int(best_column[a])
        if not np.isfinite(best[a]) or best[a] < threshold:
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
        best[b] = -np.inf
        stale = np.flatnonzero((best_column == a) | (best_column == b))
        for row in {*stale.tolist(), a} - {b}:
            best_column[row] = int(np.argmax(sims[row]))
            best[row] = sims[row, best_column[row]]
        closer = (merged > best) | ((merged == best) & (a < best_column))
        closer[[a, b]] = False
        closer &= np.isfinite(merged)
        best_column[closer] = a
        best[closer] = merged[closer]
    return [group for group in members if group is not None]


def _name(group: list[int], rows: np.ndarray, vocabulary: list[str],
          surfaces: Sequence[dict[str, str]], language: str, about: np.ndarray) -> str:
    """The topic most of the group's ideas are about (the classifier's main topic of at
    least half of them, else a lexicon topic at least half of them share), then the group's
    heaviest shared word stems, in the form people wrote them most: "Koulu: opettajat, läksyt"."""
    weight = rows[group].sum(axis=0)
    present = (rows[group] > 0).sum(axis=0)

    def best(columns: Iterable[int]) -> list[int]:
        return sorted(columns, key=lambda column: (-present[column], -weight[column], vocabulary[column]))

    topics = [vocabulary[c][1:] for c in best(c for c in range(len(vocabulary)) if vocabulary[c][0] == "#")
              if 2 * present[c] >= len(group)]
    mains = Counter(int(about[i].argmax()) for i in group if about[i].any())
    if mains and 2 * (top := min(mains.items(), key=lambda kv: (-kv[1], kv[0])))[1] >= len(group):
        topics.insert(0, f"{MODEL_LEXICON}:{topic_classifier.classifier(language).topics[top[0]]}")
    written_stems = {stem for i in group for stem in surfaces[i]}
    order = best(c for c in range(len(vocabulary)) if vocabulary[c] in written_stems)
    # Under a topic, only words a third of the group shares (two ideas at least) add to the
    # name; without one, the most shared words name the group.
    shared = [column for column in order if present[column] >= max(2, math.ceil(len(group) / 3))]
    picked = shared[:2] if topics else ([column for column in order if present[column] >= 2][:2] or order[:1])
    names = []
    for column in picked:
        stem = vocabulary[column]
        written = Counter(s[stem] for i in group if stem in (s := surfaces[i]))
        names.append(sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    if topics:
        topic = topic_name(topics[0], language)
        words_part = ", ".join(n for n in names if n != topic.lower())
        name = topic + (f": {words_part}" if words_part else "")
    else:
        words_part = ", ".join(names)
        name = words_part[:1].upper() + words_part[1:] if words_part else "…"
    return name[:NAME_MAX]


def suggest(ideas: Iterable[tuple[int, str]], language: str, threshold: float | None = None,
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
    chance, rows, vocabulary, about = similarity(bags, language)
    limit = THRESHOLD if threshold is None else threshold
    groups = [g for g in _average_linkage(chance, limit) if len(g) >= 2]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [
        SuggestedGroup(_name(g, rows, vocabulary, surfaces, language, about), tuple(ordered[i][0] for i in g))
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
