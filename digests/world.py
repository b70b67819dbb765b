"""Another country's news: which headlines are the world's, and when they reach a page here.

A morning briefing here carries another country's own affairs (a heatwave's toll, a lawsuit, a
company's plant there) only when they shake the world (``WORLD_SHAKING``) or its state acts; news
tied to China (外交部, 台湾, 驻…使馆) is home news.
"""

from __future__ import annotations

from digests import hanzi

__all__ = ["ABROAD", "CHINA_TIE", "FOREIGN", "FOREIGN_AFFAIRS", "STATE_ACT", "WORLD_SHAKING", "world_news"]

# Another country's own affairs (a heatwave's toll, a lawsuit, a crime, a company's plant there) with no
# tie to China: a morning briefing here carries them only when they shake the world (magnitude).
FOREIGN = hanzi.compile(
    r"韩国|朝鲜|日本|印度|泰国|越南|新加坡|马来西亚|印尼|菲律宾|澳大利亚|新西兰|加拿大|美国|美国会|英国|法国|德国|"
    r"意大利|西班牙|希腊|巴西|阿根廷|墨西哥|南非|土耳其|以色列|伊朗|沙特|巴基斯坦|特朗普|拜登|白宫|五角大楼|首尔|东京"
)
# Anywhere abroad, for a page that must carry the world: the list above and the rest of the map.
ABROAD = hanzi.compile(
    rf"{FOREIGN.pattern}|尼日尔|柬埔寨|缅甸|俄罗斯|俄军|乌克兰|乌军|欧盟|北约|非洲|中东|巴勒斯坦|叙利亚|阿富汗|伊拉克|"
    r"也门|苏丹|埃及|土耳其|秘鲁|智利|哥伦比亚|委内瑞拉|古巴|欧洲|外长|首相|总统"
)
CHINA_TIE = hanzi.compile(r"中国|中方|我国|华|外交部|商务部|台湾|台海|两岸|香港|澳门|国台办|涉台|驻[^，。]{1,8}使馆")
# ... unless its state acts: a law passed, a sanction, a decision announced (美国会众议院通过国防授权法案).
STATE_ACT = hanzi.compile(r"通过|签署|批准|否决|宣布|决定|制裁|加息|降息|出台|实施")
FOREIGN_AFFAIRS = -1.0
WORLD_SHAKING = 3.0  # magnitude at which another country's news is the world's (a coup, a rating cut, a rate move)


def world_news(title: str) -> bool:
    """Another country's news without a tie to China: the page's world section."""
    return bool(ABROAD.search(title)) and not CHINA_TIE.search(title)
