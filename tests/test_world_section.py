"""The page's make-up: it carries the world, the head of state leads his government's acts, a topic's
most reported story stands for it, and a headline cut short gives way to the whole one with its text."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_ranking_rules import parts_of

# Eight national stories, each carried by three outlets: a full page without any world news.
HOME = [
    a
    for n, (title, body) in enumerate(
        [
            ("教育部公布高考录取进度", "教育部介绍，各地高考录取工作进展顺利。"),
            ("国务院常务会议部署防汛救灾", "国务院常务会议部署防汛救灾工作。"),
            ("7月份中国制造业PMI为49.3%", "国家统计局公布，7月份制造业采购经理指数为49.3%。"),
            ("四部门对部分无人机实施出口管制", "商务部等四部门发布公告，对部分无人机实施出口管制。"),
            ("最高检发布保护民营企业意见", "最高检发布意见，依法惩治侵害民营企业合法权益犯罪。"),
            ("铁路暑运客流创新高", "国铁集团介绍，暑运以来铁路客流持续高位运行。"),
            ("全国夏粮产量公布", "国家统计局公布全国夏粮产量数据。"),
            ("民航局发布暑期出行提示", "民航局发布暑期出行提示，提醒旅客提前值机。"),
        ]
    )
    for a in (
        art(f"h{n}", title, body, f"1{n}:00", outlet="新华社"),
        art(f"h{n}b", title, body, f"1{n}:05", outlet="中新社"),
        art(f"h{n}c", title, body, f"1{n}:10", outlet="人民网"),
    )
]
BOMBING = art(
    "world",
    "巴基斯坦政治集会发生爆炸 至少42死130多伤",
    "巴基斯坦西北部一场政党集会遭遇自杀式炸弹袭击，造成至少42人死亡、超过130人受伤。",
    "09:00",
    outlet="参考消息网",
)
QUARREL = art("spat", "韩国两党议员激烈争吵", "韩国国会两党议员在会上激烈争吵。", "09:30", outlet="参考消息网")


def test_a_page_without_world_news_gives_its_last_place_to_the_worlds_event_of_the_day() -> None:
    titles = [item.title for item in compose([*HOME, BOMBING, QUARREL], top_n=8).items]
    assert len(titles) == 8 and BOMBING.title in titles
    assert "7月份中国制造业PMI为49.3%" in titles  # the month's key figure keeps its place
    assert QUARREL.title not in titles  # another country's small news is not the world's event


def test_without_a_world_event_the_page_stays_as_ranked() -> None:
    titles = [item.title for item in compose([*HOME, QUARREL], top_n=8).items]
    assert QUARREL.title not in titles and len(titles) == 8


def test_the_head_of_state_then_the_leadership_meeting_then_its_offices_unless_told_days_ago() -> None:
    letter = parts_of(
        "习近平回信勉励“模范空降兵连”全体官兵", "习近平给“模范空降兵连”全体官兵回信，对他们予以亲切勉励。"
    )
    council = parts_of("国务院常务会议：调整优化房地产政策", "国务院常务会议强调要调整优化房地产政策。")
    retold = parts_of("习近平将出席大运会开幕式", "近日，外交部发布消息，习近平将出席大运会开幕式。")
    office = parts_of("国务院办公厅转发关于恢复和扩大消费措施的通知", "国务院办公厅转发关于恢复和扩大消费措施的通知。")
    # The desk's order: the head of state, the leadership meeting, its offices' documents.
    assert letter["official"] > council["official"] > office["official"] >= retold["official"]


def test_of_one_topics_stories_scoring_within_the_hour_the_one_reported_more_stands_for_it() -> None:
    from digests.grouping import Story, find_stories
    from digests.lineup import Ranked, _most_reported_first

    hukou = art("hukou", "公安部：全面放宽大城市落户条件", "公安部研究制定措施，全面放宽大城市落户条件。", "15:50")
    again = art("hukou2", hukou.title, hukou.body, "11:53")
    papers = art("papers", "公安部实施“免交证、办成事”改革", "公安部实施改革，群众办事免交户口簿。", "21:45")
    other = art("other", "国家统计局公布7月PMI", "7月制造业PMI为49.3%。", "09:30")
    by_id = {s.articles[0].id: s for s in find_stories([hukou, again, papers, other])}
    reform, measure, pmi = by_id["papers"], by_id["hukou2"], by_id["other"]

    def ranked(story: Story, score: float) -> Ranked:
        return Ranked(score, story, story.articles[-1], (), 1)

    grouped = SimpleNamespace(topic_of={"papers": 7, "hukou2": 7, "other": 8}, subject_names=lambda s: frozenset())
    close = _most_reported_first([ranked(reform, 7.51), ranked(pmi, 7.48), ranked(measure, 7.44)], grouped)
    assert [r.story for r in close] == [measure, pmi, reform]
    # A story further behind than the hour's difference keeps its place however often it was reported.
    far = _most_reported_first([ranked(reform, 7.51), ranked(measure, 6.9)], grouped)
    assert [r.story for r in far] == [reform, measure]


def test_a_report_whose_headline_was_cut_short_gives_way_to_the_whole_headlines_text() -> None:
    said = "外交部发言人表示，中方坚决反对任何形式的美台官方往来，敦促美方不得安排赖清德“过境”窜美。"
    whole = art("whole", "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排", said, "21:46", outlet="环球网")
    cut = art(
        "cut",
        "赖清德拟“过境”窜美",
        "赖清德拟“过境”窜美，中方发声外交部网站赵超逸/@央视新闻民进党当局宣布赖清德8月中旬“过境”窜美的日程。" + said,
        "22:46",
    )
    [item] = compose([whole, cut]).items
    assert item.title == whole.title
    assert item.text.startswith("外交部发言人表示") and "赵超逸" not in item.text


def test_yesterdays_act_retold_today_loses_what_its_actor_and_magnitude_gave_it() -> None:
    from datetime import date

    from digests.grouping import find_stories
    from digests.ranking import score_parts

    def parts(title: str, body: str, day: date) -> dict[str, float]:
        a = art("x", title, body, "08:50", outlet="新华社", day=day.day)
        since, until = a.published - timedelta(hours=8), a.published + timedelta(hours=15)
        return dict(score_parts(find_stories([a])[0], a, since, until, first_day=day))

    title = "决定任命王毅为外交部部长"
    body = "全国人大常委会会议25日在北京举行。会议经表决，决定任命王毅为外交部部长。"
    assert parts(title, body, date(2021, 12, 25))["dated"] == 0  # the day it happened
    retold = parts(title, body, date(2021, 12, 26))
    assert retold["dated"] < 0 and retold["seen"] < 0 and sum(retold.values()) < 3
    # Abroad, told in its local time, a day late is the news arriving: two days make it old.
    rating = "惠誉当地时间25日将美国长期外币发行人违约评级从AAA下调至AA+。"
    assert parts("惠誉下调美国评级至AA+", rating, date(2021, 12, 26))["dated"] == 0
    assert parts("惠誉下调美国评级至AA+", rating, date(2021, 12, 27))["dated"] < 0
    # A figure's period (截至25日) is not when it was told; a date due ahead (将于28日举行) is not yesterday's.
    assert parts("北向资金本月净流入创新高", "截至25日，北向资金本月净流入创新高。", date(2021, 12, 26))["dated"] == 0
    assert parts("大运会将于28日开幕", "大运会将于28日开幕。", date(2021, 12, 26))["dated"] == 0


def test_a_disaster_stands_on_its_national_response_and_its_counted_toll_is_told_in_the_lead() -> None:
    from digests.grouping import find_stories
    from digests.lineup import Ranked, _weight
    from tests.test_frontpage import FILLER, FLOOD

    def ranked(title: str, official: float, magnitude: float) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        parts = (("official", official), ("magnitude", magnitude), ("template", 0.0))
        return Ranked(official + magnitude, find_stories([a])[0], a, parts, 1)

    toll = ranked("北京门头沟暴雨致2人死亡", 1.0, 1.5)
    response = ranked("国家减灾委、应急管理部针对河北启动国家Ⅳ级救灾应急响应", 6.0, 1.0)
    assert _weight(response) > _weight(toll)  # the disaster's scale, not one district
    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    said = "国家减灾委、应急管理部31日针对河北启动国家Ⅳ级救灾应急响应，派出工作组。"
    national = [
        art(f"r{k}", response.rep.title, said, f"1{k}:50", outlet=o) for k, o in enumerate(["新华社", "央视新闻"])
    ]
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:3{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    lead = compose(flood + national + news + FILLER, top_n=4).items[0]
    assert lead.article_ids == ("r0", "r1")
    assert "门头沟区在31日上午的抢险巡查时" in lead.text or "北京门头沟暴雨致2人死亡。" in lead.text


def test_after_the_lead_the_leaderships_news_in_the_desks_order_then_home_then_the_world() -> None:
    from digests.grouping import find_stories
    from digests.layout import in_page_order
    from digests.lineup import Ranked

    def ranked(title: str, score: float, official: float) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        return Ranked(score, find_stories([a])[0], a, (("official", official),), 1)

    lead = ranked("海河发生流域性大洪水", 20.0, 2.0)
    rating = ranked("惠誉下调美国评级引争议", 9.4, 0.0)  # another country's news, ranked above home news
    office = ranked("国务院办公厅转发关于恢复和扩大消费措施的通知", 16.6, 12.0)
    council = ranked("国务院常务会议：调整优化房地产政策", 16.5, 15.0)
    hukou = ranked("公安部：全面放宽大城市落户条件", 7.4, 5.0)
    page = in_page_order([lead, office, council, rating, hukou])
    assert [r.rep.title for r in page] == [
        lead.rep.title,
        council.rep.title,  # the leadership's own meeting before its office's document
        office.rep.title,
        hukou.rep.title,  # home news before the world's, whatever the score
        rating.rep.title,
    ]
    world_lead = ranked("美国宣布对伊朗开战", 30.0, 0.0)
    assert in_page_order([world_lead, hukou])[0] is world_lead  # the lead keeps its place


def test_of_equally_good_headlines_the_one_the_reports_agree_on_heads_the_story() -> None:
    from digests.grouping import Story
    from digests.headlines import headline

    body = "最高人民法院31日发布典型案例，并介绍运用禁令及时制止造谣中伤民营企业的做法。"
    angle = art(
        "angle", "最高法：及时制止造谣中伤民营企业和企业家的侵权行为", body + "案例涉及多个领域。", outlet="封面新闻"
    )
    reports = (
        angle,
        art("b", "最高法发布11件依法平等保护民营企业典型案例", body, "10:05", outlet="新华社"),
        art("c", "最高法发布依法平等保护民营企业的11个典型案例", body, "10:10", outlet="央广网"),
        art("d", "最高人民法院发布了11个依法平等保护民营企业的典型案例", body, "10:20", outlet="中新网"),
    )
    story = Story(reports, (reports,), ())
    assert "典型案例" in headline(story, angle)
    # Two outlets leading with the angle keep it over one outlet's other headline.
    angled = (angle, art("e", angle.title, body, "10:30", outlet="红星新闻"), reports[1])
    assert headline(Story(angled, (angled,), ()), angle) == angle.title
    # One outlet's copies of its own headline are one voice: they do not outvote two other outlets.
    copied = (angle, art("f", angle.title, body, "10:30", outlet="封面新闻"), reports[1], reports[2])
    assert "典型案例" in headline(Story(copied, (copied,), ()), angle)


def test_the_months_key_figure_follows_the_leadership_and_the_worlds_upheavals_stand_among_home_news() -> None:
    from digests.grouping import find_stories
    from digests.layout import in_page_order
    from digests.lineup import Ranked

    def ranked(title: str, score: float, **parts: float) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        return Ranked(score, find_stories([a])[0], a, tuple({"official": 0.0, **parts}.items()), 1)

    lead = ranked("海河流域发生流域性较大洪水", 24.0)
    council = ranked("国务院常务会议：调整优化房地产政策", 16.5, official=15.0)
    court = ranked("最高法发布11件典型案例", 12.4, official=1.5, reach=0.5)
    pmi = ranked("7月份制造业PMI为49.3%", 10.2, magnitude=4.0, reach=0.5)
    airshow = ranked("长春航空展开幕", 7.0, magnitude=1.25)
    coup = ranked("尼日尔总统被卫队扣押", 11.0, magnitude=5.0)
    rating = ranked("惠誉下调美国评级", 9.4, magnitude=4.0, reach=0.5)
    page = in_page_order([lead, council, court, coup, pmi, rating, airshow])
    assert page == [lead, council, pmi, court, coup, airshow, rating]


def test_the_leaderships_news_told_days_ago_keeps_the_place_its_rank_gave_it() -> None:
    from digests.grouping import find_stories
    from digests.layout import in_page_order
    from digests.lineup import Ranked

    def ranked(title: str, score: float, official: float, seen: float = 0.0) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        return Ranked(score, find_stories([a])[0], a, (("official", official), ("seen", seen)), 1)

    lead = ranked("台风红色预警发布", 20.0, 1.0)
    hack = ranked("武汉地震监测中心遭境外组织网络攻击", 12.0, 1.0)
    retold = ranked("国家主席习近平将出席大运会开幕式", 9.8, 11.0, seen=-2.0)
    assert in_page_order([lead, hack, retold]) == [lead, hack, retold]


def test_a_running_subjects_lead_is_told_as_a_roundup_of_its_other_fronts() -> None:
    from tests.test_frontpage import FILLER, FLOOD

    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    # Two fronts a second outlet carried too: those are told in the lead's text; one outlet's stay below.
    carried = [art(f"again{n}", FLOOD[n][0], FLOOD[n][1], f"1{n}:20", outlet="新华社") for n in (3, 4)]
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:3{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    d = compose(flood + carried + news + FILLER, top_n=4, max_chars=120)
    lead = d.items[0]
    assert lead.text.startswith("门头沟区在31日上午的抢险巡查时")  # its own news first
    assert not any(it.article_ids[0].startswith(("fl", "again")) for it in d.items[1:])
    told = [t for t, b, _ in FLOOD[1:] if b in lead.text or t.replace(" ", "，") in lead.text]
    assert sorted(told) == sorted([FLOOD[3][0], FLOOD[4][0]]) and len(lead.text) <= 240  # within twice the budget
    assert lead.also and not set(told) & set(lead.also)  # a front told in the text is not named again below


def test_a_lead_roundup_adds_a_fact_its_own_members_headlines_state_and_its_text_lacks() -> None:
    from digests.grouping import Story
    from digests.headlines import member_facts

    warning = art("w", "今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色。", "10:57", outlet="中央气象台")
    landfall = art(
        "l", "“杜苏芮”将于28日在我国闽粤沿海登陆 西南地区等地有较强降雨", "预计28日登陆。", "16:27", outlet="人民网"
    )
    copy = art("c", "今年首个台风红色预警发布！", "中央气象台26日将台风预警升级为红色。", "11:00", outlet="澎湃新闻")
    story = Story((warning, copy, landfall), ((warning, copy, landfall),), ())
    assert member_facts(story, warning.title) == [(landfall, landfall.title)]
    assert member_facts(Story((warning, copy), ((warning, copy),), ()), warning.title) == []  # no figure beyond it


def test_a_disaster_stated_by_a_fresh_report_heads_its_subject_and_the_national_response_is_told_under_it() -> None:
    from digests.grouping import find_stories
    from digests.lineup import Ranked, _weight
    from tests.test_frontpage import FILLER, FLOOD

    def ranked(title: str, official: float, seen: float = 0.0) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        parts = (("official", official), ("magnitude", 1.0), ("template", 0.0), ("seen", seen))
        return Ranked(official + 1.0, find_stories([a])[0], a, parts, 1)

    struck = ranked("海河流域发生流域性较大洪水 水利部工作组在京津冀指导工作", 1.0)
    response = ranked("国家减灾委、应急管理部针对河北启动国家Ⅳ级救灾应急响应", 6.0)
    assert _weight(struck) > _weight(response)  # what happened, before what was done about it
    counted = ranked("京津冀等地13条河流发生超警以上洪水 水利部滚动部署防御", 2.0)
    counted = counted._replace(parts=(("official", 2.0), ("magnitude", 0.0), ("template", 0.0), ("seen", 0.0)))
    assert _weight(struck) > _weight(counted)  # of two stated, the basin's flood, not the rivers counted
    assert _weight(ranked(struck.rep.title, 1.0, seen=-2.0)) < _weight(response)  # not when told before

    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    said = "国家减灾委、应急管理部31日针对河北启动国家Ⅳ级救灾应急响应，派出工作组。"
    national = [
        art(f"r{k}", response.rep.title, said, f"1{k}:50", outlet=o) for k, o in enumerate(["新华社", "央视新闻"])
    ]
    rivers = art(
        "rivers",
        "京津冀等地13条河流发生超警以上洪水 中国水利部启动Ⅱ级应急响应",
        "记者31日从中国水利部获悉，京津冀等地13条河流发生超警以上洪水，其中拒马河等4条河流发生超保证洪水。",
        "20:50",
        outlet="中新社",
    )
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:3{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    lead = compose([*flood, *national, rivers, *news, *FILLER], top_n=4).items[0]
    assert lead.article_ids == ("rivers",)
    assert lead.title == "京津冀等地13条河流发生超警以上洪水 水利部启动Ⅱ级应急响应"  # the wire's 中国 goes at home
    assert "国家减灾委、应急管理部针对河北启动国家Ⅳ级救灾应急响应。" in lead.text or said in lead.text
    # The toll opens the roundup, before the lead's own news: what a reader looks for first.
    assert lead.text.startswith(("北京门头沟暴雨致2人死亡。", FLOOD[0][1]))
    assert lead.text.index("13条河流") > 0


def test_a_reaction_headline_gives_way_to_a_members_headline_that_names_what_it_reacts_to() -> None:
    from digests.grouping import Story
    from digests.headlines import headline

    body = "7月31日，商务部等四部门发布关于对部分无人机实施出口管制的公告。大疆表示将严格遵守执行。"
    news = art("news", "四部门发布对部分无人机实施出口管制公告，大疆回应", body, "20:12")
    reactions = (
        art("gt", "大疆回应：严格遵守执行！", body, "21:49", outlet="环球时报"),
        art("pp", "大疆回应：严格遵守执行", body, "22:52", outlet="澎湃新闻"),
    )
    story = Story((news, *reactions), ((news, *reactions),), ())
    # Two outlets agreeing on the reaction do not make it the news; its bare 大疆回应 deck goes too.
    assert headline(story, reactions[1]) == "四部门发布对部分无人机实施出口管制公告"
    alone = Story(reactions, (reactions,), ())
    assert headline(alone, reactions[1]).startswith("大疆回应")  # without the news, the reaction is the headline
