"""Who to credit for an article: its credited outlet, else the site it came from, else the feed.

Sites are named the way readers know them (东方财富网, not eastmoney.com); an unknown site is
shown by its registrable domain.
"""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.dedup import house, outlet_key
from digests.records import Article

# The national media of record: named first among a story's other outlets, as a desk credits them.
_OF_RECORD = hanzi.compile(
    r"^(?:新华社|新华网|人民日报|人民网|央视新闻|央视网|中央广播电视总台|央广网|中新社|中国新闻网|中新网|光明日报|经济日报)$"
)

# Sites whose articles often carry no outlet credit of their own (flash items, wire copies).
SITE_NAMES = {
    "eastmoney.com": "东方财富网",
    "sina.com.cn": "新浪财经",
    "sina.cn": "新浪财经",
    "cls.cn": "财联社",
    "wallstreetcn.com": "华尔街见闻",
    "yicai.com": "第一财经",
    "caixin.com": "财新网",
    "stcn.com": "证券时报网",
    "cs.com.cn": "中证网",
    "cnstock.com": "中国证券网",
    "jrj.com.cn": "金融界",
    "10jqka.com.cn": "同花顺财经",
    "thepaper.cn": "澎湃新闻",
    "xinhuanet.com": "新华网",
    "news.cn": "新华网",
    "people.com.cn": "人民网",
    "chinanews.com.cn": "中国新闻网",
    "chinanews.com": "中国新闻网",
    "cctv.com": "央视网",
    "enorth.com.cn": "北方网",
    "163.com": "网易",
    "qq.com": "腾讯新闻",
    "sohu.com": "搜狐",
    "ifeng.com": "凤凰网",
}


def site_name(article: Article) -> str | None:
    """The site of the article's link, by name when known, else its registrable domain."""
    if not article.url:
        return None
    key = outlet_key(Article(article.id, "", article.published, (), url=article.url))
    return SITE_NAMES.get(key, key) if key else None


def credits(articles: tuple[Article, ...], rep: Article, *, feed: str) -> tuple[str, ...]:
    """Every credited outlet of a story, the representative's first (the text is its report), then
    the others, the media of record first, then the site of a representative that credits none; with
    none, the site of the representative's link, else the feed (category) it came from: an item
    always names a source. A representative with neither outlet nor site is named by the reporters
    who sign it (记者杨洋等), first: its text is theirs."""
    own = rep.outlet or (rep.byline if not site_name(rep) else None)
    names = [own] if own else []
    houses = {house(name) for name in names}
    others: dict[str, None] = {}
    for a in articles:  # one house's outlets are named once (中新社, not 中新社、中新网)
        if a.outlet and house(a.outlet) not in houses:
            houses.add(house(a.outlet))
            others.setdefault(a.outlet, None)
    names += sorted(others, key=lambda name: not _OF_RECORD.match(name))  # stable: report order otherwise
    site = site_name(rep)
    if names:
        # the representative's own site when it credits no outlet: its headline, text and link are the site's
        return tuple(names) + ((site,) if not rep.outlet and site and house(site) not in houses else ())
    site = site or next((s for s in map(site_name, articles) if s), None)
    return (site or feed,)


def roundup_credits(names: tuple[str, ...], told: Sequence[Article | None], *, feed: str = "") -> tuple[str, ...]:
    """A roundup's credits: its own report's outlet, then the outlets of the reports its text tells
    (人民日报's toll, 北京防汛办's count), then the story's others: a roundup is not one outlet's.
    One house's outlets are named once here too (中新网 telling a figure beside the story's 中新社);
    the ``feed`` standing in for a report with no outlet is not named beside one that has."""
    # a report with no outlet of its own is credited to its site (东方财富网's flash telling 北向资金80亿元)
    tellers = [name for a in told if a is not None and (name := a.outlet or site_name(a))]
    if not tellers:
        return names
    names = () if names == (feed,) else names
    named: dict[str, str] = {}  # house → the first of its outlets named
    for name in [*names[:1], *tellers, *names[1:]]:
        named.setdefault(house(name), name)
    return tuple(named.values())
