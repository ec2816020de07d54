from __future__ import annotations

from protea_domain.prediction.reference_cache import CacheKey, ReferenceCache


def test_rebuilds_when_recipe_or_annotations_change() -> None:
    cache: ReferenceCache[str] = ReferenceCache()
    key = CacheKey("recipe-a", "annotations-1")
    assert cache.get("P", key, lambda: "first") == "first"
    assert cache.get("P", key, lambda: "never built") == "first"
    assert cache.builds == 1
    assert cache.get("P", CacheKey("recipe-b", "annotations-1"), lambda: "b") == "b"
    assert cache.get("P", CacheKey("recipe-b", "annotations-2"), lambda: "c") == "c"
    assert cache.builds == 3
    assert cache.get("F", CacheKey("recipe-b", "annotations-2"), lambda: "f") == "f"
    assert len(cache) == 2


def test_invalidate() -> None:
    cache: ReferenceCache[int] = ReferenceCache()
    cache.get("P", CacheKey("r1", "a1"), lambda: 1)
    cache.get("F", CacheKey("r2", "a1"), lambda: 2)
    cache.get("C", CacheKey("r2", "a2"), lambda: 3)
    assert cache.invalidate(recipe_hash="r1") == 1
    assert cache.invalidate(annotation_key="a2") == 1
    assert len(cache) == 1
    assert cache.invalidate() == 1
    assert len(cache) == 0
