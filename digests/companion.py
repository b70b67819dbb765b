"""A rule's companion: the second document issued with it the same day, told in one short sentence.

A report of 四部门发布对部分无人机实施出口管制公告 goes on: 而同日出台的《关于对无人机相关物项实施出口管制
的公告》指出，满足以下特性的物项，未经许可，不得出口，其中包括“最大持续功率超过16千瓦（kW）的专门用于特定
无人驾驶航空飞行器或无人驾驶飞艇的航空发动机”，…以及“民用反无人机系统”。 A reader of the item needs to
know the second rule exists and what it bars; the item tells it with each quoted item cut to the thing it
names (航空发动机、载荷、…) and the technical qualifiers said once as 满足特定指标的."""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.decks import added
from digests.owed import RULE, said_in
from digests.records import Article

__all__ = ["companion_told"]

# 而同日出台的《…》指出，…: the same day's second document, opening its sentence
_COMPANION = hanzi.compile(
    r"^(?:而|另外|此外|同时)?[，,]?同[日天](?:还)?(?:出台|发布|印发|公布|下发)的(?P<doc>《[^》]{4,60}》)"
)
# “…的航空发动机”: a quoted item and the thing it names, after its last 的 (and before what it includes)
_ITEM = hanzi.compile(r"“(?P<item>[^“”]{1,120})”")
_INCLUDES = hanzi.compile(r"[，,](?:包括|含|如)")
# …满足以下特性的物项，未经许可，不得出口，其中包括…: what the companion bars
_BARRED = hanzi.compile(r"未经许可[，,]?不得出口")
_HEAD_LONGEST = 12  # a head longer than this is a description, not a thing named
_LONGEST = 90  # cut to its heads, the sentence is a line, not a paragraph
_ALLOWANCE = 80  # characters a companion may run past the item's room


def _head(item: str) -> str:
    named = _INCLUDES.split(item, maxsplit=1)[0]
    head = named.rsplit("的", 1)[-1]
    return head if 0 < len(head) <= _HEAD_LONGEST else ""


def _cut(doc: str, sentence: str) -> str:
    """The companion ``doc`` and the items ``sentence`` says it bars from export without a licence, each
    as its head, the qualifiers cut from them said once (“…的航空发动机”，“…的载荷，包括…” → 同日出台的《…》
    规定，满足特定指标的航空发动机、载荷…等物项未经许可不得出口。: not every engine is barred); "" when the
    sentence is not such a list or an item has no short head."""
    heads = [_head(m.group("item")) for m in _ITEM.finditer(sentence)]
    if not heads or not all(heads) or not _BARRED.search(sentence):
        return ""
    listed = "、".join(heads[:-1]) + ("以及" if len(heads) > 1 else "") + heads[-1]
    return f"同日出台的{doc}规定，满足特定指标的{listed}等物项未经许可不得出口。"


def companion_told(text: str, title: str, reports: Sequence[Article], budget: int) -> str:
    """``text`` with the sentence telling the rule's same-day companion document and what it bars
    (同日出台的《关于对无人机相关物项实施出口管制的公告》规定，满足特定指标的航空发动机、载荷…等物项未经许可不得
    出口。), when a report of the story gives one and the text names no companion; within ``budget`` and
    an allowance, in place of the text's last sentence when both will not fit."""
    if not RULE.search(title) or "同日" in text:
        return text
    for _, sentence in said_in(reports):
        found = _COMPANION.match(sentence.strip())
        if found is None or found.group("doc") in text or not sentence.endswith("。"):
            continue
        told = _cut(found.group("doc"), sentence.strip())
        if told and len(told) <= _LONGEST:
            # a second rule is news of its own: told even past the item's usual room, as its own line
            return added(text, told, budget + _ALLOWANCE)
    return text
