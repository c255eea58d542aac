"""The cycle collector's settings (workshop/live/collector.py)."""

from __future__ import annotations

import gc

import pytest

from workshop.live.collector import MIDDLE, OLD, tune_collector
from workshop.settings import settings


@pytest.fixture
def restore_collector():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()
    settings.cache_clear()


def test_the_young_generation_collects_every_threshold_allocations(restore_collector, monkeypatch):
    monkeypatch.setenv("ENTAJOS_GC_YOUNG_THRESHOLD", "12345")
    settings.cache_clear()
    tune_collector()
    assert gc.get_threshold() == (12345, MIDDLE, OLD)
    assert gc.get_freeze_count() > 0  # what existed is out of the collector's walks


def test_zero_keeps_pythons_thresholds(restore_collector, monkeypatch):
    monkeypatch.setenv("ENTAJOS_GC_YOUNG_THRESHOLD", "0")
    settings.cache_clear()
    gc.set_threshold(700, 10, 10)
    tune_collector()
    assert gc.get_threshold() == (700, 10, 10)


def test_the_default_is_50000():
    assert settings().gc_young_threshold == 50_000
