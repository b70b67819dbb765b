"""Chinese full-text tokens for SQLite FTS5: overlapping character bigrams.

Why not jieba words: a word index misses queries that cut across or inside
words (冀 inside 京津冀, 津冀, 新区 inside 雄安新区), and full recall is the point
of ``/latest``.  Instead every run of CJK characters is indexed as its
overlapping bigrams followed by its last character alone::

    京津冀协同 → 京津 津冀 冀协 协同 同

so that any substring of a run is found exactly:

* two characters: the bigram itself (``京津``);
* three or more: the phrase of its bigrams (``"京津" + "津冀"``);
* one character: the prefix query ``冀*`` (each occurrence starts a bigram or
  is the last character of its run).

Latin words and numbers (NFKC-normalised, lower-cased) are tokens of their own,
so ``A股`` becomes the phrase ``a + 股*`` and ``2021`` matches the number 2021.
The query side builds FTS5 syntax only from these quoted tokens, so user input
such as ``"``, ``*``, ``NEAR(`` or ``AND`` is always plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from digests.hanzi import fold

# Han ideographs (incl. extension A and compatibility), kana, hangul: scripts written without spaces.
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"([{_CJK_CHARS}]+)|((?:(?![{_CJK_CHARS}])[^\W_])+)")


def body_text(lead: str | None, paragraphs: Iterable[str]) -> str:
    """An article's body as indexed, matched and scored: its lead and paragraphs, one per line."""
    return "\n".join((lead or "", *paragraphs))


def runs(text: str) -> list[tuple[bool, str]]:
    """(is_cjk, run) pieces of NFKC-normalised, lower-cased, script-folded text: what the index sees.

    Folding (:func:`digests.hanzi.fold`) makes 臺積電 and 台积电 one text, character by character.

    digests.watching matches keyword watches on these same pieces, so a watch finds what /latest finds.
    """
    text = fold(unicodedata.normalize("NFKC", text).lower())
    pieces: list[tuple[bool, str]] = []
    for cjk, word in _TOKEN_RE.findall(text):
        if cjk:
            pieces.append((True, cjk))
        elif word:
            pieces.append((False, word))
    return pieces


def index_tokens(text: str) -> str:
    """Space-separated tokens to store in the FTS5 table for ``text``."""
    out: list[str] = []
    for cjk, run in runs(text):
        if cjk:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return " ".join(out)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression finding ``query`` as a substring, or None if it has no searchable text.

    Whitespace-separated parts of the query must all occur (AND), each as a phrase.
    """
    phrases = [p for p in (_phrase(part) for part in query.split()) if p]
    if not phrases:
        return None
    return " AND ".join(dict.fromkeys(phrases))


def excluding(expression: str, muted: Iterable[str]) -> str:
    """``expression`` without the rows that contain any of ``muted`` (each a query like ``/latest``'s)."""
    out = f"({expression})"
    for words in muted:
        other = match_expression(words)
        if other:
            out += f" NOT ({other})"
    return out


def _phrase(part: str) -> str | None:
    pieces = runs(part)
    tokens: list[str] = []
    for index, (cjk, run) in enumerate(pieces):
        followed = index + 1 < len(pieces)
        if not cjk:
            tokens.append(_quote(run))
            continue
        tokens.extend(_quote(run[i : i + 2]) for i in range(len(run) - 1))
        if followed:
            # Inside the query the run ends here, so in the text it ends here too.
            tokens.append(_quote(run[-1]))
        elif len(run) == 1:
            tokens.append(_quote(run) + " *")
    if not tokens:
        return None
    return tokens[0] if len(tokens) == 1 else " + ".join(tokens)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


_TYPICAL_BODY = 400  # characters; BM25-style length normalisation around a typical news item


def query_terms(query: str) -> list[str]:
    """The searchable runs of a query (normalised like the index), for scoring matched text."""
    return [run for part in query.split() for _, run in runs(part)]


def relevance(terms: list[str], title: str, body: str) -> float:
    """BM25-like score of lower-cased title and body text: saturating term counts, title weighted 4×.

    Unlike FTS5's bm25() it needs no corpus-wide statistics, which for a one-character query would
    mean reading the posting list of most of the corpus.
    """
    norm = 1.2 * (0.25 + 0.75 * len(body) / _TYPICAL_BODY)
    score = 0.0
    for term in terms:
        in_title, in_body = title.count(term), body.count(term)
        score += 4.0 * in_title / (in_title + 1.2) + in_body / (in_body + norm)
    return score
