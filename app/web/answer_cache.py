"""A bounded LRU of serialized answers, keyed on (endpoint, canonical query[, language]).

An answer is a pure function of its configuration, and a classroom asks for the same few
configurations over and over (one shared link, sliders dragged over the same values), so the
bytes of a JSON answer and its ETag are kept rather than recomputed. The cache is bounded by
entry count and by total bytes, and skips an answer too large to be worth a slot, so memory
stays bounded whatever the requests.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class CachedAnswer:
    """What a Response is built from: the body's bytes and its strong ETag."""

    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + len(self.etag)


# (endpoint, canonical query), and the language of an answer that has sentences.
Key = tuple[str, ...]


class AnswerCache:
    """Least recently used first out, once there are ``max_entries`` answers or their bytes
    pass ``max_bytes``; an answer over ``max_entry_bytes`` is not kept at all."""

    def __init__(self, max_entries: int, max_bytes: int, max_entry_bytes: int) -> None:
        if not 0 < max_entry_bytes <= max_bytes or max_entries < 1:
            raise ValueError("need 0 < max_entry_bytes <= max_bytes and max_entries >= 1")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._entries: OrderedDict[Key, CachedAnswer] = OrderedDict()
        self._bytes = 0
        # Sync endpoints run in a thread pool: a get's move_to_end must not race a put's eviction.
        self._lock = threading.Lock()

    def get(self, key: Key) -> CachedAnswer | None:
        with self._lock:
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def put(self, key: Key, answer: CachedAnswer) -> None:
        if answer.size > self.max_entry_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = answer
            self._bytes += answer.size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Key) -> bool:
        return key in self._entries

    @property
    def total_bytes(self) -> int:
        return self._bytes
