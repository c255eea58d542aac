"""Fits the grouping suggestion's pair model (workshop/domain/grouping_model.json).

The model gives the chance that two ideas share a theme: a logistic function of their
words' cosine similarity and of a topic-by-topic affinity between the blind lexicon's
topics (``grouping_suggestion.PairModel``). It is fitted on five labelled sets written by
five different authors, none of whom saw the code, the lexicons or another set:

- fixture 1 (``tests/domain/grouping_fixture/``);
- fixtures 3–6 (``tests/domain/grouping_training/fixture{3,4,5,6}/``), written in issue 17's
  second round by helper sessions given only a brief (voices, themes of their own choosing,
  typos, ideas that fit no theme): 3 and 4 mixed rooms, 5 mostly young people, 6 a county's
  professionals.

The holdout (fixture 2) is never among them. Every pair of ideas in a set is one example:
the same theme or not (an idea under ``## none`` shares a theme with nothing). The two
classes weigh the same in total, so a chance of 0.5 sits where either mistake is as likely.
Fitted by full-batch Adam from zeros, a fixed number of steps: deterministic.

``python -m tests.domain.grouping_train`` rewrites the model file;
``python -m tests.domain.grouping_train --choose`` prints, for each setting of the grid, the
ARI of every set when the model is fitted on the other four (leave one set out), which is
how L2 and ``grouping_suggestion.THRESHOLD`` were chosen (the best mean). A test checks that
the file is what this module fits.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.domain.grouping_fixture_loader import FIXTURE, LANGUAGES, labelled_ideas
from tests.domain.grouping_scores import adjusted_rand_index
from workshop.domain import grouping_suggestion as gs

TRAINING_DIR = Path(__file__).with_name("grouping_training")
TRAINING = (FIXTURE, *(TRAINING_DIR / f"fixture{number}" for number in (3, 4, 5, 6)))
# Chosen by --choose (the best mean ARI over the sets, each left out in turn).
L2 = 0.003
STEPS = 2000
LEARNING_RATE = 0.05
GRID_L2 = (0.0003, 0.001, 0.003)
GRID_THRESHOLD = (0.4, 0.5, 0.6, 0.7)
DECIMALS = 6


@dataclass(frozen=True)
class Labelled:
    """One labelled set in one language, as the pair model sees it."""

    lexical: np.ndarray
    about: np.ndarray
    topics: np.ndarray
    same: np.ndarray
    truth: list[str]


def labelled(folder: Path, language: str) -> Labelled:
    ideas = labelled_ideas(language, folder)
    bags = [gs.features(text, language)[0] for _, text in ideas]
    rows, _ = gs._matrix(bags, language)
    truth = [theme for theme, _ in ideas]
    same = np.array([[float(a == b) for b in truth] for a in truth])
    about = gs.about_rows(bags, language)
    return Labelled(rows @ rows.T, about, gs.topic_rows(bags), same, truth)


def fit(sets: list[Labelled], l2: float = L2) -> gs.PairModel:
    k = len(gs.model_topics())
    params = {"bias": np.zeros(()), "lexical": np.zeros(()), "classifier": np.zeros(()),
              "affinity": np.zeros((k, k))}
    moments = {name: (np.zeros_like(value), np.zeros_like(value)) for name, value in params.items()}
    masks = [np.triu(np.ones_like(s.same), 1) for s in sets]
    pairs = sum(mask.sum() for mask in masks)
    positive = sum((s.same * mask).sum() for s, mask in zip(sets, masks, strict=True))
    positive_weight = (pairs - positive) / positive
    for step in range(1, STEPS + 1):
        model = gs.PairModel(gs.model_topics(), float(params["bias"]), float(params["lexical"]),
                             float(params["classifier"]), params["affinity"])
        grads = {name: np.zeros_like(value) for name, value in params.items()}
        for s, mask in zip(sets, masks, strict=True):
            weight = np.where(s.same == 1, positive_weight, 1.0)
            g = mask * (model.chance(s.lexical, s.about, s.topics) - s.same) * weight / pairs
            grads["bias"] += g.sum()
            grads["lexical"] += (g * s.lexical).sum()
            grads["classifier"] += (g * (s.about @ s.about.T)).sum()
            outer = s.topics.T @ g @ s.topics
            grads["affinity"] += (outer + outer.T) / 2
        grads["affinity"] += l2 * params["affinity"]
        for name, grad in grads.items():
            first, second = moments[name]
            first = 0.9 * first + 0.1 * grad
            second = 0.999 * second + 0.001 * grad * grad
            moments[name] = (first, second)
            params[name] = params[name] - LEARNING_RATE * (first / (1 - 0.9**step)) / (
                np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    affinity = np.round(params["affinity"], DECIMALS)
    return gs.PairModel(gs.model_topics(), round(float(params["bias"]), DECIMALS),
                        round(float(params["lexical"]), DECIMALS), round(float(params["classifier"]), DECIMALS),
                        affinity)


def model_json(model: gs.PairModel) -> str:
    return json.dumps({
        "about": "Pair model of the grouping suggestion, written by python -m tests.domain.grouping_train",
        "topics": list(model.topics), "bias": model.bias, "lexical": model.lexical,
        "classifier": model.classifier,
        "affinity": model.affinity.tolist()}, ensure_ascii=False, indent=0) + "\n"


def training_sets() -> list[Labelled]:
    return [labelled(folder, language) for folder in TRAINING for language in LANGUAGES]


def ari(model: gs.PairModel, s: Labelled, threshold: float) -> float:
    groups = [g for g in gs._average_linkage(model.chance(s.lexical, s.about, s.topics), threshold)
              if len(g) >= 2]
    label = {i: number for number, group in enumerate(groups) for i in group}
    return adjusted_rand_index(s.truth, [label.get(i, f"alone {i}") for i in range(len(s.truth))])


def choose() -> None:
    """Leave one set out: fit on the other four, score the one left out, for each setting."""
    by_folder = {folder: [labelled(folder, language) for language in LANGUAGES] for folder in TRAINING}
    for l2 in GRID_L2:
        models = {folder: fit([s for other, sets in by_folder.items() if other != folder for s in sets], l2)
                  for folder in TRAINING}
        for threshold in GRID_THRESHOLD:
            scores = {(folder.name, language): ari(models[folder], s, threshold)
                      for folder, sets in by_folder.items() for language, s in zip(LANGUAGES, sets, strict=True)}
            print(f"L2 {l2} threshold {threshold}: mean {np.mean(list(scores.values())):.3f} | "
                  + " ".join(f"{name}-{language} {value:.2f}" for (name, language), value in scores.items()),
                  flush=True)


if __name__ == "__main__":
    if "--choose" in sys.argv:
        choose()
    else:
        gs.MODEL_FILE.write_text(model_json(fit(training_sets())), encoding="utf-8")
