"""Keyword watches and mute words: which of many word lists occur in an article, in one pass.

A watch (or mute word) is what a reader types after ``/watch``: plain text, and several
words separated by spaces must all occur — the same matching as ``/latest``
(:mod:`digests.fts`).  To match 100,000 watches against a batch of new articles without a
query per watch per article, every watch becomes a few *patterns* over a canonical form of
the text, and one Aho-Corasick automaton (pyahocorasick) finds all patterns of all watches
in a single scan of each article.

Canonical text: the index's runs (NFKC, lower-cased; CJK runs and Latin/number words,
punctuation dropped), each framed by ``SEP``; title and body are separated by ``FIELD`` so
that, as in the FTS index, a phrase never spans them::

    "A股大涨，京津冀" → "␟a␟股大涨␟京津冀␟"

A query part maps to a pattern with the same meaning as its FTS phrase: a CJK run alone
matches anywhere inside a run (``京津`` in ``京津冀``); a Latin word is a whole word
(``␟a␟``); pieces that follow each other in the query meet at a run boundary
(``a股`` → ``␟a␟股``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from digests.fts import body_text, runs
from digests.records import Article

SEP = "\x1f"
FIELD = "\x1e"
MAX_WORDS_CHARS = 40  # a watch longer than this is a mistake (a pasted paragraph), not a keyword

K = TypeVar("K", bound=Hashable)


def canonical(text: str) -> str:
    """The text as the matcher sees it: index runs framed by SEP."""
    pieces = [run for _, run in runs(text)]
    return SEP + SEP.join(pieces) + SEP if pieces else SEP


def article_text(article: Article) -> str:
    """Title and body (lead + paragraphs, as indexed), canonical, kept apart by FIELD."""
    return canonical(article.title) + FIELD + canonical(body_text(article.lead, article.paragraphs))


def patterns(words: str) -> tuple[str, ...]:
    """One pattern per whitespace-separated part with searchable text (empty: nothing to match)."""
    found = (_pattern(part) for part in words.split())
    return tuple(dict.fromkeys(p for p in found if p))


def _pattern(part: str) -> str | None:
    pieces = runs(part)
    if not pieces:
        return None
    body = SEP.join(run for _, run in pieces)
    # A piece that the query puts next to another one meets it at a run boundary; a Latin
    # word is always whole. Only a lone CJK run (or the open end of one) may sit inside a run.
    first_cjk, last_cjk = pieces[0][0], pieces[-1][0]
    left = "" if first_cjk else SEP
    right = "" if last_cjk else SEP
    return left + body + right


def normalize_words(raw: str) -> str:
    """A watch's identity: its runs per part, so ``京津冀``, ``京津冀 `` and ``"京津冀"`` are one watch."""
    return " ".join(" ".join(run for _, run in runs(part)) for part in raw.split() if runs(part))


@dataclass(frozen=True)
class WordsProblem:
    """Why a watch or mute word cannot be used: "empty" (no searchable text) or "too_long"."""

    reason: str
    limit: int = MAX_WORDS_CHARS


def check_words(raw: str) -> WordsProblem | None:
    """None if ``raw`` can be watched or muted."""
    if len(" ".join(raw.split())) > MAX_WORDS_CHARS:
        return WordsProblem("too_long")
    if not patterns(raw):
        return WordsProblem("empty")
    return None


# Single characters too common to mean anything as a keyword: 的 is in every article, as a Latin
# letter or digit on its own (a, 1) is in most (A股, 1月).
_COMMON_CHARS = frozenset("的一是在不了有和与及为中这也上对等将于就都而被把之年月日人个")
BROAD_SHARE = 0.5  # a watch matching half of the recent articles alerts on nearly all of them
BROAD_SAMPLE = 200  # recent articles looked at; fewer than BROAD_MIN_SAMPLE say nothing
BROAD_MIN_SAMPLE = 20


@dataclass(frozen=True)
class Broad:
    """Words that match nearly everything: ``hits`` of the ``sample`` newest articles (0/0 when
    judged by the words alone, for a store too small to tell)."""

    hits: int = 0
    sample: int = 0


def too_broad(raw: str, recent: Sequence[Article]) -> Broad | None:
    """Broad if at least :data:`BROAD_SHARE` of ``recent`` match (when there are enough of them to
    judge), or if every part is one common character or a lone Latin letter or digit."""
    if len(recent) >= BROAD_MIN_SAMPLE:
        matcher = Matcher([(0, raw)])
        hits = sum(1 for article in recent if matcher.matches_article(article))
        if hits >= BROAD_SHARE * len(recent):
            return Broad(hits, len(recent))
    parts = [normalize_words(part) for part in raw.split()]
    parts = [p for p in parts if p]
    if parts and all(len(p) == 1 and (p in _COMMON_CHARS or p.isascii()) for p in parts):
        return Broad()
    return None


class Matcher(Generic[K]):
    """Many word lists, one automaton: ``matches(text)`` gives the keys whose words all occur.

    Cost per text is one scan plus the pattern occurrences found, whatever the number of
    watches; building is linear in their total length.
    """

    def __init__(self, entries: Iterable[tuple[K, str]]) -> None:
        self._keys: list[K] = []
        self._needed: list[int] = []  # distinct patterns each entry needs
        self._users: list[list[int]] = []  # pattern id → entries that use it
        ids: dict[str, int] = {}
        for key, words in entries:
            wanted = patterns(words)
            if not wanted:
                continue  # nothing searchable: checked when the watch is added
            entry = len(self._keys)
            self._keys.append(key)
            self._needed.append(len(wanted))
            for pattern in wanted:
                pid = ids.setdefault(pattern, len(ids))
                if pid == len(self._users):
                    self._users.append([])
                self._users[pid].append(entry)
        self._automaton: ahocorasick.Automaton | None = None
        if ids:
            automaton = ahocorasick.Automaton()
            for pattern, pid in ids.items():
                automaton.add_word(pattern, pid)
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return len(self._keys)

    def matches(self, text: str) -> list[K]:
        """Keys of the entries whose every pattern occurs in canonical ``text``."""
        if self._automaton is None:
            return []
        found = {pid for _, pid in self._automaton.iter(text)}
        counts: dict[int, int] = {}
        for pid in found:
            for entry in self._users[pid]:
                counts[entry] = counts.get(entry, 0) + 1
        return [self._keys[e] for e, n in counts.items() if n == self._needed[e]]

    def matches_article(self, article: Article) -> list[K]:
        return self.matches(article_text(article))


def mute_filter(muted: Sequence[str]) -> Callable[[Article], bool] | None:
    """A predicate true for articles containing any of ``muted`` (None when nothing is muted)."""
    if not muted:
        return None
    matcher = Matcher((m, m) for m in muted)
    return lambda article: bool(matcher.matches_article(article))


def naive_matches(entries: Sequence[tuple[K, Sequence[str]]], text: str) -> list[K]:
    """The loop the matcher replaces (every watch's patterns tested against the text): benchmarks, tests."""
    return [key for key, wanted in entries if wanted and all(p in text for p in wanted)]
