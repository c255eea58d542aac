"""The wall in shards: a new or hidden idea changes one shard; the shards always suffice."""

from __future__ import annotations

from workshop.domain import wall


def _ideas(count: int) -> list[dict]:
    return [{"id": n, "hidden": False} for n in range(1, count + 1)]


def _shown(idea: dict) -> bool:
    return not idea["hidden"]


def test_every_idea_once_in_order_whatever_the_length():
    for count in (0, 1, 15, 16, 17, wall.SHARDS * wall.MIN_SIZE, wall.SHARDS * wall.MIN_SIZE + 1, 5000):
        cut = wall.shards(_ideas(count), _shown)
        assert len(cut) == wall.SHARDS
        assert [idea["id"] for shard in cut for idea in shard] == list(range(1, count + 1))


def test_a_new_idea_changes_only_the_last_shard():
    for count in (40, 999, 2999):
        before, after = wall.shards(_ideas(count), _shown), wall.shards(_ideas(count + 1), _shown)
        changed = [n for n in range(wall.SHARDS) if before[n] != after[n]]
        assert len(changed) == 1
        assert after[changed[0]][-1]["id"] == count + 1


def test_hiding_an_idea_changes_its_shard_alone_and_it_is_in_none():
    ideas = _ideas(3000)
    before = wall.shards(ideas, _shown)
    ideas[1234] = ideas[1234] | {"hidden": True}
    after = wall.shards(ideas, _shown)
    assert sum(before[n] != after[n] for n in range(wall.SHARDS)) == 1
    assert all(idea["id"] != 1235 for shard in after for idea in shard)


def test_shards_are_small_on_a_long_wall():
    assert wall.shard_size(3000) == 64
    assert wall.shard_size(10) == wall.MIN_SIZE


def test_one_shard_is_the_whole_wall():
    cut = wall.shards(_ideas(3000), _shown, used=1)
    assert [len(shard) for shard in cut] == [3000] + [0] * (wall.SHARDS - 1)
    cut = wall.shards(_ideas(100), _shown, used=4)
    assert [len(shard) for shard in cut[:5]] == [32, 32, 32, 4, 0]
