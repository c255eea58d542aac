"""A room as rx.SharedState linked to the workshop code: every change fans out per client.

Kept only as the benchmark's baseline (benchmarks/run.py); the app does not use it.
"""

import reflex as rx


class Room(rx.SharedState):
    phase: str = "lobby"
    joined: int = 0
    ideas: list[str] = []

    @rx.event
    async def enter(self):
        code = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        room = await self._link_to(code)
        room.joined += 1

    @rx.event
    def set_phase(self, phase: str):
        self.phase = phase

    @rx.event
    def add_idea(self, text: str):
        self.ideas.append(text)


def room_page() -> rx.Component:
    return rx.el.div(rx.el.h1(Room.phase), rx.el.p(Room.joined))


app = rx.App()
app.add_page(room_page, route="/room/[code]", on_load=Room.enter)
