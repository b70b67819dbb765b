"""A running story on a front page: the evening's development stands for it, and its lead's roundup
tells the subject's own sizeable fronts (a typhoon's, not another province's rain; not a tally); one
item per beat tells the figure of the beat-mate the page left out."""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_dedup import art
from tests.test_digest import compose


def test_of_a_running_story_outlets_name_the_evenings_development_stands_for_its_topic() -> None:
    from digests.grouping import Story, find_stories
    from digests.lineup import Ranked, _most_reported_first

    ports = art(
        "ports", "台风“卡努”逼近，浙江沿海涉水工程已全部停工", "截至3日7点30分，260个涉水工程已全部停工。", "08:04"
    )
    ports2 = art("ports2", ports.title, ports.body, "09:00")
    turn = art("turn", "台风“卡努”8月4日后转向东偏北方向远离我国", "预计“卡努”4日后向东偏北方向移动。", "20:00")
    early = art("early", "台风“卡努”在东海回旋少动", "“卡努”3日在东海回旋少动。", "09:30")
    by_id = {s.articles[0].id: s for s in find_stories([ports, ports2, turn, early])}

    def ranked(story: Story, score: float) -> Ranked:
        return Ranked(score, story, story.articles[-1], (), 1)

    named = SimpleNamespace(topic_of={"ports": 5, "turn": 5, "early": 5}, subject_names=lambda s: frozenset({"卡努"}))
    page = _most_reported_first([ranked(by_id["ports"], 10.13), ranked(by_id["turn"], 8.63)], named)
    assert page[0].story is by_id["turn"]  # the typhoon turning away, not the morning's port closures
    # Not when it is no development (an hour later), nor when no name ties them, nor when far behind.
    assert (
        _most_reported_first([ranked(by_id["ports"], 10.13), ranked(by_id["early"], 9.9)], named)[0].story
        is by_id["ports"]
    )
    unnamed = SimpleNamespace(topic_of=named.topic_of, subject_names=lambda s: frozenset())
    assert (
        _most_reported_first([ranked(by_id["ports"], 10.13), ranked(by_id["turn"], 8.63)], unnamed)[0].story
        is by_id["ports"]
    )
    assert (
        _most_reported_first([ranked(by_id["ports"], 10.13), ranked(by_id["turn"], 7.0)], named)[0].story
        is by_id["ports"]
    )


def test_a_lead_roundup_leaves_a_tally_of_river_rises_to_the_related_line() -> None:
    from tests.test_frontpage import FILLER, FLOOD

    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    tally = "8月2日8时至3日8时 河北各水系共发生涨水过程10次"
    said = "8月2日8时至3日8时，河北各水系共发生涨水过程10次。"
    tallies = [art(f"t{k}", tally, said, f"2{k}:00", outlet=o) for k, o in enumerate(["中新网", "河北日报"])]
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:3{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    lead = compose(flood + tallies + news + FILLER, top_n=4, max_chars=120).items[0]
    assert lead.article_ids[0].startswith("fl") and said not in lead.text  # two outlets, but no size and no place


def typhoon_warning() -> list:
    """The day's typhoon warning, carried by three outlets: the lead of the tests below."""
    warning = "中央气象台26日将台风预警升级为红色，各地全力做好防台防汛工作。"
    return [
        art(f"w{k}", "今年首个台风红色预警发布 各地全力防汛防台", warning, f"1{k}:00", outlet=o)
        for k, o in enumerate(["中央气象台", "中新社", "人民网"])
    ]


def test_a_typhoons_lead_names_the_typhoons_fronts_not_another_provinces_rain() -> None:
    from digests.render import coverage_label
    from tests.test_frontpage import FILLER

    typhoon = typhoon_warning()
    fronts = [
        (
            "福建沿海渔船全部回港 防汛防台风应急响应提至Ⅱ级",
            "福建省26日将防汛防台风应急响应提升至Ⅱ级，沿海1.2万艘渔船全部回港避风。",
        ),
        ("四川盆地将有暴雨 防汛部门加强巡查", "四川省气象台26日发布暴雨蓝色预警，防汛部门加强河道巡查。"),
    ]
    reports = [
        art(f"front{n}{k}", t, b, f"2{n}:3{k}", outlet=o)
        for n, (t, b) in enumerate(fronts)
        for k, o in enumerate(["新华社", "央视新闻"])
    ]
    digest = compose(typhoon + reports + FILLER, top_n=3)
    items = digest.items
    lead = items[0]
    assert lead.title == "今年首个台风红色预警发布 各地全力防汛防台"
    shown = lead.text + "".join(lead.also)
    assert "福建" in shown and "四川" not in shown
    # The item is as fresh as the newest report it tells: 福建's evening response, not the morning's warning.
    assert lead.published == reports[0].published
    # and says it is compiled as of that report, not that report's own text and link (截至20:30)
    import dataclasses

    from digests.render import render_digest_text

    assert lead.compiled and not items[1].compiled
    assert " · 截至12月8日 20:30 · " in render_digest_text(dataclasses.replace(digest, items=(lead,)))[0]
    # It credits the outlet whose report it tells; it counts the media that reported the typhoon (中新社,
    # 人民网, and 新华社 and 央视新闻 on 福建), and 中央气象台 is a source, not a medium.
    assert lead.outlets == ("中央气象台", "新华社", "中新社", "人民网")
    assert (coverage_label(lead) or "").startswith("4家媒体及中央气象台报道")


def test_one_item_per_beat_tells_the_figure_of_its_beat_mate_the_page_left_out() -> None:
    wrap = "8日，A股全线走强，上证指数站上3600点，创业板指上涨近2%。"
    flow = "数据显示，截至目前，北向资金净流入达80亿元。"
    market = [
        art(f"m{k}", "A股全线走强 上证指数站上3600点", wrap, f"11:3{k}", outlet=o)
        for k, o in enumerate(["e公司", "中证网"])
    ]
    north = [art(f"nb{k}", "北向资金净流入达80亿", flow, f"13:5{k}", outlet="东方财富网") for k in range(2)]
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:4{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    items = compose(market + north + news, top_n=4).items
    shown = {i for it in items for i in it.article_ids}
    assert not shown & {"nb0", "nb1"}  # one item for the session
    (session,) = [it for it in items if "m0" in it.article_ids]
    assert session.text.index("创业板指上涨近2%") < session.text.index("北向资金净流入达80亿元")
    assert "上证指数站上3600点" not in session.text  # its headline is not said again
    assert "截至目前" not in session.text  # the running figure is told with its time


def test_a_front_told_by_its_headline_names_who_said_it_as_a_sentence_does() -> None:
    from zoneinfo import ZoneInfo

    from digests.roundup import roundup

    moved = art("moved", "北京防汛办：全市共转移群众5.2万多人", "北京防汛办：全市共转移群众5.2万多人", "21:56")
    text, told = roundup("海河流域发生流域性较大洪水。", [(moved, moved.title)], 240, tz=ZoneInfo("Asia/Shanghai"))
    assert told == (0,) and text.endswith("据北京防汛办，全市共转移群众5.2万多人。")


def test_a_disasters_toll_heads_its_lead_and_its_text_goes_on_to_those_moved() -> None:
    from digests.tolls import toll_clause, toll_first

    fronts = ["北京防汛办：全市共转移群众5.2万多人", "北京门头沟暴雨致2人死亡，社会救援力量紧急响应，求助平台已启用"]
    assert toll_first("海河流域发生流域性较大洪水", fronts) == (
        "北京门头沟暴雨致2人死亡，海河流域发生流域性较大洪水",
        1,
    )
    # A headline that counts its dead already, or no front short enough to be a deck: unchanged.
    assert toll_first("暴雨致3人遇难", fronts) == ("暴雨致3人遇难", None)
    assert toll_first("海河流域发生流域性较大洪水", ["河北多地强降雨持续，涿州码头镇一村庄致2人死亡"]) == (
        "海河流域发生流域性较大洪水",
        None,
    )
    assert toll_clause("天津静海启用蓄滞洪区，转移3万余人！称牺牲自己历史会铭记") == "天津静海启用蓄滞洪区，转移3万余人"
    assert toll_clause("社会救援力量紧急响应") == ""


def test_a_front_counting_people_moved_is_told_with_the_place_its_first_clause_names() -> None:
    from zoneinfo import ZoneInfo

    from digests.roundup import roundup

    title = "天津静海启用蓄滞洪区，转移3万余人！称牺牲自己历史会铭记"
    moved = art("moved", title, "“牺牲自己，历史会铭记。”当地干部说。", "21:56")
    text, told = roundup("海河发生流域性大洪水。", [(moved, title)], 240, tz=ZoneInfo("Asia/Shanghai"))
    assert told == (0,) and text.endswith("天津静海启用蓄滞洪区，转移3万余人。")


def test_under_a_headline_counting_the_dead_the_text_tells_the_toll_in_full() -> None:
    from zoneinfo import ZoneInfo

    from digests.roundup import toll_told

    found = "门头沟区在31日上午的抢险巡查时，在河道中发现2人，发现时2人均已失去生命体征。"
    dead = art("dead", "北京门头沟暴雨致2人死亡，社会救援力量紧急响应", found + "多支救援队已赶赴现场。", "12:00")
    assert toll_told(dead, 320, tz=ZoneInfo("Asia/Shanghai")) == found
    # An opening that counts no one is no toll's detail.
    calm = art("calm", "北京门头沟暴雨致2人死亡", "多支社会救援队伍已赶赴门头沟参与救援。", "12:00")
    assert toll_told(calm, 320, tz=ZoneInfo("Asia/Shanghai")) == ""


def test_a_lead_roundup_does_not_tell_an_earlier_days_act_retold_as_news() -> None:
    from tests.test_frontpage import FILLER, FLOOD

    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    retold = art(
        "jh",
        "天津静海启用蓄滞洪区，转移3万余人",
        "日前，天津静海启用蓄滞洪区，转移群众3万余人。",
        "20:00",
        outlet="南都",
    )
    fresh = art("jh2", retold.title, "31日，天津静海启用蓄滞洪区，转移群众3万余人。", "20:00", outlet="南都")
    for front, told in ((retold, False), (fresh, True)):
        lead = compose([*flood, front, *FILLER], top_n=3).items[0]
        assert lead.article_ids[0].startswith("fl")
        assert ("转移3万余人" in lead.text) is told


def test_a_beat_mates_figure_is_not_stitched_onto_a_text_that_tells_the_same_measure() -> None:
    from digests.roundup import tells_measure

    assert tells_measure("两市超3300只个股上涨，北上资金净流入70.39亿元。", "北向资金净流入达80亿")
    assert not tells_measure("8日，A股全线走强，上证指数站上3600点。", "北向资金净流入达80亿")


def test_of_an_upheaval_the_event_stands_for_its_topic_not_the_worlds_reaction_to_it() -> None:
    from digests.grouping import find_stories
    from digests.lineup import Ranked, _most_reported_first

    reaction = art("ecowas", "西共体委员会发表声明，谴责在尼日尔发生的未遂政变", "声明强烈谴责未遂政变。", "21:34")
    event = art("guard", "尼日尔总统突然被卫队扣押", "尼日尔总统府称，部分总统卫队成员发起行动。", "20:45")
    by_id = {s.articles[0].id: s for s in find_stories([reaction, event])}

    def ranked(story, score: float, magnitude: float) -> Ranked:  # type: ignore[no-untyped-def]
        return Ranked(score, story, story.articles[-1], (("magnitude", magnitude),), 1)

    topic = SimpleNamespace(topic_of={"ecowas": 9, "guard": 9}, subject_names=lambda s: frozenset())
    page = _most_reported_first([ranked(by_id["ecowas"], 11.0, 5.0), ranked(by_id["guard"], 10.0, 5.0)], topic)
    assert page[0].story is by_id["guard"]
    # Not when the event is far behind, nor for a reaction to news that is no upheaval.
    far = _most_reported_first([ranked(by_id["ecowas"], 11.0, 5.0), ranked(by_id["guard"], 8.5, 5.0)], topic)
    assert far[0].story is by_id["ecowas"]
    calm = _most_reported_first([ranked(by_id["ecowas"], 11.0, 1.0), ranked(by_id["guard"], 10.0, 1.0)], topic)
    assert calm[0].story is by_id["ecowas"]


def test_one_provinces_one_response_is_named_once_under_a_lead() -> None:
    from digests.lineup import _same_response

    assert _same_response("河北对石家庄等地启动防汛防台风Ⅰ级应急响应", "河北：洪水防御应急响应提升至Ⅰ级 蓄滞洪区已启用")
    assert not _same_response("河北启动Ⅰ级应急响应", "北京启动Ⅰ级应急响应")
    assert not _same_response("河北启动Ⅰ级应急响应", "河北启动Ⅳ级应急响应")


def test_a_roundups_credits_name_the_outlets_of_the_reports_it_tells() -> None:
    from digests.sources import roundup_credits

    told = [art("toll", "门头沟暴雨致2人死亡", "发现2人。", "12:00", outlet="扬子晚报"), None]
    assert roundup_credits(("南都", "中新社"), told) == ("南都", "扬子晚报", "中新社")
    assert roundup_credits(("南都",), [None]) == ("南都",)
    # one house is named once: 中新网 telling a figure is the story's 中新社
    wire = [art("moved", "转移群众5万人", "转移5万人。", "12:00", outlet="中新网")]
    assert roundup_credits(("南都", "中新社"), wire) == ("南都", "中新网")


def test_a_roundup_lead_tells_its_own_news_then_the_national_response_then_its_detail() -> None:
    from tests.test_frontpage import FILLER

    warning = "中央气象台26日将台风预警升级为红色，各地全力做好防台防汛工作。沿海多地渔船回港避风。台风中心26日8时位于巴士海峡海面上。"
    typhoon = [
        art(f"w{k}", "今年首个台风红色预警发布 各地全力防汛防台", warning, f"1{k}:00", outlet=o)
        for k, o in enumerate(["中央气象台", "中新社", "人民网"])
    ]
    landfall = art("land", "“杜苏芮”将于28日在闽粤沿海登陆", warning, "13:30", outlet="央视新闻")
    response = "国家防总26日将防汛防台风应急响应提升至三级，并派出4个工作组赴浙江、福建、广东协助指导防台风工作。"
    national = [
        art(f"front{k}", "国家防总提升防汛防台风应急响应至三级 台风“杜苏芮”逼近", response, f"2{k}:30", outlet=o)
        for k, o in enumerate(["新华社", "央视新闻"])
    ]
    lead = compose([*typhoon, landfall, *national, *FILLER], top_n=3).items[0]
    text = lead.text
    assert "巴士海峡" not in text  # the report's further detail gives way to the fronts
    assert text.index("红色") < text.index("国家防总")


def test_a_roundup_tells_a_front_by_its_storys_latest_report_of_the_same_measure() -> None:
    from digests.grouping import Story
    from digests.lineup import Ranked, front_report

    early = art(
        "early",
        "京津冀等地13条河流发生超警以上洪水 水利部滚动部署防御",
        "京津冀等地13条河流发生超警以上洪水。",
        "20:50",
    )
    late = art(
        "late", "水利部：16条河流发生超警以上洪水", "截至31日，海河流域16条河流发生超警以上洪水，其中4条超保。", "22:40"
    )
    other = art("other", "水利部部署防御", "水利部派出工作组赴河北指导防御工作。", "23:00")
    story = Story((early, late, other), ((early,), (late,), (other,)), ())
    assert front_report(Ranked(1.0, story, early, (), 1)) is late
    alone = Story((early, other), ((early,), (other,)), ())
    assert front_report(Ranked(1.0, alone, early, (), 1)) is early  # no later report tells the measure


def test_a_units_publicity_without_a_figure_is_not_a_related_line() -> None:
    from tests.test_frontpage import FILLER

    typhoon = typhoon_warning()
    fronts = [
        ("超强台风“杜苏芮”来袭 漳州海警局全力以赴筑牢防台防汛“安全网”", "漳州海警局组织力量开展巡查，提醒渔船回港。"),
        ("台风“杜苏芮”逼近 福建沿海1.2万艘渔船回港避风", "福建省沿海1.2万艘渔船已全部回港避风。"),
    ]
    reports = [
        art(f"front{n}{k}", t, b, f"2{n}:3{k}", outlet=o)
        for n, (t, b) in enumerate(fronts)
        for k, o in enumerate(["新华社", "央视新闻"])
    ]
    lead = compose(typhoon + reports + FILLER, top_n=3, max_chars=40).items[0]
    assert not any("安全网" in line for line in lead.also) and "安全网" not in lead.text


def test_a_provinces_wind_response_is_a_typhoons_front() -> None:
    from tests.test_frontpage import FILLER

    fujian = [
        art(
            f"fj{k}",
            "福建沿海渔船全部回港 防汛防台风应急响应提至Ⅱ级",
            "福建省26日将防汛防台风应急响应提升至Ⅱ级。",
            f"20:3{k}",
            outlet=o,
        )
        for k, o in enumerate(["新华社", "央视新闻"])
    ]
    wind = art(
        "gd", "广东将防风应急响应提升至Ⅱ级", "广东省三防办26日16时将防风应急响应提升至Ⅱ级。", "21:00", outlet="南方日报"
    )
    lead = compose(typhoon_warning() + fujian + [wind] + FILLER, top_n=3).items[0]
    assert "广东" in lead.text + "".join(lead.also)  # told or named under the lead


def test_a_measure_the_text_tells_is_told_again_only_by_its_mates_newer_reading() -> None:
    wrap = "8日早盘，创业板指上涨近2%。两市超3300只个股上涨，北上资金净流入70.39亿元。"
    market = [
        art(f"m{k}", "A股全线走强 上证指数站上3600点", wrap, "12:35", outlet=o)
        for k, o in enumerate(["e公司", "中证网"])
    ]
    news = [
        art(f"n{n}{o}", t, t + "。", f"1{n}:4{k}", outlet=o)
        for n, t in enumerate(["两国领导人举行会谈", "证监会就基金销售新规征求意见", "工信部印发数据中心绿色发展方案"])
        for k, o in enumerate(["新华社", "中新社", "人民网"])
    ]
    for flow, at, told in (("北向资金净流入达80亿元", "13:50", True), ("北向资金净流入超40亿元", "10:48", False)):
        north = [art(f"nb{k}", flow[:-1], f"数据显示，截至目前，{flow}。", at, outlet="东方财富网") for k in range(2)]
        (session,) = [it for it in compose(market + north + news, top_n=4).items if "m0" in it.article_ids]
        # the afternoon's reading comes with its time, closing the sentence of the wrap's; the morning's
        # older one is not stitched on
        assert ("北向资金净流入70.39亿元，截至午后13:50增至80亿元。" in session.text) is told
        # and the item is shown as compiled as of the newer reading, linked to the wrap its text is
        assert session.published == (north[0].published if told else market[0].published)
        assert session.compiled is told and session.url == market[0].url
        assert "数据显示" not in session.text  # an opener that names no data
        assert "40亿" not in session.text


def test_a_front_told_by_its_headline_tells_its_reports_whole_headline_not_its_first_deck() -> None:
    from zoneinfo import ZoneInfo

    from digests.roundup import roundup

    bulletin = "据中央气象台消息，26日17时，台风位于鹅銮鼻偏南方向约280公里。"  # its opening tells another thing
    maritime = art("hs", "福建海事局启动防台II级响应 沿海客渡船全部停航 水上施工作业项目全部停工", bulletin, "19:30")
    text, told = roundup(
        "台风红色预警发布。", [(maritime, "福建海事局启动防台II级响应")], 240, tz=ZoneInfo("Asia/Shanghai")
    )
    assert told == (0,)
    assert text.endswith("福建海事局启动防台II级响应，沿海客渡船全部停航，水上施工作业项目全部停工。")


def test_a_roundup_lead_tells_four_fronts_within_three_items_room() -> None:
    from zoneinfo import ZoneInfo

    from digests.digest import ROUNDUP_CHARS
    from digests.grouping import find_stories
    from digests.lead_roundup import ROUNDUP, told_as_roundup
    from digests.lineup import Ranked

    warning = art(
        "w", "今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色，这是今年首个台风红色预警。", "10:00"
    )
    acts = {
        "国家防总": "国家防总26日将防汛防台风应急响应提升至三级，派出4个工作组赴浙江、福建、广东、江西。",
        "自然资源部": "自然资源部26日将海洋灾害应急响应级别调整为Ⅲ级，派出工作组赴福建、广东沿海。",
        "水利部": "水利部26日针对福建、广东、浙江启动洪水防御Ⅲ级应急响应，派出工作组协助指导。",
        "应急管理部": "应急管理部26日在福建、广东预置4000余名救援人员和5架直升机，全力应对台风。",
    }
    fronts = []
    for n, text in enumerate(acts.values()):
        report = art(f"f{n}", text.split("，")[0], text, f"2{n}:00", outlet="新华社")
        fronts.append(Ranked(10.0 - n, find_stories([report])[0], report, (("official", 2.0),), 1))
    (story,) = find_stories([warning])
    told = told_as_roundup(
        warning.paragraphs[0], warning.title, story, fronts, ROUNDUP_CHARS * 60, tz=ZoneInfo("Asia/Shanghai")
    )
    assert [body for body in acts if body in told.text] == list(acts)[:ROUNDUP] == list(acts)
    assert len(told.text) > 2 * 60  # more than twice an item's room
