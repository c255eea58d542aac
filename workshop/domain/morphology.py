"""Base forms and compound parts of words, for the grouping suggestion. Local, no network.

Finnish: Voikko (Debian's ``libvoikko1`` and ``voikko-fi``, loaded by the PyPI binding
``libvoikko``), the field's own analyser: "sijaisperheessä" → base "sijaisperhe", parts
"sijais" + "perhe"; "mielenterveyspalveluihin" → "mieli" + "terveys" + "palvelu". Without
Voikko installed, Finnish falls back to Snowball stems and a fixed-length cut of long words
(a guess at compounds), and says so once in the log. A word Voikko does not know (slang,
typos: "pitäis") is stemmed by Snowball.

Swedish and English: Snowball stems and the same fixed-length cut (measured better than
simplemma lemmas on fixture 1; see README, "Grouping suggestion").

``analyser(language).analyse(word)`` gives an :class:`Analysis`; ``path(language)`` names
the analyser that runs ("voikko" or "snowball"), for the tests and the README.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

import snowballstemmer

log = logging.getLogger(__name__)

STEMMER_NAMES = {"fi": "finnish", "sv": "swedish", "en": "english"}
# Without a real compound analysis, words this long or longer add their first and last
# PART_LENGTH letters as parts (marked "<" and ">" so they never meet a whole stem).
COMPOUND_MIN = 8
PART_LENGTH = 5
# Words analysed, per analyser, kept for the next suggestion.
CACHE_WORDS = 50_000


@dataclass(frozen=True)
class Analysis:
    """A word's base form (or stem) and, for a compound, its parts."""

    base: str
    parts: tuple[str, ...] = ()


class Analyser(Protocol):
    name: str

    def analyse(self, word: str) -> Analysis: ...


# Snowball stemmers keep the word being stemmed in the object: one shared by worker
# threads (two workshops suggesting at once) mixes their words. One per thread.
_per_thread = threading.local()


@lru_cache(maxsize=CACHE_WORDS)
def stem(word: str, language: str) -> str:
    """Snowball stem of a lower-case word."""
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMER_NAMES[language])
    return stemmers[language].stemWord(word)


def cut_parts(word: str, stemmed: str) -> tuple[str, ...]:
    """The fixed-length guess at a compound's parts: a long word's first and last letters."""
    if len(word) < COMPOUND_MIN:
        return ()
    return ("<" + word[:PART_LENGTH], ">" + stemmed[-PART_LENGTH:])


class SnowballAnalyser:
    name = "snowball"

    def __init__(self, language: str) -> None:
        self.language = language

    def analyse(self, word: str) -> Analysis:
        stemmed = stem(word, self.language)
        return Analysis(stemmed, cut_parts(word, stemmed))


_MORPHEME = re.compile(r"\+([^+(]+)(?:\(([^)]*)\))?")


def voikko_parts(wordbases: str, baseform: str) -> tuple[str, ...]:
    """Compound parts from Voikko's WORDBASES ("+sijais+perhe(perhe)"), each in its base
    form; a derivational suffix ("+ys(+ys)") stays with the part before it ("terveys").
    The last part is taken from the whole word's base form. Empty for a simple word."""
    parts: list[list[str | None]] = []  # [surface, base or None when derived]
    for surface, base in _MORPHEME.findall(wordbases):
        if base.startswith("+") and parts:
            parts[-1][0] = (parts[-1][0] or "") + surface
            parts[-1][1] = None
        else:
            parts.append([surface, base or surface])
    if len(parts) < 2:
        return ()
    leading = "".join(str(surface) for surface, _ in parts[:-1]).lower()
    last = baseform[len(leading):] if baseform.startswith(leading) else str(parts[-1][0])
    found = [str(base if base is not None else surface).lower() for surface, base in parts[:-1]]
    return tuple(part for part in (*found, last.lower()) if any(c.isalpha() for c in part))


class VoikkoAnalyser:
    """Finnish base forms and compound parts from Voikko; Snowball for unknown words."""

    name = "voikko"

    def __init__(self, voikko) -> None:  # type: ignore[no-untyped-def]
        self._voikko = voikko
        self._lock = threading.Lock()  # a Voikko handle is not safe to share between threads
        self.analyse = lru_cache(maxsize=CACHE_WORDS)(self._analyse)  # type: ignore[method-assign]

    def _analyse(self, word: str) -> Analysis:
        with self._lock:
            analyses = self._voikko.analyze(word)
        if not analyses:
            return SnowballAnalyser("fi").analyse(word)
        first = analyses[0]
        base = first.get("BASEFORM", word).lower()
        return Analysis(base, voikko_parts(first.get("WORDBASES", ""), base))


def load_voikko():  # type: ignore[no-untyped-def]
    """A Finnish Voikko handle, or None when the library or its dictionary is missing."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as missing:  # noqa: BLE001 — no binding, no library or no dictionary: not there
        log.warning("Voikko is not available (%s): Finnish grouping falls back to Snowball stems "
                    "(install Debian's libvoikko1 and voikko-fi: make voikko)", missing)
        return None


@cache
def analyser(language: str, use_voikko: bool = True) -> Analyser:
    """The analyser for ``language``: Voikko for Finnish when installed, Snowball otherwise."""
    if language == "fi" and use_voikko and (voikko := load_voikko()) is not None:
        return VoikkoAnalyser(voikko)
    return SnowballAnalyser(language)


def path(language: str) -> str:
    """Which analyser runs for ``language``: "voikko" or "snowball"."""
    return analyser(language).name
