"""Articles from headline-less text: a news stream's documents, feed items without a title.

The stream (../shared/data/stream-dev.jsonl) gives one string per article: paragraphs joined by
runs of spaces, the site's headline often glued to the front as ``原标题：X`` with no separator,
bylines and share footers left in. :func:`article_from_text` derives a headline honestly — the
``原标题`` title when its end can be found, else the opening line when it reads as a headline, else a
clean cut of the first sentence (then the sentence stays in the body: nothing is lost) — and takes
the outlet only from credit forms (digests.boilerplate). ``summary`` stays empty: the summarizer
fills it (digests.ingest.summarized).
"""

from __future__ import annotations

import re
from datetime import datetime

from digests import hanzi
from digests.boilerplate import OUTLET_SUFFIX as _OUTLET_SUFFIX
from digests.boilerplate import before_footer, byline_outlet, clean_paragraphs, outlet_name, source_of
from digests.cut_credits import reporters, signed
from digests.reading import clean_cut, tidy_spaces
from digests.records import Article
from digests.sentences import split_text

MAX_HEADLINE = 40  # longer first lines are sentences, not headlines
CUT_HEADLINE = 30  # a headline cut from a long first sentence

_CJK = r"\u4e00-\u9fff"
_ORIGINAL_TITLE = hanzi.compile(r"^\s*[【\[]?原标题[】\]]?\s*[：:]\s*")
# Paragraph breaks as the stream has them: two or more spaces (NBSP and ideographic spaces too),
# or one after a sentence end (。\xa0编辑 唐峥).
_PARAGRAPH_BREAK = hanzi.compile(r"[ \t\u00a0\u3000]{2,}|(?<=[。！？”])[\u00a0\u3000]+|\n+")
# Frequent outlets of dateline leads, so that "…14万余元华声在线8月3日讯" splits before 华声在线.
_OUTLETS = (
    "新华社|中新社|中新网|中国新闻网|人民网|海外网|央视网|央视新闻|央视财经|央广网|环球网|参考消息网|光明网|中国网|国际在线|东方网"
    "|华声在线|红网时刻|红网|南都|扬子晚报网|深圳新闻网|正义之声网|深圳特区报|北京日报|新京报|齐鲁晚报|大众网"
    "|荆楚网|长江日报|湖北日报|羊城晚报|南方日报|北方网|天津北方网|中国日报网|法治日报|工人日报|经济日报|科技日报"
    "|证券时报|财联社|界面新闻|澎湃新闻|九派新闻|极目新闻|封面新闻|红星新闻|上游新闻|大皖新闻|导报|本报|本刊"
    "|智通财经|证券之星|每日经济新闻|第一财经|潮新闻|荔枝新闻|看看新闻|紫牛新闻|大河报|现代快报|北京青年报"
    "|中证网|观察者网|中国教育报|中国教育新闻网|北京商报|每经|环球时报|1905电影网|北京晚报|中国青年报|中国青年网"
    "|快科技|IT之家|三秦都市报|本网|新浪财经|腾讯新闻|网易新闻|凤凰网|中国经济网|中国证券报|上海证券报|经济观察网"
)
# Any other outlet's 讯 credit, where its name certainly starts (after a quote, a bracket, a mark):
# …“带娃难”中国教育报-中国教育新闻网讯.
_NAMED_FLASH = hanzi.compile(
    rf"(?<=[”\"）)》！？!?])[{_CJK}A-Za-z0-9·\-]{{2,14}}?{_OUTLET_SUFFIX}(?:[（(][{_CJK}]{{2,10}}[）)])?讯(?![息号问飞])"
)
# Where a glued-on 原标题 ends: the body's first words (a dateline, a byline, a date-led sentence).
_BODY_START = hanzi.compile(
    rf"(?:{_OUTLETS})(?:客户端)?[{_CJK}]{{0,4}}\s?(?:\d{{4}}年)?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日(?:电|讯|消息|报道|(?=[（(]))"
    rf"|(?:{_OUTLETS})(?:客户端)?\s?[|｜]|据(?:{_OUTLETS})(?:客户端)?"
    r"|记者(?:\d{1,2}月\d{1,2}日|今天|\d{1,2}日)?从[^，。]{2,30}?获悉|(?:本文)?转载自"
    rf"|(?:{_OUTLETS})(?:[（(][{_CJK}]{{2,10}}[）)]|[-·][{_CJK}]{{1,10}}?)?(?:讯|综合|编辑[：:]|(?:APP|客户端)?获悉|(?:全媒体|实习|见习)?记者)"
    rf"|[（(][{_CJK}A-Za-z]{{2,12}}讯[）)]|【[^】]{{0,16}}记者[^】]{{0,8}}】|【[{_CJK}A-Za-z]{{2,10}}(?:网|客户端|新闻)】"
    rf"|(?:全媒体|实习|见习|首席)?记者[ \u3000\u00a0]+[{_CJK}]{{2,3}}(?=[ \u3000\u00a0]|通讯员)"
    rf"|(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日(?:电|讯)"
    rf"|[{_CJK}]{{2,6}}(?:日报|晚报|网|新闻)(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日(?:电|讯)"
    r"|(?:文、图|图、文|文)\s?[/|｜]|撰文[：:]|来源[：:]|[（(](?:记者|通讯员|文\s?[/|｜]|编辑[/：:])|【[^】]{2,12}(?:报道|电|讯|微特稿)】"
    r"|据[^，。]{2,12}(?:报道|消息)[，,：:]"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下中]午|晚间?|凌晨|早上|傍晚|夜间|\d{1,2}时|起)?[，,]"
    r"|近(?:日|期|年来)[，,]|日前[，,]|北京时间|当地时间|本公司(?:董事会|及)"
    r"|(?:今|昨)[天日](?:[（(]\d{1,2}月?\d{1,2}日[）)])?(?:[上下中]午|晚间?|凌晨|早上)?[，,]"
    r"|为(?:进一步|深入|不断|切实|全面|持续|扎实|更好|丰富|营造|加快|贯彻落实)|截至\d{4}年|点击上方蓝字|点击蓝字"
    rf"|作者[：:]|作者(?=[{_CJK}]{{2,3}}[、\s])|信息来源|本文转自"
    # A spokesperson's Q&A transcript: 外交部发言人就…答记者问
    r"|(?:外交部|国防部|国台办|国务院台办|商务部|海关总署|中国人民银行|证监会|国家发改委|公安部)"
    r"发言人(?:\d{1,2}日)?就[^。]{4,60}答记者问"
)


# Furniture glued to the end of a 原标题: 本文转自【中国新闻网】；
_TITLE_TAIL = hanzi.compile(r"\s*本文转自[【\[]?[^】\]]{1,20}[】\]]?[；;。]?\s*$")


# A short bracket never holds a paragraph break: 中新社杭州7月26日电 (刘育英  奚金燕) is one byline.
_SHORT_BRACKET = hanzi.compile(r"[（(][^（）()\n]{1,30}[）)]|【[^【】\n]{1,40}】")


def split_paragraphs(text: str) -> list[str]:
    text = _SHORT_BRACKET.sub(lambda m: re.sub(r"\s+", " ", m.group(0)), text)
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def original_title(text: str) -> tuple[str, str] | None:
    """(title, rest) of a text that opens with ``原标题：``, when the title's end can be found."""
    match = _ORIGINAL_TITLE.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    again = rest.find("原标题", 4, 90)
    first, second = rest[:again].strip(), _ORIGINAL_TITLE.sub("", rest[again:], count=1)
    if again > 0 and second.startswith(first):
        # 原标题：X原标题：X 正文: the label quoted twice; the second copy runs on into the body.
        return original_title(rest[again:]) or (first, second[len(first) :])
    # The site's headline repeated: 原标题：X X 正文 (the second copy is the page's own heading), or
    # 原标题：X中国X 正文 (glued to its variant for readers abroad).
    for size in range(min(64, len(rest) // 2), 5, -1):
        head, after = rest[:size], rest[size:].lstrip()
        for abroad in ("", "中国"):
            if after.startswith(abroad + head):
                return head.strip(), after[len(abroad) + size :]
    gap = re.search(r"[ \t\u00a0\u3000]{2,}", rest[:80])
    body = _BODY_START.search(rest, 4, 80)
    named = _NAMED_FLASH.search(rest, 4, 80)
    if named and body and body.start() < named.end():
        named = None  # …倡议书中证网讯: a known outlet inside the span says where the name starts
    ends = [m.start() for m in (gap, body, named) if m is not None]
    end = min(ends) if ends and min(ends) <= 64 else 0
    if end and rest[end - 1] == "据":  # 据新华社首尔8月2日电: the body begins with 据
        end -= 1
    question = re.search(r"[？！?!]", rest[:48])
    if question and question.end() >= 6 and (not end or "。" in rest[:end]):
        # A headline has no full stop: …公布！两年禁止参赛…有新进展。 ends at the exclamation.
        title, lead = rest[: question.end()].strip(), rest[question.end() :]
        tail = _subtitle_before_restart(title, lead)
        return (title + tail, lead[len(tail) :]) if tail else (title, lead)
    if end:
        return rest[:end].strip(), rest[end:]
    return None


_SUBTITLE_MAX = 24
_BODY_AFTER = 30  # a body, not a headline's last words


def _subtitle_before_restart(title: str, body: str) -> str:
    """The rest of a two-part headline glued to a body that restates the headline's opening:
    尼日尔突发政变一周，外交部回应撤侨问题！|提醒加强安全防范|尼日尔突发政变一周有余，… (the middle
    piece is the headline's second part, not the news)."""
    opening = title[:6]
    at = body.find(opening, 2, _SUBTITLE_MAX + len(opening)) if len(opening) == 6 else -1
    if at < 0 or re.search(r"[，。！？；：,.!?;:\s]", body[:at]):
        return ""
    return body[:at]


# 美国财政部：惠誉下调评级的影响有限 美债仍是最安全资产|一名美国财政部高级别官员表示，…: a headline of
# decks, the first "who: what", glued to a body that opens on who spoke or who reported.
_DECKS_THEN_BODY = hanzi.compile(
    r"^(?P<title>[^\s，。：:]{2,12}[：:][^\s，。]{4,30}\s[^\s，。：:]{4,20}?)"
    r"(?=(?:一名|一位|据|当地时间|近日|日前|\d{1,2}月\d{1,2}日)[^，。]{2,30}[，,])"
)


def _headline_restarted(paragraphs: list[str]) -> list[str]:
    """A headline of decks glued to a body that opens with its first deck as a clause (受降雨影响 黑龙江
    一高速公路桥梁发生部分塌陷 两车坠入|受降雨影响，8月3日8时50分左右，…), or on who spoke or reported
    (…美债仍是最安全资产|一名美国财政部高级别官员表示，…): the headline is its own line."""
    first = paragraphs[0] if paragraphs else ""
    glued = _DECKS_THEN_BODY.match(first)
    if glued and len(first) - glued.end() >= _BODY_AFTER:
        return [glued.group("title"), first[glued.end() :], *paragraphs[1:]]
    deck = re.match(rf"([{_CJK}]{{4,12}})\s", first)
    at = first.find(deck.group(1) + "，", deck.end() + 4, MAX_HEADLINE + 1) if deck else -1
    if at < 0 or re.search(r"[，。！？；：,.!?;:]", first[:at]):
        return paragraphs
    return [first[:at].strip(), first[at:], *paragraphs[1:]]


# A date or time that opens the lead sentence: the digest shows the day, the headline is the news.
_WHEN_OPENER = hanzi.compile(
    r"^(?:(?:当地时间|北京时间)?(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}日(?:[上下中]午|晚间?|凌晨|早上|傍晚|夜间)?"
    r"(?:\d{1,2}[时点](?:\d{1,2}分)?许?)?|近[日期]|日前|(?:昨|今)[天日](?:[（(]\d{1,2}月\d{1,2}日[）)])?(?:[上下中]午|晚间?|凌晨)?)[，,]\s*"
    # …记者从公安部在京召开的新闻发布会获悉，: how the reporter learnt it, not the news
    r"|^(?:[\u4e00-\u9fff]{2,6}(?:新闻|网)(?:[（(][\w.:/]{4,30}[）)])?)?(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{1,2}日)?"
    r"记者?(?:今天|\d{1,2}日|今天[（(]\d{1,2}日[）)])?(?:从[^，。：:]{2,30})?(?:获悉|了解到)[，,：:]\s*"
    r"|^【[^】]{1,12}】"  # a column's label: 【东盟专线】
    r"|^据[^，。]{2,30}(?:消息|报道)[，,：:]\s*"  # 据央视网消息，: who said it, the byline's job
)
# A desk's label ahead of a headline: （体育）广西加快建设… / 【共同缔造 情暖襄阳】 传承传统文化…
_TITLE_LABEL = hanzi.compile(r"^(?:[（(][\u4e00-\u9fff]{2,6}[）)]|【[^】]{1,12}】)\s*")


def headline_of(paragraphs: list[str]) -> tuple[str, int]:
    """A headline for cleaned paragraphs without 原标题, and how many leading paragraphs it consumed.

    A short opening line without a sentence end is a headline line (consumed); otherwise the first
    sentence is the headline, cut cleanly when long, and stays in the body.
    """
    if not paragraphs:
        return "", 0
    first = paragraphs[0]
    if len(first) <= MAX_HEADLINE and not re.search(r"[。；;]$", first) and len(paragraphs) > 1:
        return tidy_spaces(first, headline=True), 1
    sentences = split_text(first)
    lead = sentences[0] if sentences else first
    plain = lead.rstrip("。！？!?；; ")
    for _ in range(2):  # 据法新社报道，8月2日，俄罗斯呼吁… : an attribution, then a date
        news = _WHEN_OPENER.sub("", plain, count=1)
        plain = news if len(news) >= 8 else plain
    title = plain if len(plain) <= MAX_HEADLINE else _clause_headline(plain) or clean_cut(plain, CUT_HEADLINE)
    return tidy_spaces(_ended(_PUBLISHED_WHEN.sub("", _ACTED_WHEN.sub("", title))), headline=True), 0


# 今年第6号台风“卡努”由台风级加强为强台风级，下午再度加强，成为超强台风: a change told by its steps.
_STEPS = hanzi.compile(
    r"^(?P<who>[^，,]{2,20}?)由[^，,]{1,10}?(?:加强|升级|增强|提升)为[^，,]{1,10}"
    r"(?:[，,][^，,]{0,6}(?:再度|再次|又|继续)(?:加强|升级|增强|提升))?"
    r"[，,](?P<end>(?:成为|升级为|加强为|升为)[^，,]{2,12})$"
)


def _ended(title: str) -> str:
    """A change told by its steps is headed by where it ended (今年第6号台风“卡努”成为超强台风): its
    lede, which tells the steps, then reads as news under it, not as the headline said again."""
    steps = _STEPS.match(title)
    return f"{steps.group('who')}{steps.group('end')}" if steps else title


# …等措施并于8月3日发布: when a measure was published, ending the headline, is the digest's date line.
_PUBLISHED_WHEN = hanzi.compile(r"[，,]?并?于(?:\d{1,2}月)?\d{1,2}日(?:正式)?(?:发布|公布|印发|出台)$")


# When the subject acted, between the subject and the act (惠誉当地时间8月1日将…, 万诺3日宣布…): a
# headline leaves the day to the digest's date line; a date something is due (原定于4日举行) stays.
_ACTED_WHEN = hanzi.compile(
    r"(?<=[\u4e00-\u9fff])(?<![于至到从在月])(?:当地时间|北京时间)?(?:\d{1,2}月)?\d{1,2}日(?:[上下中]午|晚间?|凌晨|早间)?"
    r"(?=宣布|发布|表示|称|将|召开|举行|公布|印发|指出|强调|批准|通过|发生|在|对|向|与|同)"
)
# Clauses ahead of a lede's news that a headline leaves out: who announced it, why, under what.
_PREAMBLE_CLAUSE = hanzi.compile(
    r"^(?:[^，,]{2,30}(?:发布消息称?|消息称?|报道称?|获悉|了解到|表示|指出|介绍|透露|宣布|显示|说|称)"
    r"|(?:为了?|随着|受|针对|根据|按照|在|经)[^，,]{2,30}"
    r"|(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}日(?:至\d{1,2}月\d{1,2}日)?(?:[上下中]午|晚间?|凌晨)?|近[日期]|日前|目前)$"
)


def _clause_headline(sentence: str) -> str:
    """A long lede's headline made of whole clauses (its preamble left out) when they fit; "" if not.

    近日，外交部发布消息，国家主席习近平将出席成都第31届世界大学生夏季运动会开幕式，为… →
    国家主席习近平将出席成都第31届世界大学生夏季运动会开幕式 — a clause reads as a headline, a cut with "…" does not.
    """
    # A headline is made of the first few clauses: look no further (a hostile run of commas stays linear).
    cut = len(sentence) > _CLAUSE_SPAN
    clauses = [c for c in re.split(r"[，,](?![^“”（）()《》]*[”）)》])", _short_names(sentence[:_CLAUSE_SPAN])) if c]
    if cut and clauses:
        clauses.pop()  # the clause the look-ahead cut through
    while len(clauses) > 1 and _PREAMBLE_CLAUSE.match(clauses[0]):
        clauses.pop(0)
    kept: list[str] = []
    for clause in clauses:
        if len("，".join([*kept, clause])) > MAX_HEADLINE:
            break
        kept.append(clause)
    while kept and (_PREAMBLE_CLAUSE.match(kept[-1]) or _OPEN_ENDED.search(kept[-1]) or _CONCESSIVE.match(kept[-1])):
        kept.pop()  # …在财报中表示 / …按不变价格计算: a clause that promises what the next one says
    title = "，".join(kept)
    # 他相信… : a headline names who, it does not refer back to a clause it left out.
    return title if len(title) >= 10 and not _PRONOUN.match(title) else ""


_CLAUSE_SPAN = 160  # characters of a long lede a clause headline is drawn from
# A full name and its short form in brackets (西非国家经济共同体（西共体）): a headline uses the short form.
_ALIAS = hanzi.compile(r"([\u4e00-\u9fff]{4,20})[（(]([\u4e00-\u9fff]{2,6})[）)]")


def _short_names(sentence: str) -> str:
    def short(m: re.Match[str]) -> str:
        name, alias = m.group(1), m.group(2)
        start = name.find(alias[0])
        # Only a true abbreviation: its characters appear in order in the name (美联储 in 美国联邦储备委员会).
        rest = iter(name[start:]) if start >= 0 else iter(())
        if start < 0 or not all(ch in rest for ch in alias) or len(name) - start <= len(alias):
            return m.group(0)
        return name[:start] + alias

    return _ALIAS.sub(short, sentence)


_CONCESSIVE = hanzi.compile(r"^(?:虽然|尽管|虽|如果|若|即使|即便|由于|因为)")  # 虽然…: the main clause is still to come
_PRONOUN = hanzi.compile(r"^(?:他|她|它|其|该|这|此|对此)")
_OPEN_ENDED = hanzi.compile(
    r"(?:表示|称|说|指出|介绍|透露|认为|提出|审查|审议|获悉|计算|了解|发现|来看|之际|期间|时候|[时后中])$"
)


def article_from_text(
    doc_id: str, text: str, published: datetime, *, category: str, source: str | None = None
) -> Article:
    """An Article from one headline-less text (paragraphs cleaned, outlet only from credit forms).

    ``source`` is the feed or site the text came from; like a post's feed tag it goes to ``tags``
    (a display fallback), never to ``outlet``, which only a credit in the text sets.
    """
    if published.tzinfo is None:
        raise ValueError("published must be timezone-aware")
    found = original_title(text)
    body = found[1] if found else _ORIGINAL_TITLE.sub("", text, count=1)  # an unknown end: keep the words
    cleaned = clean_paragraphs(split_paragraphs(body))
    paragraphs = cleaned.paragraphs
    if found:
        title = tidy_spaces(_TITLE_TAIL.sub("", found[0]), headline=True) or tidy_spaces(found[0], headline=True)
    else:
        paragraphs = tuple(_headline_restarted(list(paragraphs)))
        title, used = headline_of(list(paragraphs))
        paragraphs = paragraphs[used:]
    outlet = cleaned.outlet or _credit_anywhere(text) or signed(cleaned)
    unlabeled = _TITLE_LABEL.sub("", title, count=1)
    title = (unlabeled if len(unlabeled) >= 8 else title) or doc_id
    return Article(
        id=doc_id,
        title=title,
        published=published,
        paragraphs=paragraphs,
        categories=(category,),
        tags=(source,) if source else (),
        outlet=outlet,
        byline=None if outlet else reporters(cleaned),
    )


# 每日经济新闻综合央视新闻、中新网、新华社: the outlet that compiled the report from others' closing it.
_COMPILED_BY = hanzi.compile(rf"({_OUTLETS})综合自?[{_CJK}]")
_COMPILED_TAIL = 300  # characters before the footer where a compiler's credit stands


def _credit_anywhere(text: str) -> str | None:
    """来源：X anywhere, else a dateline lead after a paragraph break (…   新华社北京7月26日电), else
    the outlet signing its end (…造福人类。（环球网）), else the reporter's byline that closes the
    report (采写：南都记者 何嘉慧), else the outlet that compiled it (…每日经济新闻综合央视新闻、中新网),
    else the outlet whose reporter interviewed someone in it (接受新华社记者专访), else the outlet it
    cites (据人民日报消息): a report citing another outlet is still its own reporter's or compiler's."""
    name = source_of(text, cited=False)
    if name:
        return name
    dateline = re.search(rf"(?:^|\s{{2}})([{_CJK}]{{2,12}}?)(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日电", text)
    if dateline:
        return outlet_name(dateline.group(1))
    compiled = _COMPILED_BY.findall(before_footer(text)[-_COMPILED_TAIL:])
    interviewed = _INTERVIEWED.search(text)
    signed = _SIGNED.search(before_footer(text).rstrip())
    return (
        (outlet if signed and (outlet := outlet_name(signed.group(1))) == signed.group(1) else None)
        or byline_outlet(text)
        or (outlet_name(compiled[-1]) if compiled else None)
        or (outlet_name(interviewed.group(1)) if interviewed else None)
        or source_of(text)
    )


# …让科技更好造福人类。（环球网）: the outlet signing the report at its end, before the share footer.
# A medium's name (环球网, 新华社, 北京日报), not a body's notice signing off (（警方通报）).
_SIGNED = hanzi.compile(rf"[。！？”][（(]([{_CJK}]{{1,8}}(?:网|社|日报|晚报|早报|时报|商报|新闻|客户端|电视台))[）)]$")
# 空军运油-20飞行员王宇凌就飞行展示的实战意义接受新华社记者专访: the report is the interviewer's outlet's.
_INTERVIEWED = hanzi.compile(rf"接受([{_CJK}]{{2,8}}?)记者(?:专访|独家专访|采访)")
