"""A document's release and what it decides told as one sentence when the headline names the document.

31日，四部门发布关于对部分无人机实施出口管制的公告。公告决定对特定无人驾驶航空飞行器实施临时出口管制。
under 四部门发布对部分无人机实施出口管制公告: the first sentence says the headline again and adds only
who; a sub-editor keeps who and when and goes on to what the document decides (…发布公告，决定…).
"""

from __future__ import annotations

from digests import hanzi
from digests.overlap import bigram_set

__all__ = ["release_joined"]

_KIND = r"公告|通知|通告|意见|办法|方案|规定|措施"
_ISSUED = hanzi.compile(
    rf"^(?P<lead>[^。]{{2,80}}?(?:发布|印发|公布|出台|发出))了?(?:关于)?(?P<what>[^，。]{{4,40}}?)的?(?P<kind>{_KIND})。"
)
# 公告决定…, 《通知》要求…: the next sentence goes on with what the document says.
_SAYS = hanzi.compile(rf"^《?(?P<kind>{_KIND})》?(?=决定|明确|规定|要求|提出|指出|称)")
_NAMED = 0.6  # share of the document's name's character pairs the headline carries


def release_joined(title: str, text: str) -> str:
    """``text`` with an opening that only releases the document its headline names (…发布关于X的公告。)
    joined to the next sentence's account of it (公告决定… → …发布公告，决定…); else ``text``."""
    issued = _ISSUED.match(text)
    if issued is None:
        return text
    rest = text[issued.end() :]
    says = _SAYS.match(rest)
    if says is None or says.group("kind") != issued.group("kind"):
        return text
    what = bigram_set(issued.group("what"))
    if not what or len(what & bigram_set(title)) < _NAMED * len(what):
        return text  # the headline does not name the document: its name is news
    return f"{issued.group('lead')}{issued.group('kind')}，{rest[says.end() :]}"
