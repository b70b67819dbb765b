"""A headline claims only what its item tells: no deck the text says nothing of, a superlative
qualified as the text qualifies it, and a superlative shouted ahead of the news put after it.
"""

from __future__ import annotations

from digests import hanzi
from digests.overlap import bigram_set

__all__ = ["CLAIM_FIRST", "claim_qualified", "decks_told", "event_first"]

# 华尔街最高！大摩上调苹果目标价至200美元: a claim about the news, shouted ahead of it.
_SUPERLATIVE = r"[^！!\s，,：:]{2,6}(?:最高|最大|最低|最多|第一|新高|新低)"
CLAIM_FIRST = hanzi.compile(rf"^(?P<claim>{_SUPERLATIVE})[！!]\s*(?P<news>\S.{{9,}})$")
_CLAIM = hanzi.compile(rf"^{_SUPERLATIVE}$")

_HAN = hanzi.compile(r"[\u4e00-\u9fff]")
# 并列华尔街最高: how the text qualifies a superlative the headline states bare.
_QUALIFIER = ("并列", "接近", "仅次于", "逼近")


def claim_qualified(title: str, text: str) -> str:
    """``title`` with a closing superlative deck (…200美元 华尔街最高) qualified as its text qualifies it
    (…和韦德布什给出的目标价并列华尔街最高 → 并列华尔街最高): the headline claims no more than the text."""
    head, _, deck = title.rpartition(" ")
    if not head or not _CLAIM.match(deck):
        return title
    qualifier = next((q for q in _QUALIFIER if f"{q}{deck}" in text), "")
    return f"{head} {qualifier}{deck}" if qualifier else title


def decks_told(title: str, text: str) -> str:
    """``title`` without a later deck its text says nothing of, not one pair of characters (大摩上调苹果目标价
    至200美元 VR和自动驾驶将发力 over a text of the target alone): a headline claims nothing the item
    leaves unsaid."""
    decks = title.split()
    told = bigram_set(text)
    kept = [d for d in decks[1:] if len(_HAN.findall(d)) < 4 or bigram_set(d) & told]  # a deck of words, not markup
    return " ".join([decks[0], *kept]) if decks and text and len(kept) < len(decks) - 1 else title


# 美国财政部：惠誉下调评级的影响有限: a speaker's reassurance about an event, the event inside it.
_REASSURED = hanzi.compile(
    r"^(?P<who>[^：:\s]{2,12})[：:](?P<event>[^，,。：:\s]{4,20})的影响(?P<how>有限|不大|可控|较小)$"
)


def event_first(title: str, text: str) -> str:
    """A reassurance headline headed by the event it is about when the text opens on that event
    (惠誉下调评级 美国财政部称影响有限 over 惠誉在1日…下调一档，至AA+。…): the news, then the reaction."""
    reassured = _REASSURED.match(title.strip())
    if reassured is None:
        return title
    event, opening = reassured.group("event"), text.split("。", 1)[0]
    if len(bigram_set(event) & bigram_set(opening)) < len(bigram_set(event)) // 2:
        return title  # the text opens on the reaction: so does the headline
    # 惠誉下调评级: whose rating, as the text's opening names it (将美国主权信用评级下调…)
    rated, whose = _RATING.match(event), _WHOSE.search(opening)
    if rated is not None and whose is not None:
        event = f"{rated.group('act')}{whose.group('whose')}评级"
    return f"{event} {reassured.group('who')}称影响{reassured.group('how')}"


_RATING = hanzi.compile(r"^(?P<act>.{2,8}(?:下调|上调|调降|调升))评级$")
_WHOSE = hanzi.compile(r"将(?P<whose>[\u4e00-\u9fff]{2,6}?)(?:主权)?(?:信用)?评级")
