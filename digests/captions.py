"""Which report an item's text is told from: a photo gallery tells its event in captions.

A gallery's body is the caption under each photo, one scene's caption repeated under every photo of
it (八一飞行表演队换装歼10C后首次在国内公开亮相表演。 three times), then a line per shot (动力伞表演。);
read as a lede it strings captions together. Its headline may still be the best (it names the first),
but the text comes from a report told in prose.
"""

from __future__ import annotations

from collections.abc import Sequence

from digests.decks import added, char_pairs
from digests.headlines import headline_quality, presentable, says_more
from digests.itemtext import body_sentences
from digests.reading import leans_on_previous, tidy_spaces
from digests.records import Article
from digests.similarity import normalized

__all__ = ["gallery_deck", "in_captions", "text_report"]

_CAPTION_MIN = 8  # a repeated line this long is a caption under several photos, not a refrain (是的。)
_READ = 20  # sentences read: a gallery repeats itself at its start


def in_captions(report: Article) -> bool:
    """The report's body repeats one of its sentences word for word: a photo gallery's captions."""
    seen: set[str] = set()
    for sentence in body_sentences(report, _READ):
        line = sentence.strip()
        if len(line) >= _CAPTION_MIN and line in seen:
            return True
        seen.add(line)
    return False


def text_report(lead: Article, rep: Article, members: Sequence[Article] = ()) -> Article:
    """The report an item's text is told from, given the one its headline is taken from (``lead``)
    and the story's representative: the headline's report when its headline says more than the
    representative's (it names the event's first) or the representative's was cut short, with its
    body's start garbled too; but never a gallery's captions when one of the story's ``members``
    (the representative first) tells in prose."""
    chosen = rep
    if lead is not rep:
        worse = headline_quality(presentable(rep.title)) < headline_quality(presentable(lead.title))
        chosen = lead if says_more(lead, rep) or worse else rep
    if not in_captions(chosen):
        return chosen
    return next((a for a in (rep, *members) if not in_captions(a)), chosen)


_DECK_TOLD = 0.6  # share of a deck's character pairs a sentence holds to tell it


def gallery_deck(text: str, title: str, headed_by: Article, told_by: Article, budget: int) -> str:
    """``text``, told from another report than the gallery ``headed_by`` whose headline it shows, with
    the gallery's sentence telling the headline's last deck (八一飞行表演队换装歼10C首次国内公开亮相:
    中国人民解放军空军八一飞行表演队换装歼10C后首次在国内公开亮相表演。) when the text does not tell
    it: a headline's news is never left untold; within ``budget``, else ``text``."""
    decks = title.split()
    if headed_by is told_by or len(decks) < 2 or not in_captions(headed_by):
        return text
    deck = char_pairs(normalized(decks[-1]))
    if len(deck & char_pairs(normalized(text))) >= _DECK_TOLD * len(deck):
        return text
    for sentence in dict.fromkeys(body_sentences(headed_by, _READ)):  # each caption once
        sentence = tidy_spaces(sentence)
        shared = deck & char_pairs(normalized(sentence))
        if sentence.endswith("。") and not leans_on_previous(sentence) and len(shared) >= _DECK_TOLD * len(deck):
            return added(text, sentence, budget)
    return text
