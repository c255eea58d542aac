"""The refusal every domain rule raises (re-exported by ``workshop.domain.creation``)."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input refused; ``key`` is the catalog key of the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
