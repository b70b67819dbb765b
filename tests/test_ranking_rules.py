"""What an editor weighs beyond coverage, each rule on constructed one-report stories."""

from __future__ import annotations

from datetime import timedelta

import pytest

from digests.grouping import find_stories
from digests.headlines import presentable
from digests.ranking import score_parts
from tests.test_dedup import art


def parts_of(title: str, body: str = "", outlet: str | None = None) -> dict[str, float]:
    a = art("x", title, body or title + "。", "12:00", outlet=outlet)
    since, until = a.published - timedelta(hours=12), a.published + timedelta(hours=12)
    return dict(score_parts(find_stories([a])[0], a, since, until))


def test_a_sudden_event_killing_ten_or_more_weighs_more_than_a_seasons_toll() -> None:
    bombing = parts_of("巴基斯坦政治集会发生爆炸 至少42死130多伤")
    heat = parts_of("酷暑致23人死亡，韩国高温预警升为最高级")
    rally = parts_of("巴基斯坦举行政治集会")
    from digests.ranking import W_UPHEAVAL

    assert bombing["magnitude"] >= W_UPHEAVAL > heat["magnitude"] > rally["magnitude"]


@pytest.mark.parametrize(
    "title", ["柬埔寨首相洪森宣布将卸任", "尼日尔发生政变 总统卫队扣押总统", "府邸被封锁，这国总统突然被卫队扣押！"]
)
def test_a_state_leadership_overturned_or_stepping_down_is_an_upheaval(title: str) -> None:
    from digests.ranking import W_MINISTER, W_UPHEAVAL

    assert parts_of(title)["magnitude"] >= W_UPHEAVAL > parts_of("柬埔寨首相洪森会见外宾")["magnitude"]
    # A coup's aftermath or a market read of it is not the coup.
    assert parts_of("尼日尔突发政变一周，外交部回应撤侨问题")["magnitude"] < W_UPHEAVAL
    assert parts_of("尼日尔政变或打乱欧盟能源大计 铀价将上涨")["magnitude"] < W_UPHEAVAL
    # A minister replaced is a change of government, not its fall.
    assert parts_of("决定任命王毅为外交部部长")["magnitude"] == W_MINISTER < W_UPHEAVAL


def test_a_first_forum_is_not_a_record_but_a_first_warning_is() -> None:
    assert (
        parts_of("我国首次举办国际红树林保护高级别论坛")["magnitude"]
        < parts_of("今年首个台风红色预警发布")["magnitude"]
    )


@pytest.mark.parametrize(
    ("title", "least"),
    [
        ("7月份中国制造业PMI为49.3%", 3.0),
        ("惠誉将美国长期外币发行人违约评级从AAA下调至AA+", 3.0),
        ("A股全线走强 上证指数站上3600点", 4.0),
    ],
)
def test_what_every_market_reads_that_day_is_market_moving(title: str, least: float) -> None:
    assert parts_of(title)["magnitude"] >= least


@pytest.mark.parametrize(
    "title",
    [
        "青海省人民政府参事王平涉嫌严重违纪违法",  # an inquiry below provincial rank
        "北京未来三天多雷雨天气 最高气温将逐渐下降",  # a city's weather outlook
        "广西加快建设面向东盟的区域性国际体育交流中心",  # a province's own development drive
        "合锻智能：拿下双幅24层层压机自动化生产线订单",  # one company's order
    ],
)
def test_national_looking_local_news_is_weighed_as_local(title: str) -> None:
    assert parts_of(title)["reach"] == -1.5


def test_an_inquiry_into_a_provincial_leader_and_a_red_warning_stay_national() -> None:
    assert parts_of("云南省副省长某某涉嫌严重违纪违法")["reach"] >= 0
    assert parts_of("北京未来三天多雷雨天气 发布暴雨红色预警")["reach"] >= 0


def test_a_national_ministry_announcing_a_policy_is_an_official_act() -> None:
    policy = parts_of("公安部：全面放宽大城市落户条件")
    remark = parts_of("大城市落户条件将全面放宽")
    assert policy["official"] > remark["official"]


def test_a_question_the_official_word_after_it_settles_reads_as_news_then_who_told_it() -> None:
    assert presentable("湖南岳阳：17岁少年在射击俱乐部打工时中枪身亡？警方通报") == (
        "湖南岳阳：17岁少年在射击俱乐部打工时中枪身亡，警方通报"
    )
    assert presentable("美联储加息 A股会跌吗？") == "美联储加息 A股会跌吗？"  # nothing settles it
    # A teaser's question mark between decks parts them; a real question (…吗？) stays one.
    assert presentable("惠誉下调美国评级引争议？高盛安抚投资者：这没什么大不了的") == (
        "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
    )
    assert presentable("A股会跌吗？专家：短期波动难免") == "A股会跌吗？专家：短期波动难免"


def test_a_feeds_date_tag_leaves_a_template_headline() -> None:
    assert presentable("财政部两期国债中标结果出炉（12-08）") == "财政部两期国债中标结果出炉"


def test_a_teaser_question_after_the_news_leaves_the_headline() -> None:
    assert presentable("今年首个台风红色预警发布 “杜苏芮”影响几何？") == "今年首个台风红色预警发布"
    assert presentable("美联储加息 A股会跌吗？") == "美联储加息 A股会跌吗？"  # too little news would be left
    assert presentable(".第31届大运会将于7月28日开幕") == "第31届大运会将于7月28日开幕"  # a stray mark in front


def test_one_portals_two_posts_on_a_ministrys_plan_are_one_outlet() -> None:
    from digests.dedup import distinct_outlets

    site = "http://finance.eastmoney.com/news/"
    credited = art("a", "发改委等部门：数据中心方案", "方案印发。", url=site + "1.html", outlet="发改委网站")
    own = art("b", "四部门：加强数据中心统筹指导", "四部门印发方案。", url=site + "2.html")
    other = art("c", "数据中心方案印发", "方案印发。", url="http://www.sina.com.cn/news/3.html")
    assert distinct_outlets([credited, own]) == ("发改委网站",)
    assert distinct_outlets([credited, own, other]) == ("发改委网站", "sina.com.cn")


def test_a_minister_replaced_weighs_as_a_leadership_change_and_a_reaction_piece_does_not_lead() -> None:
    appointed = parts_of("决定任命王毅为外交部部长、潘功胜为中国人民银行行长")
    assert appointed["official"] + appointed["magnitude"] >= 12
    reaction = parts_of("习近平给香港培侨中学学生的回信引发热烈反响")
    assert reaction["official"] < 9 <= parts_of("习近平给香港培侨中学学生回信")["official"]


def test_any_members_headline_tells_the_storys_magnitude() -> None:
    first = art(
        "p1", "国家发改委：迎峰度夏电力供应平稳", "入夏以来全国日调度发电量三创历史新高。", "10:00", outlet="新华社"
    )
    second = art(
        "p2", "入夏以来全国日调度发电量三创历史新高", "入夏以来全国日调度发电量三创历史新高。", "10:05", outlet="中新网"
    )
    [story] = find_stories([first, second])
    since, until = first.published - timedelta(hours=12), first.published + timedelta(hours=12)
    assert dict(score_parts(story, story.articles[0], since, until))["magnitude"] >= 1.25


def test_campaign_rhetoric_is_soft_news() -> None:
    assert parts_of("特朗普喊话共和党人一致对抗拜登")["reach"] == -2.0


def test_talk_of_a_rate_move_is_not_the_move() -> None:
    decided = parts_of("美联储宣布加息25个基点")
    talked = parts_of("深度衰退将迫使美联储单次降息一个百分点")
    assert decided["magnitude"] >= 4 > talked["magnitude"]


def test_a_foreign_papers_verdict_appended_to_the_headline_is_foreign_press() -> None:
    assert parts_of("拜登称美国已终结我们所知道的癌症，美媒：言论令人惊奇！")["reach"] == -2.0


def test_a_local_incident_told_by_a_police_bulletin_is_local() -> None:
    assert parts_of("湖南岳阳：17岁少年在射击俱乐部打工时中枪身亡？警方通报")["reach"] == -1.5


@pytest.mark.parametrize("title", ["喜报！全国先进典型", "甘孜民警秦晓强：任大运会火炬手无比自豪"])
def test_a_local_bodys_good_news_and_a_torch_bearers_pride_are_local(title: str) -> None:
    assert parts_of(title)["reach"] == -1.5


def test_a_kept_day_reads_each_storys_text_once_for_every_chat_that_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    from digests import ranking
    from digests.digest import compose_digest, day_window
    from digests.storycache import StoryCache
    from tests.test_digest import SHANGHAI

    calls: list[str] = []
    real = ranking._text_weights

    def counting(story, rep, templates):  # type: ignore[no-untyped-def]
        calls.append(rep.id)
        return real(story, rep, templates)

    monkeypatch.setattr(ranking, "_text_weights", counting)
    articles = [
        art(f"a{n}", f"第{n}号公告发布", f"第{n}号公告今日发布。", f"1{n % 10}:{n % 60:02d}") for n in range(30)
    ]
    since, until = day_window(articles[0].published.astimezone(SHANGHAI).date(), SHANGHAI)
    cache = StoryCache()
    digests = [
        compose_digest(
            articles, category_slug="s", category_name="s", since=since, until=until, tz=SHANGHAI, cache=cache
        )
        for _ in range(3)
    ]
    assert len(calls) == len(set(calls)) == 30  # once per story, not once per request
    assert digests[0].items == digests[2].items


def test_one_trading_session_is_one_item_on_the_page() -> None:
    from tests.test_digest import compose

    wrap = art(
        "w", "A股全线走强 上证指数站上3600点", "8日早盘，A股全线走强，上证指数站上3600点。", "12:35", outlet="e公司"
    )
    flow = art("f", "北向资金净流入达80亿", "数据显示，截至13:50，北向资金净流入达80亿元。", "13:50")
    other = art("o", "某公司召开年度工作会议", "某公司召开年度工作会议。", "09:50")
    ranked = [it.article_ids[0] for it in compose([wrap, flow, other], top_n=3).items]
    assert ranked == ["w", "f", "o"]  # by score the flow is second ...
    shown = [it.article_ids[0] for it in compose([wrap, flow, other], top_n=2).items]
    assert shown == ["w", "o"]  # ... but the same session's flow gives way to the next story


def test_a_ministry_announcing_its_own_rule_change_weighs_more_than_its_remarks() -> None:
    from digests.ranking import W_MINISTRY, W_POLICY

    assert parts_of("公安部：全面放宽大城市落户条件")["official"] == W_MINISTRY
    assert parts_of("财政部 税务总局公告2023年第13号")["official"] == W_MINISTRY
    assert parts_of("四部门：加强对数据中心建设的统筹指导")["official"] == W_MINISTRY
    assert parts_of("四部门发布对部分无人机实施出口管制公告")["official"] == W_MINISTRY
    # The body's own name is not what it does (国家发展改革委 holds 改革), nor is a press conference a rule.
    assert parts_of("国家发展改革委副秘书长欧鸿")["official"] < W_MINISTRY
    assert parts_of("公安部召开新闻发布会")["official"] < W_MINISTRY
    assert parts_of("商务部：中国将与阿拉伯国家深化油气等领域合作")["official"] == W_POLICY
    assert parts_of("印度财政部：对手机厂商开展调查")["official"] < W_MINISTRY  # another country's ministry


@pytest.mark.parametrize(
    ("title", "foreign"),
    [
        ("澳大利亚一名儿童保育机构员工涉嫌性侵91名儿童", True),
        ("酷暑致23人死亡，韩国高温预警升为最高级", True),
        ("美国会众议院投票通过2022财年国防授权法案", False),  # the state acts
        ("惠誉将美国长期外币发行人违约评级从AAA下调至AA+", False),  # shakes every market
        ("美国白宫决定向台湾地区提供3.45亿美元军事援助", False),  # China's own affairs
    ],
)
def test_another_countrys_own_affairs_weigh_less_unless_its_state_acts_or_the_world_feels_it(
    title: str, foreign: bool
) -> None:
    from digests.ranking import FOREIGN_AFFAIRS

    assert (parts_of(title)["reach"] <= FOREIGN_AFFAIRS) == foreign


def test_a_weather_bureaus_rain_report_and_a_typhoon_are_different_running_themes() -> None:
    from digests.themes import themes_of

    rain = art("r", "北京遭遇今年以来最大规模降雨", "据北京市气象台消息，全市平均降雨量109.3毫米。")
    typhoon = art("t", "台风“卡努”加强为超强台风", "据中央气象台消息，卡努一天内连跳两级。")
    assert not themes_of(rain) & themes_of(typhoon)  # one item each on the page, not one for both


def test_a_report_telling_what_a_wire_reported_has_the_wires_standing() -> None:
    title = "北京门头沟暴雨致2人死亡"
    cited = parts_of(title, "据人民日报消息，门头沟区在河道中发现2人。", outlet="扬子晚报")
    own = parts_of(title, "门头沟区在河道中发现2人。", outlet="扬子晚报")
    assert cited["official"] == own["official"] + 1


def test_a_report_that_says_it_happened_days_ago_counts_as_told() -> None:
    fresh = parts_of("国家主席习近平将出席大运会开幕式", "外交部发言人宣布，国家主席习近平将出席大运会开幕式。")
    retold = parts_of("国家主席习近平将出席大运会开幕式", "近日，外交部发布消息，国家主席习近平将出席大运会开幕式。")
    assert fresh["seen"] == 0 > retold["seen"]


def test_a_ministrys_rule_change_counts_whichever_report_of_the_story_is_shown() -> None:
    from digests.ranking import W_MINISTRY

    notice = art("n", "四部门发布对部分无人机实施出口管制公告", "商务部等四部门发布公告。", "12:00")
    reply = art("r", "大疆回应：严格遵守执行", "大疆表示将严格遵守出口管制规定。", "13:00")
    from digests.grouping import Story

    # The reply is the report shown; the notice in the same story still says what happened.
    both = Story(articles=(notice, reply), versions=((notice, reply),))
    since, until = notice.published - timedelta(hours=12), notice.published + timedelta(hours=12)
    assert dict(score_parts(both, reply, since, until))["official"] == W_MINISTRY


@pytest.mark.parametrize("region", ["北方地区降雨重心转移至东北地区", "广西壮族自治区启动防汛Ⅳ级应急响应"])
def test_a_region_or_an_autonomous_region_is_not_a_district(region: str) -> None:
    assert parts_of(region)["reach"] >= 0
    assert parts_of("朝阳区开展垃圾分类主题活动")["reach"] < 0
    assert parts_of("公开悬赏！忻府区男子！知情者快来提供线索")["reach"] < 0  # a shout ahead of the district


def test_the_states_position_on_taiwan_weighs_more_than_a_report_of_the_transit_alone() -> None:
    from digests.ranking import W_SOVEREIGNTY

    stated = parts_of("赖清德拟“过境”窜美，外交部：中方敦促美方不得安排", "外交部发言人就赖清德拟“过境”窜美答记者问。")
    reported = parts_of("赖清德拟“过境”窜美", "台湾民进党当局宣布赖清德将“过境”美国纽约。")
    assert stated["official"] >= W_SOVEREIGNTY > reported["official"]


def test_a_members_headline_that_says_more_than_the_representatives_heads_the_item() -> None:
    from digests.headlines import headline

    body = "外交部发言人就赖清德拟“过境”窜美答记者问：中方坚决反对任何形式的美台官方往来，敦促美方不得安排。"
    short = art("short", "赖清德拟“过境”窜美", body, "22:46")
    full = art("full", "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排", body, "21:46", outlet="环球网")
    [story] = find_stories([full, short])
    assert headline(story, short) == full.title


def test_a_data_release_gives_its_figure_talk_about_the_figure_is_not_the_release() -> None:
    released = parts_of("7月份中国CPI同比上涨0.2%", "国家统计局公布，7月份全国居民消费价格同比上涨0.2%。")
    talk = parts_of("CPI又可能出意外 美联储想要放松不容易", "美国汽油零售价创下一年多来的最大涨幅，CPI又可能出意外。")
    assert released["magnitude"] >= 4 > talk["magnitude"]


def test_an_events_year_is_no_dateline_and_a_teasers_question_is_a_flaw() -> None:
    from digests.headlines import headline_quality

    named = headline_quality("2023年空军航空开放活动·长春航空展在长春开幕")
    assert named == headline_quality("空军航空开放活动·长春航空展在长春开幕")  # the year names the event
    assert headline_quality("2023年7月26日长春航空展开幕") < named  # a dateline is not a headline
    assert headline_quality("长春航空展首日有何看点？看空军双“20”列阵长空") < named


def test_a_disasters_headline_counts_people_killed_missing_or_moved_not_a_word_of_it() -> None:
    from digests.tolls import people_counted

    assert people_counted("北京门头沟暴雨致2人死亡")
    assert people_counted("北京市防汛办：本轮降雨以来全市转移群众52384人")
    assert people_counted("北京防汛办：全市共转移群众5.2万多人，所有景区民宿关闭")
    assert not people_counted("天津静海启用蓄滞洪区，称牺牲自己历史会铭记")
    assert not people_counted("转移支付资金下达")


def test_a_road_or_bridge_giving_way_is_public_safety_news() -> None:
    collapse = parts_of(
        "黑龙江一高速公路桥梁发生部分塌陷 两车坠入", "G10绥满高速哈牡段桥梁部分路基被洪水冲毁，发生塌陷。"
    )
    works = parts_of("黑龙江一高速公路桥梁开始维修", "G10绥满高速哈牡段一座桥梁开始例行维修。")
    assert collapse["magnitude"] > works["magnitude"] == 0


def test_a_press_conference_whose_member_reports_its_news_is_not_a_template() -> None:
    from digests.grouping import Story
    from digests.headlines import headline, headline_quality
    from digests.ranking import TemplateShapes

    pressers = [
        art(f"p{n}", f"{body}举行8月份新闻发布会", f"{body}3日举行8月份新闻发布会。", "15:00")
        for n, body in enumerate(["国家能源局", "国家统计局", "海关总署", "国家林草局", "民航局", "中国气象局"])
    ]
    forecast = art(
        "fc",
        "中央气象台：台风“卡努”8月4日后转向东偏北方向远离我国",
        "预计“卡努”4日后向东偏北方向移动，趋向日本以南洋面。",
        "20:00",
    )
    shapes = TemplateShapes([*pressers, forecast])
    told = Story((pressers[-1], forecast), ((pressers[-1], forecast),), ())
    alone = Story((pressers[0],), ((pressers[0],),), ())
    since, until = forecast.published - timedelta(hours=12), forecast.published + timedelta(hours=4)
    assert dict(score_parts(told, pressers[-1], since, until, templates=shapes))["template"] == 0
    assert dict(score_parts(alone, pressers[0], since, until, templates=shapes))["template"] < 0
    # Headed by what was said there, not by the conference being held.
    assert headline_quality(pressers[-1].title) < headline_quality(forecast.title)
    assert headline(told, pressers[-1]) == forecast.title
    # ...and told by that report's text, not by the conference's opening.
    from zoneinfo import ZoneInfo

    from digests.digest import _item

    zone = ZoneInfo("Asia/Shanghai")
    read = until.astimezone(zone).replace(tzinfo=None)
    item = _item(told, pressers[-1], 1.0, (), tz=zone, max_chars=120, feed="新闻流", topic=0, read=read)
    assert item.title == forecast.title and item.text.startswith("预计“卡努”4日后")


def test_an_export_control_or_a_sanction_imposed_weighs_as_a_trade_act_not_a_reaction_to_one() -> None:
    from digests.ranking import W_TRADE

    control = parts_of("四部门发布对部分无人机实施出口管制公告")
    assert control["magnitude"] >= W_TRADE > parts_of("四部门发布部分无人机管理公告")["magnitude"]
    assert parts_of("美国宣布对多家企业实施制裁")["magnitude"] >= W_TRADE
    assert parts_of("尼日尔政变军人：不接受西共体制裁")["magnitude"] < W_TRADE


def test_a_casebook_is_routine_publicity_however_many_outlets_carry_it() -> None:
    casebook = parts_of("最高法发布依法平等保护民营企业的11个典型案例")
    assert casebook["reach"] < 0 < parts_of("最高检发布依法惩治民营企业内部人员犯罪的意见")["reach"]
    # The casebook named only in the lede counts the same.
    assert parts_of("最高法：运用禁令及时制止侵权", "31日，最高法发布11个典型案例。")["reach"] < 0


def test_a_rain_forecast_is_the_weather_page_not_news() -> None:
    assert parts_of("7月31日至8月1日海河流域部分地区仍将有大到暴雨")["reach"] < 0
    assert parts_of("海河流域发生流域性较大洪水")["reach"] >= 0


def test_one_persons_death_is_a_citys_news_not_a_disasters_toll() -> None:
    one = parts_of("湖南岳阳:17岁少年在射击俱乐部打工时中枪身亡，警方通报")
    assert one["reach"] < 0 and one["magnitude"] == 0
    assert parts_of("北京门头沟暴雨致2人死亡")["magnitude"] > 0


def test_a_storm_reaching_the_top_category_is_an_extreme_and_a_danger() -> None:
    top = parts_of("台风“卡努”由台风级加强为强台风级，下午再度加强，成为超强台风")
    moving = parts_of("台风“卡努”以每小时20公里的速度向西北方向移动")
    assert top["magnitude"] >= 2 > moving["magnitude"]


def test_a_wire_carrying_a_leaders_private_life_lends_it_no_official_weight() -> None:
    separation = parts_of("加拿大总理特鲁多宣布与妻子分居", outlet="新华社")
    reshuffle = parts_of("加拿大总理特鲁多宣布内阁改组", outlet="新华社")
    assert separation["official"] == 0.0 < reshuffle["official"]
