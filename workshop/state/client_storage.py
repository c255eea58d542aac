"""Reflex 0.10.1's reset of browser-kept vars at each hydration, with the names found once.

``BaseState._reset_client_storage`` runs for every tab that (re)connects: it walks
every var of every state in the tree and asks of each whether it is kept in the
browser (a cookie or local storage), then sets those back to their defaults. The
answer never changes for a class, so :func:`install` keeps it per class: the same
resets, without asking again about 185 vars for each of 1,000 phones joining (a
join's 6–8 % in the profile). tests/live/test_reflex_internals.py pins the method
this replaces, so an upgrade of Reflex that changes it fails there first.
"""

from __future__ import annotations

from reflex.state import BaseState

# Reflex's own, as the pin test reads it.
REFLEX_RESET = BaseState._reset_client_storage
_KEPT: dict[type, tuple[str, ...]] = {}


def _kept_in_browser(cls: type[BaseState]) -> tuple[str, ...]:
    names = _KEPT.get(cls)
    if names is None:
        fields = cls.get_fields()
        names = _KEPT[cls] = tuple(name for name in cls.base_vars if cls._is_client_storage(fields[name]))
    return names


def _reset_client_storage(self: BaseState) -> None:
    """Reset client storage base vars to their default values (as Reflex does), recursively."""
    fields = self.get_fields()
    for name in _kept_in_browser(type(self)):
        setattr(self, name, fields[name].default_value())
    for substate in self.substates.values():
        substate._reset_client_storage()


def install() -> None:
    BaseState._reset_client_storage = _reset_client_storage  # type: ignore[method-assign]
