"""Scores of a grouping against labels: adjusted Rand index and pairwise F1."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence


def adjusted_rand_index(truth: Sequence[object], found: Sequence[object]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    n = len(truth)
    if n != len(found):
        raise ValueError("labellings differ in length")
    pairs = Counter(zip(truth, found, strict=True))
    comb = lambda k: k * (k - 1) / 2  # noqa: E731
    index = sum(comb(c) for c in pairs.values())
    truth_sum = sum(comb(c) for c in Counter(truth).values())
    found_sum = sum(comb(c) for c in Counter(found).values())
    expected = truth_sum * found_sum / comb(n) if n > 1 else 0.0
    maximum = (truth_sum + found_sum) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def pairwise_f1(truth: Sequence[object], found: Sequence[object]) -> float:
    """F1 of "these two items are in the same group", over all pairs."""
    same_truth = defaultdict(set)
    for i, label in enumerate(truth):
        same_truth[label].add(i)
    together_found = Counter(zip(truth, found, strict=True))
    true_positive = sum(c * (c - 1) / 2 for c in together_found.values())
    found_pairs = sum(c * (c - 1) / 2 for c in Counter(found).values())
    truth_pairs = sum(len(s) * (len(s) - 1) / 2 for s in same_truth.values())
    if true_positive == 0:
        return 0.0
    precision = true_positive / found_pairs
    recall = true_positive / truth_pairs
    return 2 * precision * recall / (precision + recall)
