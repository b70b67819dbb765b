"""How much a story matters to a reader: the parts of a digest item's score.

An editor's weights, each a named part (``newsbot digest --explain`` prints them):

* ``outlets`` – 3 points per doubling of the distinct outlets that carried the story or reported
  on its topic: two outlets' agreement outweighs any single report's other merits, and a day's
  big subject (a typhoon dozens of outlets follow, event by event) leads; local filler borrows
  nothing from its topic, and the leadership's acts (already front-page by rank) half;
* ``follow`` – 0.75 per doubling of the reports on the story's topic (its copies, running updates
  and follow-ups, and the other events of one topic: a typhoon's warnings, landfall and
  evacuations), at most 3.75: how much the day's news is about it, and on a one-outlet feed the
  only sign of how much a story was followed;
* ``official`` – a wire service or an official body published it (1), plus who acts: the
  country's leadership (11: front-page by rank, however few outlets carried it; 16 for the head of
  state himself, 14 for the leadership's own meeting), a ministry heading
  its own rule change (5), the state's position on Taiwan or its territory (2.5), a national body
  issuing policy or an emergency response (1), another official body named in the headline (0.5);
  none for a scheduled auction's result (国债中标结果), which no one acts in;
* ``reach`` – national or international reach (+0.5); local-only news (a county, a district, a
  street, a park; a police bulletin; a thank-you letter; a volunteer campaign; a city's weather
  outlook; an inquiry into an official below provincial rank; a province's own development drive;
  one company's order or contract) loses 1.5, a foreign paper quoted on its own country's affairs
  ("美媒：…"), campaign rhetoric (喊话, 竞选活动) or the private lives and pets of the famous 2;
* ``magnitude`` – a record or extreme in the headline ("…以来新高", 创纪录, limit moves: 1.25) and
  a market-moving subject (the month's key macro data, a policy rate, a sovereign rating cut or an
  index crossing a round level 4: every market reads them that day; FX, benchmarks 0.75, but not
  one instrument's tick read inside the session, 日内下跌1.00% 现报…); a
  disaster or the emergency response (1), lives lost (1.5; a sudden deadly event, an attack or an
  accident, killing ten or more 4); a state's leadership overturned or stepping down (a coup, a
  head of government resigning: 5);
* ``template`` – an automated template report (a fund's daily net value, a stock's capital
  flow: many headlines of the window share its skeleton), an advert, or a photo whose only
  headline is its caption loses 4: rarely front-page material;
* ``recency`` – up to 0.3 for the end of the window;
* ``seen`` – a story told before loses 2: in the previous window without a new report from another
  outlet, opening with 近日… in its one or two reports, or dated before the window began in all of
  them that date it (a day at home, two abroad: 会议25日举行 in a digest of the 26th);
* ``dated`` – such a story also loses what its actor and magnitude gave it: yesterday's front page,
  retold.

Length earns nothing: a long company release is not more important than a two-line rate flash.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from digests import hanzi
from digests.boilerplate import source_of
from digests.clock import NEWS_ZONE
from digests.grouping import Story, TextWeights
from digests.records import Article
from digests.similarity import NATIONAL_BODIES, announcement
from digests.templates import TemplateShapes
from digests.timewords import OPENING_SPAN, day_told
from digests.world import CHINA_TIE, FOREIGN, FOREIGN_AFFAIRS, STATE_ACT, WORLD_SHAKING, world_news

__all__ = ["WORLD_SHAKING", "score_parts", "world_news"]

W_OUTLETS = 3.0
W_FOLLOW = 0.75
MAX_FOLLOW = 3.75
W_RECENCY = 0.3
W_LEADERSHIP = 11.0
# The desk's order within the leadership's news: the head of state acting himself (习近平回信勉励…),
# then the leadership meeting and deciding (国务院常务会议, 中央政治局会议), then its offices' documents.
W_HEAD_OF_STATE = 5.0
W_LEADERS_MEETING = 3.0
W_UPHEAVAL = 5.0  # a state's leadership overturned or stepping down: the world's front page
# A minister or central-bank governor replaced: the appointment already weighs as the leadership acting.
W_MINISTER = 1.0
W_MACRO = 4.0  # the month's key figure or a policy rate: the day's economic headline
W_TRADE = 2.5  # an export control, a sanction, a tariff: the state's trade weapon, read by markets and capitals
_TITLES = 8  # member headlines read for magnitude: bounded, so a story of 2,000 copies costs the same
W_POLICY = 1.0  # a national body's policy or emergency response: the country's rules changing
W_SOVEREIGNTY = 2.5  # the state's position on Taiwan or its territory
W_MINISTRY = 5.0  # ... announced by the ministry itself as the headline's subject (公安部：全面放宽大城市落户条件)

_WIRE = hanzi.compile(
    r"^(?:新华社|新华网|新华视点|中新社|中新网|中国新闻网|央视|央视新闻|央视财经|央广|央广网|CCTV|人民日报|人民网|"
    r"中国政府网|国务院|中国人民银行|人民银行|央行|证监会|银保监会|国家发改委|发改委|发改委网站|财政部|商务部|"
    r"国家统计局|统计局|外汇局|国家外汇管理局|上交所|深交所|北交所|港交所|路透社?|彭博社?|美联社|法新社|"
    r"Reuters|Bloomberg|AP|AFP)"
)
_OFFICIAL_ACTOR = hanzi.compile(
    r"国务院|中共中央|党中央|全国人大|政治局|常务会议|国常会|最高法|最高检|最高人民法院|最高人民检察院|外交部|国防部|"
    r"央行|人民银行|证监会|银保监会|金融监管总局|发改委|财政部|商务部|统计局|外汇局|工信部|交通运输部|水利部|"
    r"农业农村部|应急管理部|自然资源部|生态环境部|住建部|国家能源局|国资委|海关总署|国家防总|中央气象台|"
    r"公安部|教育部|人社部|人力资源社会保障部|民政部|司法部|卫健委|网信办|市场监管总局|医保局|中组部|审计署|"
    r"广期所|上期所|大商所|郑商所|中金所|上交所|深交所|北交所|"
    r"美联储|欧洲央行|欧央行|国会|白宫|联合国|四部门|多部门|联合印发|《[^》]{2,30}(?:规划|方案|意见|条例|办法|通知|决定|法)》"
)
_NATIONAL = hanzi.compile(r"全国|国家|中国|我国|中央|国务院|全球|世界|国际|美国|欧洲|日本|俄罗斯|乌克兰|联合国")
# A headline about one county, district, town or street (not a region: 东北地区, 广西壮族自治区), a park
# event, a thank-you letter, a volunteer or publicity campaign: local filler, whatever else it mentions.
_LOCAL = hanzi.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:县|(?<![地治])区|镇|乡|街道|社区|村)|公园|感谢|锦旗|志愿服务|志愿者|主题活动|开展.{0,12}活动|"
    r"警方通报$|警情通报|喜报|火炬手|火炬传递|宣传月|宣传周|走访慰问|文明创建|美丽庭院|党建|培训班|座谈会|三下乡|暑托班|派出所|"
    r"(?:积极|扎实|深入)开展|送清凉|慰问|情暖|暖心|爱心"
)
# Records and extremes: what makes a figure news.
_RECORD = hanzi.compile(
    r"以来(?:最高|最低|新高|新低|高位|低位|最大|最强)|历史(?:新高|新低|最高|最低)|创.{0,8}(?:新高|新低|纪录|记录)|"
    r"最高(?![法检人])|最大|最强|首次(?!举办|召开|亮相|参加|开展|走进|来到|举行)|首个|首家|破纪录|涨停|跌停|熔断|"
    r"(?:成为|升级为|加强为|增强为)超强台风"  # a storm reaching the top category
)
# Market-moving subjects: policy rates, key macro data, FX and benchmark prices.
_MARKET = hanzi.compile(
    r"加息|降息|降准|LPR|MLF|利率|GDP|CPI|PPI|PMI|社融|非农|失业率|汇率|人民币|美元指数|国债收益率|北向资金|原油|黄金|"
    r"A股|沪指|上证|创业板指|恒指|道指|纳指|标普"
)
# The month's key figures and the central bank's rates: what every market reads that day.
_MACRO = hanzi.compile(
    r"GDP|CPI|PPI|PMI|社融|非农|失业率|LPR|MLF|降准|降息|加息|"
    r"(?:下调|调降|下修)[^，。]{0,12}(?:信用|主权)?评级|评级(?:从[A-Za-z+\-]{1,4})?(?:下调|调降)"
)
_DATA_NAMES = frozenset({"GDP", "CPI", "PPI", "PMI", "社融", "非农", "失业率"})
_DIGIT = hanzi.compile(r"\d")
# Talk of a rate move, not the move: 深度衰退将迫使美联储单次降息一个百分点 / 市场押注9月加息.
_TALK_OF_RATES = hanzi.compile(
    r"(?:将|或|可能|预计|预期|迫使|押注|料|有望|警告|告诫|呼吁)[^，。]{0,12}(?:降息|加息|降准)"
)
# A benchmark crossing a round level: 上证指数站上3600点.
_LEVEL = hanzi.compile(r"(?:站上|突破|跌破|失守|重返|收复)\d{3,5}点")
# Public safety: a disaster, its toll and the emergency response touch every reader in its path.
# A forecast or a blue warning is weather; deaths, evacuations, breaches and the top alert levels are news.
_SAFETY = hanzi.compile(
    r"被困|转移|撤离|受灾|灾情|决堤|溃坝|地震|泥石流|大洪水|流域性|特大暴雨|"
    r"红色预警|橙色预警|一级响应|Ⅰ级|Ⅱ级|爆炸|坍塌|塌陷|冲毁|冲断|停运|停航|超强台风"
)
# Lives lost or missing: the first fact of any disaster.
_TOLL = hanzi.compile(r"死亡|遇难|罹难|牺牲|失联|伤亡|身亡|丧生")
# A sudden deadly event and how many it killed: 政治集会发生爆炸 至少42死130多伤.
_SUDDEN = hanzi.compile(r"爆炸|袭击|枪击|恐袭|坠毁|坠机|地震|沉没|翻船|火灾|踩踏|垮塌|坍塌|事故|撞车|脱轨")
_DEAD = hanzi.compile(r"(\d{2,5})(?:人|名)?(?:死|遇难|罹难|丧生)")
# A state's leadership overturned or stepping down.
# Someone appointed to a post (决定任命王毅为外交部部长): the leadership acting, and for a minister a change.
_APPOINTED = r"任命[^，。]{1,12}为[^，。]{0,12}"
_UPHEAVAL = hanzi.compile(
    r"(?:发生|突发|爆发|发动)(?:军事)?政变|政变未遂|未遂政变"
    r"|(?:总统|首相|总理|国王|元首)[^，。]{0,12}(?:卸任|辞职|下台|辞去|被罢免|遭弹劾|被推翻|[被遭][^，。！]{0,4}(?:扣押|软禁|拘押))"
)
_MINISTER_REPLACED = hanzi.compile(rf"{_APPOINTED}(?:部长|行长)")
# What follows an upheaval days later (尼日尔突发政变一周，外交部回应…): its aftermath, not the upheaval.
_AFTERMATH = hanzi.compile(r"政变(?:一周|[一二三四五六七八九十\d]+天|以来|之?后|军人|军政府|领导人|当局)")


# The country's leadership acting, and national bodies issuing policy: front-page by rank alone.
_LEADERSHIP = hanzi.compile(
    r"中共中央|党中央|中央政治局|政治局会议|国务院常务会议|国常会|国务院印发|国务院办公厅|习近平|李强|"
    rf"{_APPOINTED}(?:部长|行长|主任|总理|主席)"  # a minister named
)
_HEAD_OF_STATE = hanzi.compile(r"习近平")
_LEADERS_MEETING = hanzi.compile(r"国务院常务会议|国常会|政治局会议|政治局常委会|中央全会|中央委员会全体会议")
# A local body studying the leadership's words, or the reactions to them (回信引发热烈反响): not the act itself.
_STUDY = hanzi.compile(r"学习|传达|贯彻|宣讲|精神|反响|热议|心声")
# An official investigated or arrested, and the ranks that make it national news.
_GRAFT = hanzi.compile(r"严重违纪违法|审查调查|决定逮捕|开除党籍|被查|落马|受贿")
_NATIONAL_RANK = hanzi.compile(r"中管|部长|省长|省委书记|自治区主席|市委书记|主席|总经理|董事长|大使|将军")
# A city's or a province's weather outlook (北京未来三天多雷雨天气): the weather page, not a warning.
_OUTLOOK = hanzi.compile(
    r"未来\d{1,2}天|未来[一二三四五六七]天|今明两?天|天气预报|多雷雨|气温将|将有[^，。]{0,8}[雨雪]"  # …仍将有大到暴雨
)
# A province's or a city's own development drive (广西加快建设…, 贵州推进…): regional news.
_REGIONAL = hanzi.compile(
    r"^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
    r"云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|[\u4e00-\u9fff]{2,3}市)[^，。]{0,6}"
    r"(?:加快|推进|推动|推|打造|建设|助力|赋能|着力|全力|持续|扎实|力争|深化|探索)"
)
# One company's order, contract or patent, told as its own announcement (合锻智能：拿下…订单).
# 日内下跌1.00% 现报71.32美元/桶, 午后涨幅扩大至7.72%: a price read inside the session, stale by morning.
_TICK = hanzi.compile(r"日内|盘中|午后|尾盘|短线|现报")
# 财政部两期国债中标结果出炉: a scheduled auction's result, read by the bond desk, not the front page.
_ROUTINE_RESULT = hanzi.compile(r"中标(?:利率|结果)|招标结果")
_COMPANY_DEAL = hanzi.compile(
    r"^[\u4e00-\u9fffA-Za-z]{2,8}[：:][^，。]{0,16}(?:订单|中标|签约|签订|合同|专利|合作协议)"
)
_TRADE_ACT = hanzi.compile(r"出口管制|实体清单|加征关税|反倾销|反补贴|(?:宣布|实施|采取)[^，。]{0,10}制裁")
# One person's death in an incident (17岁少年在射击俱乐部打工时中枪身亡): a city's news, however many
# outlets follow it; a disaster's toll counts its dead (致2人死亡) and is not this.
_ONE_DEATH = hanzi.compile(
    r"(?:少年|少女|男子|女子|男童|女童|老人|男孩|女孩|学生|游客|司机|工人|小伙|大爷|大妈)[^，。]{0,14}(?:身亡|死亡|溺亡|殒命)"
)
# A court's or an agency's casebook (最高法发布…11个典型案例): routine publicity, however many carry it.
_CASEBOOK = hanzi.compile(r"典型案例|十大案例|优秀案例|典型案件")
# A photo caption as the only headline ("2023年7月31日，北京丰台区一街道上，市民冒雨出行"): a picture, not a report.
_CAPTION = hanzi.compile(r"^\d{4}年\d{1,2}月\d{1,2}日[，,][^，,。]{2,12}[，,]")
_ADVERT = hanzi.compile(r"^\s*(?:广告|推广|赞助)|优质标的|免费研报")
_POLICY = hanzi.compile(
    rf"(?:{NATIONAL_BODIES}|部门)(?:[：:]|[^，。]{{0,12}}(?:印发|发布|出台|公布|公告|部署|启动|提升|实施|征求意见|放宽|取消))|"
    r"《[^》]{2,30}(?:措施|意见|办法|通知|方案|规定|条例|规划)》"
)


# What a ministry's own headline does when it changes the rules (not a forum remark or a statistic).
_RULES = hanzi.compile(
    r"印发|发布(?!会)|出台|公布|实施|放宽|取消|征求意见|启动|部署|延续|延长|公告|通知|措施|改革|引导|支持|降低|下调|上调|"
    r"禁止|规范|管制|暂停|恢复|方案|意见|规划|指导|到20\d\d年"
)
# Several ministries heading their joint announcement (四部门：…, 多部门联合…).
_DEPARTMENTS = hanzi.compile(r"^(?:[二三四五六七八九十]|多)部门(?:[：:]|联合|发布|印发)")


# The state stating its position on Taiwan or its territory (外交部：中方敦促美方不得安排赖清德"过境"):
# every Chinese front page carries it, however few outlets did.
_SOVEREIGNTY = hanzi.compile(r"台湾|台独|台海|涉台|窜美|窜访|赖清德|蔡英文|南海|钓鱼岛|黄岩岛|仁爱礁")
_STATE_VOICE = hanzi.compile(r"外交部|国台办|国防部|中方")


def _ministry_rules(story: Story, rep: Article) -> bool:
    """A national ministry (or several) heads its own rule change in one of the story's headlines."""
    for title in dict.fromkeys(a.title for a in (rep, *story.articles[:_TITLES])):
        found = announcement(title)  # what the body says, not its name (国家发展改革委 holds 改革)
        if (found and _RULES.search(found[1])) or (_DEPARTMENTS.match(title) and _RULES.search(title)):
            return True
    return False


def _from_wire(article: Article) -> bool:
    """Credited to a wire, or telling what one reported (据人民日报消息，…): its facts are the wire's."""
    cited = source_of(" ".join(article.paragraphs)[:120])
    return any(name and _WIRE.match(name.strip()) for name in (article.outlet, cited))


def _official(story: Story, rep: Article) -> float:
    """A wire or official source (1), plus who acts: the leadership (9), a national body issuing
    policy or an emergency response (1), another official body named as the actor (0.5)."""
    source = 1.0 if any(_from_wire(a) for a in story.articles[:_TITLES]) else 0.0
    head = rep.title + " ".join(rep.paragraphs)[:80]
    if _LEADERSHIP.search(rep.title) and not _STUDY.search(rep.title):
        # The head of state acting himself leads the leadership's news, unless it was told days ago.
        if _retold(story):
            rank = 0.0
        elif _HEAD_OF_STATE.search(rep.title):
            rank = W_HEAD_OF_STATE
        else:
            rank = W_LEADERS_MEETING if _LEADERS_MEETING.search(rep.title) else 0.0
        actor = W_LEADERSHIP + rank
    elif _ministry_rules(story, rep):  # any report's headline may carry it (四部门发布…公告 / 大疆回应)
        actor = W_MINISTRY
    elif _POLICY.search(head):
        actor = W_POLICY
    elif _SOVEREIGNTY.search(head) and _STATE_VOICE.search(head):
        actor = W_SOVEREIGNTY
    else:
        actor = 0.5 if _OFFICIAL_ACTOR.search(rep.title) else 0.0
    return source + actor


# Another country's press quoted on its own affairs (外媒：拜登的狗…): seldom the day's news here.
# …, 美媒：言论令人惊奇！ : its verdict appended to the headline counts the same.
_FOREIGN_PRESS = hanzi.compile(r"(?:^|[，,]\s*)(?:外媒|美媒|日媒|韩媒|英媒|俄媒|法媒|德媒|印媒|澳媒)[：:]")


# Private lives and pets of the famous (a leader's dog, a prime minister's separation): read, but
# not what a morning briefing is for.
SOFT_REACH = -2.0
_SOFT = hanzi.compile(r"宠物|爱犬|狗|猫|分居|离婚|恋情|婚礼|绯闻|明星|网红|综艺|粉丝|热舞|喊话|竞选活动|竞选集会|拉票")


# A shout ahead of the headline (公开悬赏！忻府区男子…): the headline proper starts after it.
_SHOUTED = hanzi.compile(r"^[^！!，,。\s]{1,6}[！!]\s*")


def _reach(story: Story, rep: Article) -> float:
    title = rep.title
    if (_LOCAL.search(title) or _LOCAL.search(_SHOUTED.sub("", title))) and not _OFFICIAL_ACTOR.search(title):
        return -1.5
    if _GRAFT.search(title) and not _NATIONAL_RANK.search(title):
        return -1.5
    if (_OUTLOOK.search(title) and not _SAFETY.search(title)) or _COMPANY_DEAL.search(title) or _REGIONAL.search(title):
        return -1.5
    if any(_CASEBOOK.search(a.title + "".join(a.paragraphs)[:60]) for a in story.articles[:_TITLES]):
        return -1.5
    if any(_ONE_DEATH.search(a.title) for a in story.articles[:_TITLES]) and not _OFFICIAL_ACTOR.search(title):
        return -1.5
    # Any member's headline may be the one shown (digests.headlines.headline): judge them all.
    if any(
        _FOREIGN_PRESS.search(a.title) or _SOFT.search(a.title + "".join(a.paragraphs)[:60]) for a in story.articles
    ):
        return SOFT_REACH
    return 0.5 if _NATIONAL.search(title) or _OFFICIAL_ACTOR.search(title) else 0.0


def _magnitude(story: Story, rep: Article) -> float:
    """A record or extreme in the headline 1.25, key macro data, a policy rate or a rating cut 4, a trade act 2.5,
    another market-moving subject 0.75 (0.3 in the text only), a disaster or emergency 1, lives
    lost 1.5 (a sudden event killing ten or more 4), a leadership overturned or stepping down 5."""
    head = "".join(rep.paragraphs)[:200]
    # Any member's headline may be the one shown (digests.headlines.headline): a few of them are read.
    title = " ".join(dict.fromkeys(a.title for a in (rep, *story.articles[:_TITLES])))
    record = 1.25 if _RECORD.search(title) else 0.0
    # The release or decision itself (not talk of one), or the session's headline figure (站上3600点).
    macro = _MACRO.search(rep.title)
    # A data release gives its figure (PMI为49.3%); without one it is talk about it (CPI又可能出意外).
    released = macro and not (macro.group(0) in _DATA_NAMES and not _DIGIT.search(rep.title))
    if (released and not _TALK_OF_RATES.search(rep.title)) or _LEVEL.search(rep.title + head[:80]):
        market = W_MACRO
    elif _TICK.search(rep.title):
        market = 0.0  # one instrument's move inside the session (WTI原油期货日内下跌1.00% 现报…): a tick
    else:
        market = 0.75 if macro or _MARKET.search(title) else 0.3 if _MARKET.search(head) else 0.0
    safety = 1.5 if _TOLL.search(title) else 1.0 if _SAFETY.search(title) else 0.0
    safety = 0.0 if _ONE_DEATH.search(title) else safety  # one person's death is no disaster's toll
    dead = max((int(n) for n in _DEAD.findall(title)), default=0)
    if dead >= 10 and _SUDDEN.search(title + head[:60]):
        safety = W_UPHEAVAL  # a massacre or a disaster of that size is the world's front page too
    overturned = _UPHEAVAL.search(title) and not _AFTERMATH.search(title)
    upheaval = W_UPHEAVAL if overturned else W_MINISTER if _MINISTER_REPLACED.search(title) else 0.0
    trade = W_TRADE if _TRADE_ACT.search(title) else 0.0
    return record + market + safety + upheaval + trade


_SHAPED = 5  # members read for a template's shape: bounded, however big the story


def _text_weights(story: Story, rep: Article, templates: TemplateShapes | None) -> TextWeights:
    """The parts read from the story's text: official, reach, magnitude, and whether it is a template."""
    # A template's reports are all template-shaped (a fund's net values); a press conference's headline
    # may be (中国气象局举行8月份新闻发布会) while a member reports its news (台风“卡努”…远离我国).
    shaped = templates is not None and all(templates.is_template(a) for a in {rep, *story.articles[:_SHAPED]})
    template = shaped or bool(_ADVERT.search(rep.title))
    template = template or all(_CAPTION.search(a.title) for a in story.articles)
    official, reach, magnitude = _official(story, rep), _reach(story, rep), _magnitude(story, rep)
    if _ROUTINE_RESULT.search(rep.title):  # a scheduled auction's result: a data point, no one acting
        official, reach = 0.0, min(reach, 0.0)
    if reach <= SOFT_REACH:  # a prime minister's separation, another press's talk: no office acting
        official = 0.0
    foreign = FOREIGN.search(rep.title) and not (CHINA_TIE.search(rep.title) or STATE_ACT.search(rep.title))
    if foreign and magnitude < WORLD_SHAKING:
        reach = min(reach, FOREIGN_AFFAIRS)
    return official, reach, magnitude, template


# A report that says it happened some days ago (近日，外交部发布消息，…): news already told elsewhere.
_RECENTLY = hanzi.compile(r"^\s*(?:近日|日前|前不久|此前|前些天)[，,]")


def dated_before(story: Story, first_day: date) -> bool:
    """Each report read that dates its news dates it before the window's first day (a day earlier at home;
    abroad, in local time, two): yesterday's news retold, whatever reports dating nothing say (惠誉…后，…)."""
    ages = []
    for article in story.articles[:3]:
        opening = " ".join(article.paragraphs)[:OPENING_SPAN]
        told = day_told(opening, first_day, written=article.published.astimezone(NEWS_ZONE).date())
        abroad = "当地时间" in opening or world_news(article.title)
        ages += [] if told is None else [(first_day - told).days - (2 if abroad else 1)]
    return bool(ages) and min(ages) >= 0


def _retold(story: Story) -> bool:
    return len(story.articles) <= 2 and all(_RECENTLY.match(" ".join(a.paragraphs)[:20]) for a in story.articles)


def score_parts(
    story: Story,
    rep: Article,
    since: datetime,
    until: datetime,
    *,
    templates: TemplateShapes | None = None,
    seen_before: bool = False,
    topic_articles: int = 0,
    topic_outlets: int = 0,
    memo: dict[tuple[str, str, int], TextWeights] | None = None,
    first_day: date | None = None,
) -> tuple[tuple[str, float], ...]:
    """The named parts of a story's score (their sum is the score). ``memo`` keeps the parts read
    from the story's text across calls (digests.grouping.Grouping.text_weights)."""
    key = (story.articles[0].id, rep.id, len(story.articles))
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = _text_weights(story, rep, templates)
        if memo is not None:
            memo[key] = found
    official, reach, magnitude, template = found
    # Yesterday's act or figure retold today (dated, told again as 近日…, or in yesterday's digest): who
    # acted and how big it was were yesterday's front page.
    told = seen_before or _retold(story) or bool(first_day and dated_before(story, first_day))
    dated = -(max(0.0, official - 1.0) + magnitude) if told else 0.0
    # Local filler does not borrow the size of the subject it mentions (a county's 慰问 naming 怒江);
    # the leadership's act, already front-page by rank, borrows half (习近平将出席 is not the Games' coverage).
    own = max(1, len(story.outlets))
    borrowed = max(1, topic_outlets if reach >= 0 else 1)
    share = 0.5 if official >= W_LEADERSHIP else 1.0
    outlets_part = max(W_OUTLETS * math.log2(own), share * W_OUTLETS * math.log2(borrowed))
    span = (until - since).total_seconds() or 1.0
    recency = min(1.0, max(0.0, (rep.published - since).total_seconds() / span))
    return (
        ("outlets", round(outlets_part, 3)),
        ("follow", round(min(MAX_FOLLOW, W_FOLLOW * math.log2(max(len(story.articles), topic_articles))), 3)),
        ("official", official),
        ("reach", reach),
        ("magnitude", magnitude),
        ("template", -4.0 if template else 0.0),
        ("recency", round(W_RECENCY * recency, 3)),
        ("seen", -2.0 if told else 0.0),
        ("dated", dated),
    )
