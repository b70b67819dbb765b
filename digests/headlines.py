"""How a story is headed: the member whose headline reads best and that the reports agree on, shown
without a page's shouting, labels or teasers; the facts its members' headlines add; a meeting's
headline told by what the meeting decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from digests import hanzi
from digests.dedup import outlet_key
from digests.designations import hyphenated
from digests.document_headline import document_headline
from digests.frontpage import dice, title_grams
from digests.grouping import Story
from digests.headline_claims import CLAIM_FIRST, claim_qualified, decks_told, event_first
from digests.reading import tidy_spaces
from digests.records import Article
from digests.speakers import claim_hedged, speaker_named
from digests.timewords import without_newest

__all__ = [
    "STORM_WORD",
    "country_named",
    "finished_headline",
    "headline",
    "headline_article",
    "headline_quality",
    "meeting_headline",
    "member_facts",
    "presentable",
    "representative",
    "says_more",
    "storm_named",
    "unhyped",
]


def representative(version: Sequence[Article]) -> Article:
    """The most informative copy: has key sentences, longest body, then earliest, then id."""
    return min(version, key=lambda a: (not a.summary, -len(a.body), a.published, a.id))


_HEADLINE_FLAWS = hanzi.compile(
    r"…|\.\.\.|本文转自|据.{0,12}(?:消息|报道)|讯|【|】|记者|^\d{1,2}月\d{1,2}日[，,]|^\d{4}年\d{1,2}月"
    r"|^[\u4e00-\u9fff]{2,6}[，,]"  # 河北涿州，洪水淹没了马路: a photo's caption, not a headline
    r"|^[^，,：:\s]{2,10}(?:回应|表态|发声)[：:]"  # 大疆回应：严格遵守执行 — to what is the news
    r"|^[^，,：:\s]{2,16}(?:举行|召开)[^，,：:\s]{0,12}发布会$"  # 中国气象局举行8月份新闻发布会: what was said is
)


_CLICKBAIT = hanzi.compile(r"刚刚|突发|痛心|震惊|又搞事|速看|重磅|注意|必看|有何看点|！|!|？|\?")


def headline_quality(title: str) -> float:
    """How well a title reads as a headline (higher is better): a derived one ("据…消息，…", "本文转自…",
    cut with "…", or opening with a date) or a clickbait one ("刚刚，…！") loses to another member's
    plain headline."""
    n = len(title.strip())
    flaws = len(_HEADLINE_FLAWS.findall(title)) + 0.5 * len(_CLICKBAIT.findall(title))
    return -flaws - (0.0 if 8 <= n <= 40 else 1.0 if n < 8 else (n - 40) / 20)


# What a derived headline carries that is not the headline: who reported it (据央视网消息，) and the
# page's column label (（体育）, 【微特稿·社会与生活】).
_ATTRIBUTION = hanzi.compile(r"^据[^，,。]{2,16}?(?:消息|报道)[，,：:]\s*")
_COLUMN = hanzi.compile(r"^(?:[（(][^（）()]{1,10}[）)]|【[^【】]{1,14}】)\s*")
# A tabloid's shout ahead of the news: 又搞事！外媒：… / 突发！…
_SHOUT = hanzi.compile(r"^(?:又搞事|突发|刚刚|重磅|震惊|痛心|速看|注意)[！!，,：:]\s*")


# A teaser question after the news (今年首个台风红色预警发布 “杜苏芮”影响几何？): the news is the headline.
_TEASER = hanzi.compile(
    r"[\s，,]+[^\s，,。！？!?]{0,16}(?:几何|什么|怎么|如何|为何|为什么|哪些|何时|多少|看点|吗|呢)[？?]$"
)


_EXCLAIMED = hanzi.compile(r"\s*[！!]+\s*")
_TEASING = hanzi.compile(r"(?<![吗呢么啥谁哪])\s*[？?]\s*(?=[^？?]{8,}$)")
# A feed's date tag closing a template headline (财政部两期国债中标结果出炉（12-08）).
_DATE_TAG = hanzi.compile(r"\s*[（(]\d{1,2}[-/月.]\d{1,2}日?[）)]$")
_SETTLED = hanzi.compile(r"\s*[？?]\s*(?=[^？?，,。]{2,8}(?:通报|回应|辟谣|说明|披露|发布)$)")

# A stray mark left in front by the page (.第31届…, ·…, 、…).
_STRAY_LEAD = hanzi.compile(r"^[.。·•、，,：:；;\s]+(?=\S)")


def presentable(title: str) -> str:
    """The headline without a tabloid's shout, an attribution or a column label in front, or a teaser
    question after it (only when a headline of eight characters or more remains)."""
    title = _STRAY_LEAD.sub("", title)
    for pattern in (_SHOUT, _COLUMN, _ATTRIBUTION, _TEASER):
        rest = pattern.sub("", title, count=1)
        if rest != title and len(rest.strip()) >= 8:
            title = rest
    # A question the official word after it settles (…中枪身亡？警方通报): the news, then who told it;
    # a teaser's question mark between decks (惠誉下调美国评级引争议？高盛…) parts them as a space does.
    title = _TEASING.sub(" ", _SETTLED.sub("，", title))
    untagged = _DATE_TAG.sub("", title)
    title = untagged if len(untagged) >= 8 else title
    # Exclamations are the page shouting (外资杀入A股！军工…): between clauses a space parts them as a
    # plain headline does, a closing one goes; a superlative shouted first qualifies the news, after it.
    calm = _EXCLAIMED.sub(" ", CLAIM_FIRST.sub(r"\g<news> \g<claim>", title)).strip()
    title = _document(calm if len(calm) >= 8 else title)
    untold = _TEASER.sub("", title)  # …被卫队扣押！发生了什么？: the teaser after a shout goes too
    title = untold if len(untold.strip()) >= 8 else title
    # A second deck that only says officials are at work (水利部工作组在京津冀指导工作, 滚动部署防御) adds
    # nothing to the news the first states.
    plain = without_newest(_AT_WORK.sub("", title))
    return _first_deck(plain if len(plain) >= 8 else title)


_LONG_HEADLINE = 32  # characters past which a headline of three decks or more shows its first


def _first_deck(title: str) -> str:
    """A long headline of three decks or more (习近平回信勉励“模范空降兵连”全体官兵 弘扬光荣传统 苦练过硬
    本领 …): the first says the news, the others carry the message's words, which the text tells."""
    decks = title.split()
    return decks[0] if len(title) > _LONG_HEADLINE and len(decks) >= 3 and len(decks[0]) >= 10 else title


_AT_WORK = hanzi.compile(
    r"\s+[^\s]{0,12}(?:工作组[^\s]{0,12}(?:指导|协助)[^\s]*|滚动部署[^\s]{0,6})$"
    r"|[，,\s]+[\u4e00-\u9fff]{2,6}回应$"  # …出口管制公告，大疆回应: a reaction the deck names but does not tell
)


# A headline that is a document's title and its day (《国务院办公厅转发国家发展改革委关于恢复和扩大消费
# 措施的通知》7月31日对外公布): the title as the wire heads it, without its brackets and the day the date
# line shows (国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知); cut to who issued what, it read
# as garbled to every editor.
_DOCUMENT = hanzi.compile(
    r"^《(?P<title>[^》]{2,30}?关于[^》]{4,40}?的(?:通知|意见|决定|公告))》"
    r"(?:\d{1,2}月\d{1,2}日)?(?:对外)?(?:公布|发布|印发|出台)?$"
)


def _document(title: str) -> str:
    found = _DOCUMENT.match(title)
    return found.group("title") if found else title


def says_more(a: Article, rep: Article) -> bool:
    """``a``'s headline is the representative's and more: the representative's was cut short
    (赖清德拟"过境"窜美，外交部：中方敦促… over 赖清德拟"过境"窜美), and so was the start of its body; or
    it tells the same event and its first (长春航空展开幕 八一飞行表演队换装歼10C首次国内公开亮相 over
    长春航空展在长春开幕), which its report tells too."""
    if len(a.title) > len(rep.title) and a.title.startswith(rep.title.rstrip("…")):
        return True
    if a is rep or not _FIRST_OR_RECORD.search(a.title) or _FIRST_OR_RECORD.search(rep.title):
        return False
    deck = title_grams(presentable(a.title).split()[0])
    return bool(deck) and len(deck & title_grams(presentable(rep.title))) >= _SAME_EVENT * len(deck)


_CONSENSUS = 12  # member headlines compared for agreement: bounded, so a story of 2,000 copies costs the same
_FIRST_OR_RECORD = hanzi.compile(r"首个|首次|首只|首家|新高|新低|纪录|记录|历史最|以来最")
_SAME_EVENT = 0.4  # share of a headline's first deck in the representative's: it tells the same event
_AGREED = 0.2  # how much more the reports must agree on another headline to set the representative's aside


def headline_article(story: Story, rep: Article) -> Article:
    """The member whose headline reads best (the representative on a tie)."""
    if len(story.articles) == 1:
        return rep
    shown = {a.id: presentable(a.title) for a in (*story.articles, rep)}  # each headline as a reader sees it
    quality = {i: headline_quality(title) for i, title in shown.items()}
    # Of equally good headlines, the one the story's reports agree on is its news (最高法发布11件…典型案例
    # in three outlets' headlines, not one outlet's angle on a single case). Read among the first
    # members and the representative: bounded, however big the story.
    voters = {a.id: a for a in (*story.articles[:_CONSENSUS], rep)}
    grams = {i: title_grams(shown[i]) for i in voters}
    voices = {i: outlet_key(a) or i for i, a in voters.items()}
    memo: dict[str, float] = {}

    def agreed(a: Article) -> float:
        if a.id not in grams:
            return 0.0
        if a.id not in memo:
            # One outlet's copies are one voice (its closest headline), not agreement.
            said: dict[str, float] = {}
            for i, g in grams.items():
                if voices[i] != voices[a.id]:
                    said[voices[i]] = max(said.get(voices[i], 0.0), dice(grams[a.id], g))
            memo[a.id] = sum(said.values())
        return memo[a.id]

    best = max(
        story.articles,
        key=lambda a: (quality[a.id], says_more(a, rep), round(agreed(a), 1), a is rep, -a.published.timestamp()),
    )
    if quality[best.id] > quality[rep.id] or says_more(best, rep):
        return _with_agreed_deck(story, best, quality, shown)
    # The agreed headline must not be older news than the representative's (a 06:00 forecast over the
    # red warning), nor set aside a first or a record the representative's headline tells.
    if _FIRST_OR_RECORD.search(rep.title):
        return rep
    later = [a for a in story.articles if a.published >= rep.published and quality[a.id] == quality[rep.id]]
    agreed_best = max(later, key=lambda a: (round(agreed(a), 1), a is rep, -a.published.timestamp()))
    chosen = agreed_best if agreed(agreed_best) >= agreed(rep) + _AGREED else rep
    return _with_agreed_deck(story, chosen, quality, shown)


_DECKS = hanzi.compile(r"[\s，,：:]+")
_AGREED_VOICES = 3  # outlets whose headlines carry a deck the shown one lacks: the reports agree it is news
_DECK_SHARED = 0.5  # title-gram Dice at which two decks say one thing


def _with_agreed_deck(story: Story, chosen: Article, quality: dict[str, float], shown: dict[str, str]) -> Article:
    """``chosen``, or a member whose headline tells the same event and a deck that ``_AGREED_VOICES``
    outlets' headlines carry and ``chosen``'s lacks (武汉地震监测中心遭境外黑客攻击 警方已立案侦查 over
    武汉地震监测中心遭境外组织网络攻击, when three outlets' headlines say 警方已立案); ``shown`` is each
    member's headline as ``presentable`` shows it."""
    told = title_grams(shown[chosen.id])
    voters = story.articles[:_CONSENSUS]
    decks = {a.id: [g for g in map(title_grams, _DECKS.split(shown[a.id])) if len(g) >= 3] for a in voters}
    for a in sorted(voters, key=lambda a: (-quality[a.id], -a.published.timestamp())):
        title = title_grams(shown[a.id])
        if a is chosen or quality[a.id] < quality[chosen.id] or len(told & title) < _SAME_EVENT * len(told):
            continue
        for deck in decks[a.id]:
            if len(deck & told) >= _DECK_SHARED * len(deck):
                continue  # the shown headline tells it
            voices = {outlet_key(b) or b.id for b in voters if any(dice(deck, d) >= _DECK_SHARED for d in decks[b.id])}
            if len(voices) >= _AGREED_VOICES:
                return a
    return chosen


MEMBER_FACTS = 2  # the lead story's own members' facts its roundup may add (a landfall forecast)
_FIGURE = hanzi.compile(r"\d")


_NOW_WORD = hanzi.compile(r"目前|当前|眼下")


def member_facts(story: Story, shown: str) -> list[tuple[Article, str]]:
    """The story's own members whose headlines state a fact (a figure or a date) the shown headline
    does not (“杜苏芮”将于28日在我国闽粤沿海登陆 under 今年首个台风红色预警发布), with those headlines,
    latest first, one per fact."""
    seen = [title_grams(shown)]
    out: list[tuple[Article, str]] = []
    for a in sorted(story.articles[:_CONSENSUS], key=lambda a: a.published, reverse=True):
        title = tidy_spaces(presentable(a.title), headline=True)
        grams = title_grams(title)
        if len(out) == MEMBER_FACTS or not _FIGURE.search(title) or headline_quality(title) < 0:
            continue
        if _NOW_WORD.search(title):
            continue  # …消息称，当前天津处于主汛期: a state at some hour, not a fact to add
        if all(dice(grams, g) < 0.4 for g in seen):
            seen.append(grams)
            out.append((a, title))
    return out


def headline(story: Story, rep: Article) -> str:
    """The story's best-reading headline among its members (the representative's on a tie), shown
    without an attribution or column label in front."""
    return presentable(headline_article(story, rep).title)


# A meeting's headline that says only that it met (国务院总理李强7月31日主持召开国务院常务会议), and the
# first thing the report says it decided or stressed (会议强调，要调整优化房地产政策，…).
_MET = hanzi.compile(r"^.{0,20}?(?:主持)?(?:召开|举行)(?P<name>[^，。：:]{2,16}?(?:会议|座谈会))$")
_DECIDED = hanzi.compile(
    r"^(?:会议|[^，。]{0,40}?(?:会议|座谈会)，)(?:强调|指出|决定|要求|审议通过了?|部署)[，,：:]?\s*要?"
    r"(?P<what>[^，。；;]{4,30})[，。；;]"
)


_NEXT_DECISION = hanzi.compile(r"。要(?P<what>[^，。；;]{4,16})[，。；;]")
_MEETING_HEADLINE_MAX = 36


def meeting_headline(title: str, text: str) -> str:
    """国务院常务会议：调整优化房地产政策 for a headline that only says a meeting was held, when the
    item's text opens with what the meeting stressed or decided, with its next decision when both
    fit (…：加强逆周期调节和政策储备研究，调整优化房地产政策); "" otherwise."""
    met, decided = _MET.match(title), _DECIDED.match(text)
    if not (met and decided):
        return ""
    headline = f"{met.group('name')}：{decided.group('what')}"
    after = _NEXT_DECISION.search(text, decided.end() - 1)
    both = f"{headline}，{after.group('what')}" if after else ""
    return both if both and len(both) <= _MEETING_HEADLINE_MAX else headline


_STORM_NAMED = hanzi.compile(r"(?P<kind>(?:超强|强)?台风|飓风|热带风暴)[“\"](?P<name>[\u4e00-\u9fff]{2,4})[”\"]")
STORM_WORD = hanzi.compile(r"台风|飓风|热带风暴")


def storm_named(title: str, text: str) -> str:
    """A storm's headline with the storm's name when it has none (台风“杜苏芮”：今年首个台风红色预警发布):
    a reader follows a typhoon by its name. The headline unchanged when it names one or the text does not."""
    if not STORM_WORD.search(title) or "“" in title or '"' in title:
        return title
    named = _STORM_NAMED.search(text)
    if not named or named.group("name") in title:
        return title
    return f"台风“{named.group('name')}”：{title}" if named.group("kind").endswith("台风") else title


# A trade site's hype (外资杀入A股！…新能源风口依旧): the market's move is told plainly instead.
_HYPE = hanzi.compile(r"杀入|风口|狂飙|炸裂|起飞|沸腾|狂欢|嗨翻|疯狂|爆买|抢筹")
_WHEN_CLAUSE = hanzi.compile(r"^[^，,]{0,8}(?:\d{1,2}日|今日|早盘|午盘|盘中|午后|尾盘|收盘|开盘)[^，,]{0,4}$")
_PLAIN_MAX = 26
_SESSION = hanzi.compile(r"早盘|午盘|盘中|午后|尾盘")
_BOARD_FIRST = hanzi.compile(r"^(?:A股|沪指|三大股指|两市)")
_COMMA = hanzi.compile(r"[，,]")


def unhyped(title: str, text: str) -> str:
    """A hyped headline replaced by the opening clauses of its text (A股早盘全线走强，上证指数站上3600点),
    its day left to the date line but a session still running named; the headline unchanged when not
    hyped or no clause fits."""
    if not _HYPE.search(title):
        return title
    first = text.split("。", 1)[0]
    clauses = [c for c in _COMMA.split(first) if c]
    session = ""  # 早盘: a session still running is told in the headline, not only in the text
    while clauses and _WHEN_CLAUSE.match(clauses[0]):
        session = session or next(iter(_SESSION.findall(clauses.pop(0))), "")
    if session and clauses:
        board = _BOARD_FIRST.match(clauses[0])
        at = board.end() if board else 0
        clauses[0] = clauses[0][:at] + session + clauses[0][at:]
    plain = ""
    for clause in clauses:
        joined = f"{plain}，{clause}" if plain else clause
        if len(joined) > _PLAIN_MAX:
            break
        plain = joined
    return plain if len(plain) >= 8 else title


# A teaser that hides the country (这国总统突然被卫队扣押): the text names it (尼日尔总统府办公室…).
_THIS_COUNTRY = hanzi.compile(r"这个?国家?(?=总统|总理|首相|政府|国王|军方)")
_COUNTRY_NAMED = hanzi.compile(r"((?:(?![与和的名位个])[\u4e00-\u9fff]){2,5}?)(?:总统|总理|首相|政府|国王|军方)")


def country_named(title: str, text: str) -> str:
    """The headline with the country its text names in place of a teaser's 这国; unchanged otherwise."""
    hidden = _THIS_COUNTRY.search(title)
    if hidden is None:
        return title
    # The name the text gives most often (尼日尔, not the 名与尼日尔 of 一名与尼日尔总统接近的人士).
    names = Counter(m.group(1) for m in _COUNTRY_NAMED.finditer(text))
    return title[: hidden.start()] + names.most_common(1)[0][0] + title[hidden.end() :] if names else title


# 尼日尔总统突然被卫队扣押: a teaser's surprise, which a headline of record leaves to the reader.
_TEASER_WORD = hanzi.compile(r"突然(?=被|宣布|发生|遭)|竟然|居然|震惊！?")

# 财政部两期国债中标结果出炉: a headline announcing that a result is out, not what it is.
_RESULT_OUT = hanzi.compile(r"(?:结果|数据|名单|榜单)(?:出炉|公布|揭晓|发布)$")
_FIGURE = hanzi.compile(r"\d+(?:\.\d+)?%?")
_RESULT_MAX = 30


def result_told(title: str, text: str) -> str:
    """A headline announcing a result (财政部两期国债中标结果出炉) told by the text's opening clause when
    that gives the figure (财政部2年期续发国债中标利率为2.4576%); unchanged otherwise."""
    if not _RESULT_OUT.search(title):
        return title
    first = _COMMA.split(text.split("。", 1)[0], maxsplit=1)[0]
    return first if _FIGURE.search(first) and 8 <= len(first) <= _RESULT_MAX else title


def finished_headline(title: str, text: str) -> str:
    """The headline as the item shows it once its text is known: a meeting's by what it decided, a
    document's by what it forbids, else the country a teaser hides named, a hyped market headline told
    plainly, a result by its figure, an expert by who they are and a storm named."""
    told = result_told(unhyped(country_named(_TEASER_WORD.sub("", title), text), text), text)
    told = claim_qualified(decks_told(claim_hedged(speaker_named(told, text), text), text), text)
    told = event_first(told, text)
    return hyphenated(meeting_headline(title, text) or document_headline(title, text) or storm_named(told, text))
