"""Clusters of a workshop: create, rename, reorder, merge, delete, move ideas, read the board.

Every function works inside the caller's transaction: a refused call raises
InvalidInput and the caller's session rolls back, so nothing half-done is kept.
Only clusters and ideas of the caller's workshop are ever touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workshop.domain.clusters import clean_cluster_name, moved, room_for_phone_cluster
from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.store import ideas
from workshop.store.models import Cluster, Idea, Workshop


def of_workshop(session: Session, workshop: Workshop, cluster_id: object) -> Cluster:
    """Cluster ``cluster_id`` of this workshop; InvalidInput for any other."""
    cluster = session.scalar(select(Cluster).where(
        Cluster.id == row_id(cluster_id, "errors.cluster_unknown"), Cluster.workshop_id == workshop.id
    ))
    if cluster is None:
        raise InvalidInput("errors.cluster_unknown")
    return cluster


def _shown_idea(session: Session, workshop: Workshop, idea_id: object) -> Idea:
    """An idea of this workshop that is on the board (see :func:`ideas.on_board`)."""
    idea = session.scalar(select(Idea).where(Idea.id == row_id(idea_id, "errors.idea_unknown"),
                                             ideas.on_board(workshop)))
    if idea is None:
        raise InvalidInput("errors.idea_unknown")
    return idea


def in_order(session: Session, workshop: Workshop) -> list[Cluster]:
    return list(session.scalars(
        select(Cluster).where(Cluster.workshop_id == workshop.id).order_by(Cluster.position, Cluster.id)
    ))


def _renumber(clusters: Iterable[Cluster]) -> None:
    for position, cluster in enumerate(clusters):
        cluster.position = position


def create(session: Session, workshop: Workshop, name: object, idea_ids: Iterable[object] = (),
           most_on_board: int | None = None, admit: Callable[[], None] | None = None) -> Cluster:
    """A new cluster at the end, holding ``idea_ids`` (moved from wherever they were).

    From a phone: refused once the board holds ``most_on_board`` clusters, and ``admit``
    (the rate limits) runs once every check has passed, right before the first write."""
    clean = clean_cluster_name(name)
    wanted = [_shown_idea(session, workshop, idea_id) for idea_id in idea_ids]
    if most_on_board is not None:
        on_board = session.scalar(select(func.count()).select_from(Cluster).where(Cluster.workshop_id == workshop.id))
        room_for_phone_cluster(on_board or 0, most_on_board)
    if admit is not None:
        admit()
    last = session.scalar(select(func.max(Cluster.position)).where(Cluster.workshop_id == workshop.id))
    cluster = Cluster(workshop_id=workshop.id, name=clean, position=(last if last is not None else -1) + 1)
    session.add(cluster)
    session.flush()
    for idea in wanted:
        idea.cluster_id = cluster.id
    return cluster


def rename(session: Session, workshop: Workshop, cluster_id: object, name: object) -> None:
    of_workshop(session, workshop, cluster_id).name = clean_cluster_name(name)


def move(session: Session, workshop: Workshop, cluster_id: object, direction: object) -> None:
    """Swap a cluster with its neighbour above (-1) or below (1)."""
    cluster = of_workshop(session, workshop, cluster_id)
    _renumber(moved(in_order(session, workshop), cluster, direction))


def merge(session: Session, workshop: Workshop, source_id: object, target_id: object) -> None:
    """Move every idea of ``source_id`` into ``target_id`` and remove the emptied source."""
    source = of_workshop(session, workshop, source_id)
    target = of_workshop(session, workshop, target_id)
    if source.id == target.id:
        raise InvalidInput("errors.merge_same")
    session.execute(
        update(Idea).where(Idea.workshop_id == workshop.id, Idea.cluster_id == source.id)
        .values(cluster_id=target.id)
    )
    session.delete(source)
    session.flush()
    _renumber(in_order(session, workshop))


def remove(session: Session, workshop: Workshop, cluster_id: object) -> None:
    """Delete a cluster; its ideas go back to the ungrouped ones (never deleted)."""
    cluster = of_workshop(session, workshop, cluster_id)
    session.execute(
        update(Idea).where(Idea.workshop_id == workshop.id, Idea.cluster_id == cluster.id)
        .values(cluster_id=None)
    )
    session.delete(cluster)
    session.flush()
    _renumber(in_order(session, workshop))


def move_idea(session: Session, workshop: Workshop, idea_id: object, cluster_id: object) -> None:
    """Put an idea into a cluster of this workshop, or back among the ungrouped (0 or None)."""
    idea = _shown_idea(session, workshop, idea_id)
    if cluster_id in (None, 0):
        idea.cluster_id = None
        return
    idea.cluster_id = of_workshop(session, workshop, cluster_id).id


def accept_suggestion(session: Session, workshop: Workshop, name: object, idea_ids: Iterable[object]) -> int:
    """Create a suggested cluster from those of ``idea_ids`` that are still ungrouped and
    shown (others may have moved them since the suggestion). Returns how many it took;
    with none left, nothing is created and InvalidInput("errors.suggestion_stale") raised."""
    checked = {row_id(idea_id, "errors.idea_unknown") for idea_id in idea_ids}
    free = list(session.scalars(
        select(Idea.id).where(ideas.on_board(workshop), Idea.id.in_(checked),
                              Idea.cluster_id.is_(None)).order_by(Idea.id)
    ))
    if not free:
        raise InvalidInput("errors.suggestion_stale")
    create(session, workshop, name, free)
    return len(free)


def board(session: Session, workshop: Workshop, every_idea: list[dict[str, Any]]) -> dict[str, Any]:
    """The clusters in order with their shown ideas, and the shown ideas in no cluster.

    ``every_idea``: rows of :func:`workshop.store.ideas.wall`. The board goes to
    every phone: moderated ideas and critique notes hidden until a reveal that never
    came are left out (the facilitator reveals them to group them with everyone).
    """
    shown = ideas.public(workshop, every_idea)
    clusters = [{"id": c.id, "name": c.name, "ideas": []} for c in in_order(session, workshop)]
    by_id = {c["id"]: c for c in clusters}
    ungrouped = []
    for idea in shown:
        cluster = by_id.get(idea["cluster_id"])
        (cluster["ideas"] if cluster else ungrouped).append(idea)
    return {"clusters": clusters, "ungrouped": ungrouped}


def ungrouped_texts(session: Session, workshop: Workshop) -> list[tuple[int, str]]:
    """(id, text) of the shown ideas in no cluster: what a suggestion groups."""
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(Idea.id, Idea.text).where(ideas.on_board(workshop), Idea.cluster_id.is_(None)).order_by(Idea.id)
    )]
