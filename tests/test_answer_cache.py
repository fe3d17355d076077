"""The answer cache: bounded by count and by bytes, least recently used out, one entry per
configuration however its query is spelled."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.web import api
from app.web.answer_cache import AnswerCache, CachedAnswer


def _answer(size: int) -> CachedAnswer:
    """An answer of exactly ``size`` bytes, ETag included."""
    return CachedAnswer(b"x" * (size - 2), '""')


def test_count_bound_evicts_the_least_recently_used() -> None:
    cache = AnswerCache(max_entries=2, max_bytes=1000, max_entry_bytes=100)
    cache.put(("frames", "a"), _answer(10))
    cache.put(("frames", "b"), _answer(10))
    assert cache.get(("frames", "a")) is not None  # a is now the most recently used
    cache.put(("frames", "c"), _answer(10))
    assert ("frames", "a") in cache
    assert ("frames", "b") not in cache
    assert ("frames", "c") in cache
    assert (len(cache), cache.total_bytes) == (2, 20)


def test_byte_bound_evicts_until_the_total_fits() -> None:
    cache = AnswerCache(max_entries=100, max_bytes=100, max_entry_bytes=60)
    for name in "abc":
        cache.put(("frames", name), _answer(40))
    assert [key in cache for key in (("frames", "a"), ("frames", "b"), ("frames", "c"))] == [
        False,
        True,
        True,
    ]
    assert cache.total_bytes == 80
    cache.put(("frames", "d"), _answer(60))
    assert ("frames", "b") not in cache
    assert (len(cache), cache.total_bytes) == (2, 100)


def test_an_answer_over_the_entry_bound_is_not_kept() -> None:
    cache = AnswerCache(max_entries=10, max_bytes=100, max_entry_bytes=50)
    cache.put(("frames", "small"), _answer(50))
    cache.put(("frames", "big"), _answer(51))
    assert ("frames", "big") not in cache
    assert ("frames", "small") in cache
    assert cache.total_bytes == 50


def test_replacing_an_entry_counts_its_bytes_once() -> None:
    cache = AnswerCache(max_entries=10, max_bytes=100, max_entry_bytes=100)
    cache.put(("ranges", "a"), _answer(30))
    cache.put(("ranges", "a"), _answer(20))
    assert (len(cache), cache.total_bytes) == (1, 20)


def test_bounds_must_make_sense() -> None:
    with pytest.raises(ValueError):
        AnswerCache(max_entries=10, max_bytes=10, max_entry_bytes=20)


def test_app_cache_is_bounded() -> None:
    assert api.ANSWERS.max_bytes <= 64 * 1024 * 1024
    assert api.ANSWERS.max_entry_bytes <= 8 * 1024 * 1024


@pytest.mark.parametrize("endpoint", ["arithmetic", "frames", "ranges", "scatter"])
def test_two_spellings_share_one_entry(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, endpoint: str
) -> None:
    cache = AnswerCache(max_entries=10, max_bytes=1 << 24, max_entry_bytes=1 << 23)
    monkeypatch.setattr(api, "ANSWERS", cache)
    short = client.get(f"/api/{endpoint}", params={"op": "transpose", "i": "3", "s": "2"})
    spelled = client.get(
        f"/api/{endpoint}",
        params={"op": "transpose", "i": "3,3", "k": "3,3", "s": "2, 2", "p": "0", "a": "0"},
    )
    assert short.status_code == spelled.status_code == 200
    assert len(cache) == 1
    assert (endpoint, "op=transpose&i=3&k=3&s=2&p=0") in cache
    assert spelled.content == short.content
    assert spelled.headers["etag"] == short.headers["etag"]


def test_a_rejected_configuration_is_not_kept(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnswerCache(max_entries=10, max_bytes=1 << 24, max_entry_bytes=1 << 23)
    monkeypatch.setattr(api, "ANSWERS", cache)
    assert client.get("/api/scatter", params={"op": "conv"}).status_code == 422
    assert len(cache) == 0
