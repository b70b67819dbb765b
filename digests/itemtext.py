"""The text under a digest item's headline: key sentences that add to the headline, read any day.

Rules (tests/test_itemtext.py states each): an item has text whenever its article has any beyond
the headline (falling back to later sentences and paragraphs); no sentence the headline already
says (high character overlap, not only a substring); no credit or byline; relative time words made
absolute (digests.timewords) in the digest's zone; a running intraday figure shown with its time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests.boilerplate import clean_paragraphs
from digests.reading import clean_cut, tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize, stamp_running

# The zone of the news the bot carries; callers that know the reader's zone pass it.
NEWS_ZONE = ZoneInfo("Asia/Shanghai")
RESTATES = 0.7  # share of a sentence's character bigrams already in the headline
_FALLBACK_SENTENCES = 12  # how far into the body to look when the opening only repeats the headline
_PUNCT = re.compile(r"[\s\W_]+")


def _norm(text: str) -> str:
    """Letters, digits and CJK only, lower-cased: what overlap is measured on."""
    return _PUNCT.sub("", text).lower()


def clip_text(sentences: Sequence[str], max_chars: int) -> str:
    """Whole sentences up to ``max_chars``; a first sentence too long is cut at a clause with "…".

    Never inside a number, a Latin word or a bracketed name, never with a stray space.
    """
    out = ""
    for sentence in sentences:
        sentence = tidy_spaces(sentence)
        if len(out) + len(sentence) <= max_chars:
            out += sentence
        else:
            break
    if out or not sentences:
        return out
    return clean_cut(sentences[0], max_chars)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def _repeats_title(sentence: str, title: str) -> bool:
    """The sentence says nothing the headline does not: contained in it, or it in a sentence barely
    longer, or most of the sentence's character bigrams are the headline's (a reworded restatement)."""
    if not sentence or not title:
        return False
    if sentence in title or (title in sentence and len(sentence) <= len(title) + 8):
        return True
    own = _bigrams(sentence)
    return len(own & _bigrams(title)) >= RESTATES * len(own)


def _candidates(article: Article) -> list[str]:
    if article.summary:
        return list(article.summary)
    first = next((p for p in article.paragraphs if p.strip()), "")
    return ([article.lead] if article.lead else []) + split_text(first)[:3]


def _later_sentences(article: Article) -> list[str]:
    """The body's sentences in order (the fallback when the key sentences only repeat the headline)."""
    out: list[str] = []
    for paragraph in article.paragraphs:
        out.extend(split_text(paragraph))
        if len(out) >= _FALLBACK_SENTENCES:
            break
    return out[:_FALLBACK_SENTENCES]


def _is_furniture(sentence: str) -> bool:
    return not clean_paragraphs([sentence]).paragraphs


def key_text(
    article: Article, max_chars: int = 120, *, sentences: int | None = None, tz: ZoneInfo | None = None
) -> str:
    """The article's key sentences (``Article.summary``, else its opening), clipped; at most ``sentences``.

    Sentences that only repeat the headline are dropped (flash items often have a one-sentence body
    equal to their title); when nothing is left, later sentences of the body are used. Time words are
    made absolute for the article's publication day in ``tz`` (default :data:`NEWS_ZONE`).
    """
    title = _norm(article.title)

    def adds(sentence: str) -> bool:
        norm = _norm(sentence)
        return bool(norm) and not _repeats_title(norm, title) and not _is_furniture(sentence)

    kept = [s for s in _candidates(article) if adds(s)]
    if not kept:
        kept = [s for s in _later_sentences(article) if adds(s)]
    local = article.published.astimezone(tz or NEWS_ZONE)
    shown = [absolutize(s, local) for s in kept[:sentences]]
    if shown:
        shown[0] = stamp_running(shown[0], local)
    return clip_text(shown, max_chars)
