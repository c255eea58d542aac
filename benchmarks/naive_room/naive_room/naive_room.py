"""A room as rx.SharedState linked to the workshop code: every change fans out per client.

Kept only as the benchmark's baseline (benchmarks/run.py); the app does not use it.
"""

import reflex as rx

DOTS, PER_ITEM = 5, 3


class Room(rx.SharedState):
    phase: str = "lobby"
    joined: int = 0
    ideas: list[str] = []
    # The dot vote, shared as is with everyone: dots per item, each client's dots
    # ({client token: {item: dots}}), how many used all theirs, and the reveal.
    dots: dict[str, int] = {}
    spent: dict[str, dict[str, int]] = {}
    done: int = 0
    revealed: bool = False

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

    @rx.event
    def add_dot(self, item: str):
        me = self.router.session.client_token
        mine = dict(self.spent.get(me, {}))
        if self.revealed or sum(mine.values()) >= DOTS or mine.get(item, 0) >= PER_ITEM:
            return
        mine[item] = mine.get(item, 0) + 1
        self.spent[me] = mine
        self.dots[item] = self.dots.get(item, 0) + 1
        if sum(mine.values()) == DOTS:
            self.done += 1

    @rx.event
    def reveal(self):
        self.revealed = True


def room_page() -> rx.Component:
    return rx.el.div(rx.el.h1(Room.phase), rx.el.p(Room.joined))


app = rx.App()
app.add_page(room_page, route="/room/[code]", on_load=Room.enter)
