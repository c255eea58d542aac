"""The pieces of Reflex 0.10.1 the room broadcast relies on. If Reflex moves them, fail loudly here."""

from __future__ import annotations

import inspect

import reflex as rx
from reflex.app import EventNamespace
from reflex.state import State
from reflex_base.constants.state import FIELD_MARKER

from workshop.state.room_view import PUSHED, RoomView


def test_reflex_is_the_pinned_version():
    assert rx.constants.Reflex.VERSION == "0.10.1"


def test_update_message_shape_and_field_marker():
    assert FIELD_MARKER == "_rx_state_"
    assert RoomView.get_full_name().endswith("workshop___state___room_view____room_view")


def test_hydration_goes_through_state_dict():
    source = inspect.getsource(State.hydrate_and_load.fn)
    assert "self.dict()" in source
    assert "initial" in inspect.signature(State.dict).parameters


def test_room_view_leaves_pushed_vars_out_of_hydration_only():
    view = RoomView(_reflex_internal_init=True)
    hydrated = view.dict()[RoomView.get_full_name()]
    compiled = view.dict(initial=True)[RoomView.get_full_name()]
    for name in PUSHED:
        assert name + FIELD_MARKER not in hydrated
        assert name + FIELD_MARKER in compiled
    # The rest is what rx.State.dict gives (RoomView.dict skips reading the pushed vars).
    full = State.dict(view)[RoomView.get_full_name()]
    assert hydrated == {key: value for key, value in full.items() if key[:-len(FIELD_MARKER)] not in PUSHED}
    assert list(hydrated) == sorted(hydrated)
    assert not RoomView.computed_vars and not RoomView.get_substates()


def test_our_socket_server_and_namespace_are_used():
    from workshop.workshop import app

    assert app.sio is not None and app.sio.async_mode == "asgi"
    namespace = app.event_namespace
    assert isinstance(namespace, EventNamespace)
    assert namespace.namespace == "/_event"
    assert "sid" in inspect.signature(EventNamespace.on_disconnect).parameters
    assert app.sio.namespace_handlers["/_event"] is namespace


def test_the_reset_of_browser_kept_vars_is_reflexs_own_with_the_names_found_once(monkeypatch):
    """workshop/state/client_storage.py replaces BaseState._reset_client_storage: the method
    it replaces is the one of Reflex 0.10.1, and both reset the same vars to the same values."""
    import hashlib

    from reflex.state import BaseState

    from workshop.state import client_storage
    from workshop.state.secrets import BrowserSecrets

    source = inspect.getsource(client_storage.REFLEX_RESET)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == "980dd97764ba8dc9"

    def reset_with(method) -> dict:
        monkeypatch.setattr(BaseState, "_reset_client_storage", method)  # the substates' too
        root = State(_reflex_internal_init=True)
        secrets = root.get_substate(BrowserSecrets.get_full_name().split(".")[1:])
        secrets.participant_tokens = '{"ABC": "token"}'
        secrets.facilitator_keys = '{"ABC": "key"}'
        root._reset_client_storage()
        return root.dict()

    ours, reflexs = reset_with(client_storage._reset_client_storage), reset_with(client_storage.REFLEX_RESET)
    assert ours == reflexs
    kept = ours[BrowserSecrets.get_full_name()]
    assert kept["participant_tokens" + FIELD_MARKER] == kept["facilitator_keys" + FIELD_MARKER] == "{}"
    assert client_storage._KEPT[BrowserSecrets]  # found once: the browser-kept vars of that state


def test_what_the_socket_servers_checks_rely_on():
    """workshop/live/socket_server.py checks an event before Reflex runs it: its arguments
    against the handler's signature (Reflex calls ``fn(state, **payload)``), whether Reflex
    would log a conversion warning (``_transform_event_payload`` with the handler's cached
    hints), and the browser-kept values of the two handlers that set them; it also checks
    the hydrate event Reflex takes from socket.io's CONNECT packet."""
    import hashlib

    from reflex import state as reflex_state
    from reflex.app import EventNamespace
    from reflex.state import State, UpdateVarsInternalState
    from reflex_base.constants.compiler import CompileVars
    from reflex_base.event import _EVENT_FIELDS
    from reflex_base.event.processor import base_state_processor
    from socketio import AsyncServer

    from workshop.live import socket_server

    assert "events = await fn(state, **payload)" in inspect.getsource(base_state_processor.process_event)
    assert "events = fn(state, **payload)" in inspect.getsource(base_state_processor.process_event)
    prepare = inspect.getsource(base_state_processor._prepare_event_payload)
    assert "type_hints = handler._type_hints" in prepare
    assert "return _transform_event_payload(payload, type_hints)" in prepare
    assert socket_server._transform_event_payload is base_state_processor._transform_event_payload
    assert _EVENT_FIELDS == {"name", "router_data", "payload"}
    # Browser-kept values reach a state only here, called from those two handlers with their ``vars``.
    state_source = inspect.getsource(reflex_state)
    assert state_source.count("_apply_client_storage_vars(") == 3
    assert "await _apply_client_storage_vars(self, vars)" in inspect.getsource(State.hydrate_and_load.fn)
    assert "await _apply_client_storage_vars(self, vars)" in inspect.getsource(
        UpdateVarsInternalState.update_vars_internal.fn)
    assert socket_server.BROWSER_VALUE_HANDLERS == (State.hydrate_and_load.fn,
                                                    UpdateVarsInternalState.update_vars_internal.fn)
    apply_source = inspect.getsource(reflex_state._apply_client_storage_vars)
    assert hashlib.sha256(apply_source.encode()).hexdigest()[:16] == "7fc5726436c82fae"
    # The CONNECT packet's event is run as an event, without an event packet.
    assert CompileVars.CONNECT_AUTH_EVENT == "event"
    assert "await self.on_event(sid, boot_event)" in inspect.getsource(EventNamespace.on_connect)
    assert list(inspect.signature(AsyncServer._handle_connect).parameters) == ["self", "eio_sid", "namespace", "data"]
    assert "await self._handle_connect(eio_sid, pkt.namespace, pkt.data)" in inspect.getsource(
        AsyncServer._handle_eio_message)


def test_the_memory_state_manager_pieces_tab_states_reach_into():
    """workshop/live/tab_states.py drops a closed tab's state through these (Reflex 0.10.1)."""
    from reflex.app import EventNamespace
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.istate.manager.token import BaseStateToken

    manager = StateManagerMemory()
    assert isinstance(manager._token_expires_at, dict) and isinstance(manager._states_locks, dict)
    assert callable(manager._purge_token)
    assert BaseStateToken(ident="tab", cls=State).cache_key == "tab" == BaseStateToken(ident="tab", cls=State).lock_key
    assert isinstance(EventNamespace.token_to_sid, property) and isinstance(EventNamespace.sid_to_token, property)
    # The state's token is the connect query's first ``token`` (socket_server.client_token), and
    # a token open on another socket gets a new one (a new state: TabStates.held says no).
    on_connect = inspect.getsource(EventNamespace.on_connect)
    assert 'query_params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))' in on_connect
    assert 'await self.link_token_to_sid(\n                sid, token_list[0]' in on_connect
    from reflex.utils.token_manager import LocalTokenManager
    assert "new_token = _get_new_token()" in inspect.getsource(LocalTokenManager.link_token_to_sid)
