"""Furniture anywhere in a paragraph: photo credits and captions, repost and rights notices, share
prompts, advert boxes — cut wherever they stand (digests.boilerplate applies them first).

All patterns are bounded ({m,n}) so a hostile line costs linear time.
"""

from __future__ import annotations

from digests import hanzi

CJK = r"\u4e00-\u9fff"
SPACE = r"[ \t\u00a0\u3000]"  # spaces as the stream has them (NBSP and ideographic spaces too)
_CJK, _SP = CJK, SPACE


INLINE_FURNITURE = [
    # First, so that what it stood between reads as adjacent sentences to the rules after it:
    # A page's advert box between two sentences: 广告 上万元一颗的种植牙时代过去了！… ×
    hanzi.compile(rf"广告{_SP}+[^×]{{1,80}}?×"),
    # A file photo's caption ahead of the dateline: 美国前总统特朗普（资料图）海外网7月31日电 …
    hanzi.compile(r"^[^。！？，,\s]{2,24}?[（(](?:资料图|资料图片|图)[）)]"),
    # (本文所有图片，全部来自网络，…如侵犯您的权利，请联系本号作者删除。…）
    hanzi.compile(r"[（(]\s*本文(?:所有|中的?)?图片[^（）()]{0,120}[）)]"),
    hanzi.compile(
        r"[^。！？\s（）()]{0,30}如(?:有|涉及|涉)侵权[，,]?\s*请?(?:联系|通知|告知)[^。！？]{0,20}删除[。！]?"
    ),
    # （原标题：…） kept by the site after the body: the headline again.
    hanzi.compile(r"[（(]\s*原标题[：:][^（）()]{1,80}[）)]"),
    hanzi.compile(r"本文转载自[^。]{1,120}原标题为《[^》]{1,80}》。?"),
    # Photo credits: （图片来源：…）, （通讯员供图）, （张玲 摄）, 新华社发（杨畅摄）.
    hanzi.compile(
        r"[（(]\s*(?:图片来源|图源|来源)?[：:]?\s*[^（）()，。]{0,20}(?:供图|图片来源网络|网络图片|资料图)\s*[）)]"
    ),
    hanzi.compile(r"[（(]\s*图片来源[：:/][^（）()]{1,30}[）)]"),
    hanzi.compile(
        rf"(?:[{_CJK}]{{2,6}}发)?[（(]\s*(?:[^（）()，。]{{0,12}}记者)?\s*[{_CJK}·]{{2,4}}(?:{_SP}+[{_CJK}·]{{2,4}}){{0,3}}{_SP}*摄影?\s*[）)]"
    ),
    # 图片来源：视觉中国 / 图片来源/网络视频截图, ended by a space, a digit or the caption's close.
    hanzi.compile(r"图片来源[：:/]\s*[^\s。，（）()]{1,20}?(?:截图|提供|供图|(?=[\s\d]|$))"),
    # A photo's caption with its credit, between two sentences of the report:
    # 。7月13日，远进党党魁披塔（中）在泰国曼谷接受媒体采访。新华社记者王腾摄万诺随即宣布…
    hanzi.compile(
        rf"(?<=[。！？])(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日[，,][^。！？]{{4,80}}。"
        rf"[{_CJK}]{{0,8}}记者{_SP}*[{_CJK}·]{{2,4}}?{_SP}*摄(?:影报道)?"
    ),
    # 。祁绣娟摄 据悉 / 。中新社记者 崔楠 摄 “进村… : a bare credit between a caption and the next line,
    # or opening the text ahead of its dateline (澎湃新闻记者 周頔 摄7月26日，…).
    hanzi.compile(
        rf"(?:(?<=[。！？”）)\s])|^)(?:[{_CJK}/]{{0,10}}记者{_SP}*)?[{_CJK}·]{{2,4}}(?:{_SP}+[{_CJK}·]{{2,4}}){{0,3}}"
        rf"{_SP}*摄(?:影报道)?(?={_SP}|$|\d{{1,2}}月\d{{1,2}}日)"
    ),
    hanzi.compile(r"(?<=[。！？\s])视觉中国\s?图(?=\s|$|[\u4e00-\u9fff])"),
    # A site's own copyright and ad notice: 第一财经广告合作，请点击这里此内容为第一财经原创，著作权归…
    hanzi.compile(r"[\u4e00-\u9fff]{2,8}广告合作[，,]?请点击这里"),
    hanzi.compile(r"此内容为[\u4e00-\u9fff]{2,8}原创[，,]著作权归[^。]{0,20}所有。(?:未经[^。]{0,80}。)?"),
    # A publisher's rights notice: 第一财经保留追究侵权者法律责任的权利。如需获得授权请联系…
    hanzi.compile(r"[\u4e00-\u9fff]{2,8}保留追究侵权者法律责任的权利。(?:如需获得授权请联系[^。]{0,40}。?)?"),
    # A bracketed byline after a sentence: （第一财经记者 张煜昊）, （总台记者 李佳）
    hanzi.compile(r"[（(][\u4e00-\u9fff]{0,8}记者\s?[\u4e00-\u9fff]{2,4}(?:\s[\u4e00-\u9fff]{2,4})?[）)]"),
    # A byline glued to the lead: 羊城晚报讯 记者张豪、通讯员粤公宣报道：
    hanzi.compile(
        r"(?:[\u4e00-\u9fff]{2,8}讯\s*)?记者[\u4e00-\u9fff]{2,4}(?:[、，,]\s*通讯员[\u4e00-\u9fff]{2,6})*\s*报道[：:]"
    ),
    # 本文转自【中国气象局】；: a repost notice ahead of the text.
    hanzi.compile(r"本文转自[【\[]?[^】\]；;。，]{1,20}[】\]]?[；;。，]?"),
    # Share prompts.
    hanzi.compile(r"(?:阅读此文大概需要[^，。]{1,10}[，,])?诚邀您点击[^！。]{0,60}[！。]"),
    hanzi.compile(r"(?:/\s*)?点击蓝字[，,\s]*关注我们"),
    hanzi.compile(r"点击上方蓝字[^。]{0,20}关注(?:\s*公众号[^\s。，]{0,16})?"),
    hanzi.compile(r"(?:以上内容(?:为|由)证券之星[^。]{0,80}。|证券之星力求但不保证该信息[^。]{0,200}。)"),
    hanzi.compile(r"本文为数据整理[，,]不对您构成任何投资建议[，,]投资有风险[，,]请谨慎决策。?"),
    hanzi.compile(r"〖[^〗]{1,20}〗"),
    hanzi.compile(r"★?全文字数共有\d{1,6}字\s*[|｜]\s*预计阅读时间为\d{1,3}分钟★?"),
    hanzi.compile(r"本文不构成投资建议[，,]?股市有风险[，,]?投资需谨慎。?"),
]
