"""Which report an item's text is told from: a photo gallery tells its event in captions.

A gallery's body is the caption under each photo, one scene's caption repeated under every photo of
it (八一飞行表演队换装歼10C后首次在国内公开亮相表演。 three times), then a line per shot (动力伞表演。);
read as a lede it strings captions together. Its headline may still be the best (it names the first),
but the text comes from a report told in prose.
"""

from __future__ import annotations

from digests.headlines import headline_quality, presentable, says_more
from digests.itemtext import body_sentences
from digests.records import Article

__all__ = ["in_captions", "text_report"]

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


def text_report(lead: Article, rep: Article) -> Article:
    """The report an item's text is told from, given the one its headline is taken from (``lead``)
    and the story's representative: the headline's report when its headline says more than the
    representative's (it names the event's first) or the representative's was cut short, with its
    body's start garbled too; but not a gallery's captions when the representative tells in prose."""
    if lead is rep:
        return rep
    worse = headline_quality(presentable(rep.title)) < headline_quality(presentable(lead.title))
    if not (says_more(lead, rep) or worse):
        return rep
    return rep if in_captions(lead) and not in_captions(rep) else lead
