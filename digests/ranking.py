"""How much a story matters to a reader: the parts of a digest item's score.

Parts (``newsbot digest --explain`` prints them):

* ``outlets`` – cross-source agreement: 3 points per doubling of the outlets that
  carry the story.  It outweighs every other part together, so a story two
  outlets carried always ranks above one that only one outlet carried;
* ``wire`` – a wire service or an official source published it (1), or the
  headline names an official body as the actor (0.5);
* ``market`` – market-moving facts: rates, FX, indices, flows, commodities,
  macro data, policy documents (1 in the headline, 0.4 in the text only);
* ``recency`` – up to 0.5 for the end of the window;
* ``headline`` – 0.2 for a usable headline (6–40 characters).

Length earns nothing: a long company release is not more important than a
two-line rate flash.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from digests.grouping import Story
from digests.records import Article

__all__ = ["score_parts"]

W_OUTLETS = 3.0
W_RECENCY = 0.5

_WIRE = re.compile(
    r"^(?:新华社|新华网|新华视点|中新社|中新网|中国新闻网|央视|央视新闻|央视财经|CCTV|人民日报|人民网|中国政府网|"
    r"国务院|中国人民银行|人民银行|央行|证监会|银保监会|国家发改委|发改委|发改委网站|财政部|商务部|国家统计局|统计局|"
    r"外汇局|国家外汇管理局|上交所|深交所|北交所|港交所|路透社?|彭博社?|美联社|法新社|Reuters|Bloomberg|AP|AFP)"
)
_OFFICIAL_ACTOR = re.compile(
    r"国务院|央行|人民银行|证监会|银保监会|发改委|财政部|商务部|统计局|外汇局|工信部|交通运输部|农业农村部|国家能源局|"
    r"国资委|海关总署|美联储|欧洲央行|国会|白宫|政治局|常务会议|四部门|多部门|联合印发"
)
_MARKET = re.compile(
    r"人民币|汇率|美元指数|利率|收益率|LPR|MLF|逆回购|降准|降息|加息|缩表|美联储|国债|债务上限|"
    r"上证|深证|沪指|深成指|创业板指|科创50|沪深300|恒指|恒生指数|道指|纳指|标普|A股|港股|美股|"
    r"北向资金|南向资金|北上资金|两市成交|原油|WTI|布伦特|黄金|铜价|CPI|PPI|GDP|PMI|社融|M2|非农|通胀|"
    # Policy: a named document or its issuing, not the bare words (a company's "规划项目" is no policy).
    r"十四五|印发|出台|《[^》]*(?:规划|方案|意见|条例|办法|通知|决定)》|常务会议|国常会|政治局会议"
)


def _wire(story: Story, rep: Article) -> float:
    if any(a.outlet and _WIRE.match(a.outlet.strip()) for a in story.articles):
        return 1.0
    return 0.5 if _OFFICIAL_ACTOR.search(rep.title) else 0.0


def _market(rep: Article) -> float:
    if _MARKET.search(rep.title):
        return 1.0
    head = "".join(rep.paragraphs)[:200]
    return 0.4 if _MARKET.search(head) else 0.0


def score_parts(story: Story, rep: Article, since: datetime, until: datetime) -> tuple[tuple[str, float], ...]:
    """The named parts of a story's score (their sum is the score)."""
    outlets = max(1, len(story.outlets))
    span = (until - since).total_seconds() or 1.0
    recency = min(1.0, max(0.0, (rep.published - since).total_seconds() / span))
    n = len(rep.title.strip())
    return (
        ("outlets", round(W_OUTLETS * math.log2(outlets), 3)),
        ("wire", _wire(story, rep)),
        ("market", _market(rep)),
        ("recency", round(W_RECENCY * recency, 3)),
        ("headline", 0.2 if 6 <= n <= 40 else 0.0),
    )
