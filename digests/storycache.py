"""The stories of recent windows, kept so that a day is grouped once, not once per request.

Grouping a busy day (digests/grouping.py) is the expensive part of a digest; ranking and
rendering its stories are cheap.  An interactive ``/digest``, each chat's scheduled digest (with
its own mute words) and the CLI ask for the same window's stories, so they are computed once per
set of articles and reused until an article of the window is added or changed.  The bot warms
the cache after each ingest, off the event loop, so a reader's ``/digest`` finds it ready.

Thread-safe: compositions run in worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from digests.grouping import Grouping, GroupingParams, Story, group
from digests.records import Article


def window_key(articles: Sequence[Article]) -> tuple[int, int]:
    """Identity of a window's content: an article added, removed or edited in place changes it."""
    return len(articles), hash(tuple((a.id, a.published, a.title, a.paragraphs, a.outlet) for a in articles))


class StoryCache:
    def __init__(self, max_windows: int = 32) -> None:
        self.max_windows = max_windows
        self._entries: OrderedDict[tuple[int, int], Grouping] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def stories(self, window: Sequence[Article], params: GroupingParams | None = None) -> list[Story]:
        return self.grouping(window, params).stories

    def grouping(self, window: Sequence[Article], params: GroupingParams | None = None) -> Grouping:
        """The stories and topics of ``window`` (articles ordered by time and id), grouped at most once."""
        key = window_key(window)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
        result = group(window, params)  # outside the lock: other windows go on meanwhile
        with self._lock:
            self.misses += 1
            self._entries[key] = result
            while len(self._entries) > self.max_windows:
                self._entries.popitem(last=False)
        return result
