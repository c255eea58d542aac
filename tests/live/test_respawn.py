"""The server Reflex builds for several workers respawns a worker that dies (see
workshop/live/respawn.py); fails loudly if Reflex or granian move what this relies on."""

from __future__ import annotations

import inspect

import granian.server
import reflex.utils.exec as reflex_exec

import rxconfig  # noqa: F401 - loading the config installs the respawning server


def test_reflex_builds_its_production_server_from_granian_server_by_name():
    source = inspect.getsource(reflex_exec.run_granian_backend_prod)
    assert "from granian.server import Server as Granian" in source
    assert "respawn_failed_workers" not in source  # else Reflex decides, and this module can go


def test_the_server_respawns_failed_workers():
    server = granian.server.Server(target="workshop.workshop:app", workers=2)
    assert server.respawn_failed_workers is True
    assert granian.server.Server(target="x", respawn_failed_workers=False).respawn_failed_workers is False
