"""Live room updates: one python-socketio emit per change to every screen of a workshop.

Reflex's own shared state does a full state round-trip per connected
client per change (measured: 200 phones, 600 votes, 162 s to settle). Here the
server pushes Reflex's update message to a socket.io room instead, so one
change costs one serialisation and one emit, whatever the room's size. See
``../shared/ROOM-BROADCAST.md`` for the figures and the pitfalls.
"""
