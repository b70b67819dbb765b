"""What comes next: an item on a rule tells the day it takes effect, one on a bill its next vote.

A reader of 四部门发布对部分无人机实施出口管制公告 asks first when it applies; the reports give it late
(…列入出口管制范围。并指出本公告自2023年9月1日起正式实施。), after the lede an item shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.decks import added
from digests.itemtext import body_sentences
from digests.records import Article

__all__ = ["start_told"]

# The headline's subject is a rule: an announcement, measures, a notice, controls.
_RULE = hanzi.compile(r"公告|办法|规定|条例|措施|通知|管制|新规|细则|征求意见稿")
_STARTS = hanzi.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日起(?:正式)?(?:实施|施行|执行|生效)")
# 并指出本公告…: the sentence leaned on the one before; told alone it opens on the rule.
_LEAN = hanzi.compile(r"^(?:并指出|并明确|并规定|同时|此外|另外|并)[，,]?\s*(?:本)?")
_LONGEST = 48  # a start date told in a sentence of its own, not a paragraph that mentions one
_READ = 6  # reports read: bounded, however big the story
_SENTENCES = 20  # sentences of each report read


# A bill passed by one chamber, and its next step: 该法案将于本周晚些时候在参议院进行投票表决.
_VOTED = hanzi.compile(r"(?:法案|议案|草案)")
_NEXT_STEP = hanzi.compile(r"将于[^，。]{0,16}(?:投票|表决|审议|签署)")
_WHAT_COMES = ((_RULE, _STARTS), (_VOTED, _NEXT_STEP))


def start_told(text: str, title: str, reports: Sequence[Article], budget: int) -> str:
    """``text`` with when its rule takes effect (公告自2023年9月1日起正式实施。), or a bill's next step
    (该法案将于本周晚些时候在参议院进行投票表决。), when the headline is about one, the text does not
    tell it and a report of the story does in a short sentence of its own, within ``budget`` (in place
    of the text's last sentence when both will not fit); else ``text``."""
    for subject, comes in _WHAT_COMES:
        if not subject.search(title) or comes.search(text):
            continue
        for report in reports[:_READ]:
            for sentence in body_sentences(report, _SENTENCES):
                sentence = _LEAN.sub("", sentence.strip())
                if comes.search(sentence) and sentence.endswith("。") and len(sentence) <= _LONGEST:
                    return added(text, sentence, budget)
    return text
