"""A two-deck headline's second deck told in the item's text.

A headline of two decks (惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的) makes two
promises: the background the first deck names and the news the second one brings. When the text
tells only the background and never names who the second deck is about, the reader gets the
headline and nothing behind it: the report's first sentence naming that actor is told too.
"""

from __future__ import annotations

from digests import hanzi
from digests.reading import leans_on_previous, tidy_spaces
from digests.records import Article
from digests.sentences import split_text

__all__ = ["second_deck"]

_DECKS = hanzi.compile(r"\s+")
_ACTOR = hanzi.compile(r"^[\u4e00-\u9fff]{2}")
_SENTENCES_READ = 30  # how far into the body the deck's actor is looked for: bounded, however long the report


def second_deck(text: str, title: str, article: Article, budget: int) -> str:
    """``text`` with the first sentence of ``article`` that names the actor of the headline's last deck,
    when the text does not name it and the sentence stands alone within ``budget``; else ``text``."""
    decks = [d for d in _DECKS.split(title.strip()) if d]
    actor = _ACTOR.match(decks[-1]) if len(decks) >= 2 else None
    if actor is None or actor.group() in text or actor.group() in decks[0]:
        return text
    said = [*article.summary, *(s for p in article.paragraphs for s in split_text(p))][:_SENTENCES_READ]
    for sentence in said:
        sentence = tidy_spaces(sentence)
        if sentence.startswith(actor.group()) and sentence.endswith("。") and not leans_on_previous(sentence):
            return text + sentence if len(text) + len(sentence) <= budget else text
    return text
