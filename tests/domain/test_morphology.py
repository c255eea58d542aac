"""Finnish base forms and compound parts: Voikko when installed, Snowball when not.

Both paths run here and say which ran. ``make`` installs Voikko (Debian's libvoikko1 and
voikko-fi), so under CI=true a missing Voikko fails instead of skipping.
"""

from __future__ import annotations

import builtins
import logging
import os

import pytest

from workshop.domain import morphology
from workshop.domain.morphology import Analysis, SnowballAnalyser, VoikkoAnalyser, load_voikko, voikko_parts

VOIKKO = load_voikko()


def _need_voikko() -> None:
    if VOIKKO is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Voikko is not installed (make voikko): the Voikko path cannot be tested")
        pytest.skip("Voikko is not installed (make voikko)")


def test_voikko_wordbases_become_compound_parts_in_base_form():
    assert voikko_parts("+sijais+perhe(perhe)", "sijaisperhe") == ("sijais", "perhe")
    assert voikko_parts("+mielen(mieli)+terve(terve)+ys(+ys)+palvel(palvella)+u(+u)",
                        "mielenterveyspalvelu") == ("mieli", "terveys", "palvelu")
    assert voikko_parts("+koulu(koulu)", "koulu") == ()  # a simple word has no parts
    assert voikko_parts("+wilma(Wilma)+-+viesti(viesti)", "wilma-viesti") == ("wilma", "viesti")


def test_voikko_path_gives_base_forms_and_compound_parts(capsys):
    _need_voikko()
    finnish = morphology.analyser("fi")
    with capsys.disabled():
        print(f"\n[fi morphology] {finnish.name}")
    assert finnish.name == morphology.path("fi") == "voikko"
    assert finnish.analyse("sijaisperheessä") == Analysis("sijaisperhe", ("sijais", "perhe"))
    assert finnish.analyse("mielenterveyspalveluihin") == Analysis(
        "mielenterveyspalvelu", ("mieli", "terveys", "palvelu"))
    assert finnish.analyse("kuraattorille").base == "kuraattori"
    # Words Voikko does not know (spoken forms, typos) are stemmed by Snowball.
    assert finnish.analyse("pitäis") == SnowballAnalyser("fi").analyse("pitäis")


def test_without_voikko_finnish_falls_back_to_snowball_and_says_so_once(monkeypatch, caplog, capsys):
    real_import = builtins.__import__

    def no_libvoikko(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "libvoikko":
            raise ImportError("No module named 'libvoikko'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_libvoikko)
    morphology.analyser.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger=morphology.__name__):
            finnish = morphology.analyser("fi")
            again = morphology.analyser("fi")
        with capsys.disabled():
            print(f"\n[fi morphology without Voikko] {finnish.name}")
        assert finnish is again and finnish.name == "snowball"
        assert [r.getMessage() for r in caplog.records if "Voikko" in r.getMessage()] == [
            caplog.records[0].getMessage()]
        assert "falls back to Snowball" in caplog.records[0].getMessage()
        # Snowball's stem, and the first and last letters of a long word as a guess at its parts
        assert finnish.analyse("sijaisperheessä") == Analysis("sijaisperh", ("<sijai", ">sperh"))
    finally:
        morphology.analyser.cache_clear()


def test_swedish_and_english_use_snowball():
    assert morphology.path("sv") == morphology.path("en") == "snowball"
    swedish, english = morphology.analyser("sv"), morphology.analyser("en")
    assert swedish.analyse("skolorna").base == swedish.analyse("skola").base == "skol"
    assert english.analyse("workers").base == english.analyse("worker").base == "worker"


def test_one_voikko_handle_is_shared_by_threads_safely():
    _need_voikko()
    from concurrent.futures import ThreadPoolExecutor

    finnish = VoikkoAnalyser(load_voikko())
    words = ["sijaisperheessä", "kouluun", "mielenterveyspalveluihin", "vanhemmille"] * 50
    expected = [VoikkoAnalyser(load_voikko()).analyse(w) for w in words]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(finnish.analyse, words)) == expected
