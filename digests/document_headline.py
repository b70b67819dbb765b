"""A document's headline by what it rules: 国办转发国家发改委恢复和扩大消费措施：各地区不得新增汽车限购措施
over the bare title 国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知.

A headline that is only an official document's title names the paper, not the news. An editor keeps
who issued it and what it is about, in the short forms readers know, and adds the rule that bites:
what the text says the document forbids.
"""

from __future__ import annotations

from digests import hanzi

__all__ = ["document_headline"]

# 国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知: the issuer, what it does with the paper,
# and the paper's title; a headline with a deck or a figure already tells more than a title.
_TITLE_ONLY = hanzi.compile(
    r"^[\u4e00-\u9fff]{2,40}?关于(?P<about>[\u4e00-\u9fff]{2,30}?)的(?P<kind>通知|意见|决定|措施|方案|办法|规定|指导意见)$"
)
_SHORT_NAMES = (
    ("国务院办公厅", "国办"),
    ("中共中央办公厅", "中办"),
    ("国家发展和改革委员会", "国家发改委"),
    ("国家发展改革委", "国家发改委"),
)
# 各地区不得新增汽车限购措施: a clause of the text that says what the document forbids
_FORBIDS = hanzi.compile(r"(?<=[。；，,：:])[^。；，,：:]{2,12}(?:不得|禁止|严禁)[^。；，,：:]{2,12}(?=[。；，,])")
HEADLINE_MAX = 34  # characters: longer, the reader no longer takes it in at a glance


def _short(name: str) -> str:
    for full, short in _SHORT_NAMES:
        name = name.replace(full, short)
    return name


def document_headline(title: str, text: str) -> str:
    """The headline of an item whose headline is only a document's title, told as its issuer, its
    subject and what its text says it forbids (国办转发国家发改委恢复和扩大消费措施：各地区不得新增汽车
    限购措施); "" when the headline is not a bare title, the text names nothing forbidden or the whole
    will not fit :data:`HEADLINE_MAX`."""
    paper = _TITLE_ONLY.match(title.strip())
    forbids = _FORBIDS.search("。" + text)
    if paper is None or forbids is None:
        return ""
    # 关于恢复和扩大消费措施的通知 is the measures; 关于…的意见 is an opinion on its subject
    about = paper.group("about")
    subject = about if about.endswith(("措施", "方案", "办法", "规定", "意见")) else f"{about}的{paper.group('kind')}"
    issuer = _short(title.strip()[: paper.start("about") - len("关于")])
    headline = f"{issuer}{subject}：{forbids.group()}"
    return headline if len(headline) <= HEADLINE_MAX else ""
