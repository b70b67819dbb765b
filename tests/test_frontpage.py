"""The digest as a front page: what leads, what is left out, and how often one topic appears."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digests.digest import compose_digest, day_window
from digests.grouping import group
from digests.ranking import score_parts
from digests.render import coverage_label, render_digest_text
from digests.storycache import StoryCache
from tests.test_dedup import art
from tests.test_digest import SHANGHAI, compose

DAY = datetime(2021, 12, 8).date()
# A full day's other news: topics are found only in windows large enough to tell a rare name from a
# common word (digests.grouping.MIN_TOPIC_WINDOW).
FILLER = [art(f"f{n}", f"第{n}号公告发布", f"第{n}号公告今日发布。", f"1{n % 10}:{n % 60:02d}") for n in range(110)]


def _fund(n: int) -> object:
    name = ["南方利达A", "中海环保新能源混合", "华夏大盘精选混合A", "博时新收益A", "鹏华产业精选", "易方达新享混合A"][n]
    return art(
        f"fund{n}",
        f"12月7日基金净值：{name}最新净值1.{n}34，涨0.{n}%",
        f"12月7日，{name}最新单位净值为1.{n}34元，累计净值为1.{n}59元，较前一交易日上涨0.{n}%。",
        f"09:0{n}",
    )


def test_automated_template_reports_rank_below_a_single_real_report():
    news = art(
        "news",
        "国家统计局：11月CPI同比上涨2.3%",
        "国家统计局今天发布数据，11月份全国居民消费价格同比上涨2.3%。",
        "08:30",
    )
    d = compose([_fund(n) for n in range(6)] + [news])
    assert d.items[0].article_ids == ("news",)
    assert all(dict(it.score_parts)["template"] < 0 for it in d.items[1:])


def test_local_filler_ranks_below_national_news_of_equal_coverage():
    local = art(
        "local",
        "鸡泽县曹庄镇开展美丽庭院创建主题活动",
        "曹庄镇组织志愿者开展美丽庭院创建主题活动，村民踊跃参与。",
        "20:00",
    )
    national = art(
        "nat", "国务院常务会议部署稳就业举措", "国务院总理主持召开国务院常务会议，部署进一步稳就业举措。", "08:30"
    )
    assert compose([local, national]).items[0].article_ids == ("nat",)


TYPHOON = [
    ("台风杜苏芮将于28日在福建沿海登陆", "中央气象台预计，台风杜苏芮将于28日上午在福建晋江到广东惠来一带沿海登陆。"),
    ("台风杜苏芮逼近 厦门航空取消全部航班", "受台风杜苏芮影响，厦门航空27日取消进出厦门的全部航班，旅客可免费退改。"),
    ("台风杜苏芮来袭 福州地铁停运", "福州地铁27日18时起全线停运，恢复时间视台风杜苏芮影响另行通知。"),
    ("台风杜苏芮过境 漳州转移群众两万余人", "漳州市27日转移沿海危险区域群众两万余人，台风杜苏芮带来强风暴雨。"),
]


def _flashes(titles: list[str], *, minute: int) -> list[object]:
    """One-sentence flash items of the day's other news, one an hour from 10:00."""
    return [art(f"o{n}", title, title + "。", f"1{n}:{minute:02d}") for n, title in enumerate(titles)]


def _typhoon(n: int) -> object:
    title, body = TYPHOON[n]
    body += "（第5号台风）"  # the name they share makes one topic; the events stay separate stories
    return art(f"ty{n}", title, body, f"1{n}:00", outlet=["新华社", "中新社", "央视新闻", "人民网"][n])


def test_one_item_stands_for_a_topic_and_counts_its_other_reports():
    others = _flashes(
        [
            "北京发布今冬首个寒潮预警",
            "财政部两期国债中标结果出炉",
            "美国会众议院通过国防授权法案",
            "离岸人民币升至2018年以来最高水平",
            "工信部印发数据中心绿色发展方案",
            "证监会就基金销售新规征求意见",
        ],
        minute=30,
    )
    # Each typhoon event carried by two outlets: without the cap all four would lead.
    typhoon = [_typhoon(n) for n in range(4)]
    copies = [art(f"{t.id}c", t.title, t.body, "22:00", outlet="澎湃新闻") for t in typhoon]
    d = compose(typhoon + copies + others + FILLER, top_n=6)
    [typhoon_item] = [it for it in d.items if it.article_ids[0].startswith("ty")]
    assert len(d.items) == 6 and typhoon_item.topic_count == 8
    assert "相关报道8篇" in (coverage_label(typhoon_item) or "")


def test_a_story_already_told_the_day_before_gives_way_to_a_fresh_one():
    told = art(
        "old",
        "央行下调金融机构存款准备金率0.5个百分点",
        "中国人民银行决定下调金融机构存款准备金率0.5个百分点。",
        "18:00",
        day=7,
    )
    again = art(
        "again",
        "央行下调金融机构存款准备金率0.5个百分点",
        "中国人民银行决定下调金融机构存款准备金率0.5个百分点。",
        "09:00",
    )
    fresh = art(
        "fresh", "央行开展一年期MLF操作利率维持不变", "中国人民银行开展一年期中期借贷便利操作，利率维持不变。", "08:30"
    )
    d = compose([again, fresh], earlier=[told])
    assert d.items[0].article_ids == ("fresh",)
    assert dict(d.items[1].score_parts)["seen"] < 0


def test_muted_articles_leave_their_story_and_are_counted_once_for_the_day():
    a = _typhoon(0)
    copy = art("copy", a.title, a.body, "10:30", outlet="澎湃新闻")
    d = compose([a, copy], hide=lambda art_: art_.outlet == "澎湃新闻")
    assert d.hidden == 1 and d.items[0].article_ids == ("ty0",)


def test_the_day_is_grouped_once_for_every_chat_that_asks():
    cache = StoryCache()
    since, until = day_window(DAY, SHANGHAI)
    articles = [_typhoon(n) for n in range(4)] + FILLER
    for hide in (None, lambda a: "漳州" in a.title, lambda a: "汕头" in a.title):
        compose_digest(
            articles,
            category_slug="s",
            category_name="s",
            since=since,
            until=until,
            tz=SHANGHAI,
            cache=cache,
            hide=hide,
        )
    assert (cache.misses, cache.hits) == (1, 2)
    # A new article in the window is grouped with the rest (the cached day is not served stale).
    late = art(
        "late",
        "台风杜苏芮已在福建晋江登陆",
        "台风杜苏芮28日上午在福建晋江沿海登陆，登陆时中心附近最大风力15级。",
        "22:00",
    )
    d = compose_digest(
        [*articles, late], category_slug="s", category_name="s", since=since, until=until, tz=SHANGHAI, cache=cache
    )
    assert cache.misses == 2 and d.items[0].topic_count == 5
    assert until - since == timedelta(hours=24) and since.tzinfo is UTC


def test_an_item_is_headed_by_the_best_reading_headline_of_its_story():
    derived = art(
        "long",
        "据央视新闻消息，今天（7月26日）上午，外交部发言人…",
        "据央视新闻消息，今天上午，外交部发言人毛宁主持例行记者会，就武汉市地震监测中心遭受网络攻击一事回应称，"
        "中方将采取必要措施维护中国的网络安全。",
        outlet="央视新闻",
    )
    own = art(
        "own",
        "外交部回应武汉地震监测中心遭网络攻击：将采取必要措施",
        "外交部发言人毛宁主持例行记者会，就武汉市地震监测中心遭受网络攻击一事回应称，中方将采取必要措施维护中国的网络安全。",
        "10:20",
        outlet="人民网",
    )
    [item] = compose([derived, own]).items
    assert item.title == own.title


def test_two_stories_naming_one_rare_subject_in_their_headlines_show_once_on_a_full_day():
    coup = art(
        "coup", "尼日尔政变军人：不接受西共体制裁", "尼日尔政变军人发表声明，拒绝接受西共体的制裁。", outlet="新华社"
    )
    coup2 = art("coup2", coup.title, coup.body, "10:05", outlet="中新社")
    warn = art(
        "warn",
        "俄罗斯警告：不要对尼日尔进行武装干预",
        "俄罗斯外交部警告外部势力不要武装干预。",
        "11:00",
        outlet="参考消息",
    )
    warn2 = art("warn2", warn.title, warn.body, "11:05", outlet="环球网")
    d = compose([*FILLER, coup, coup2, warn, warn2])
    assert sum(1 for it in d.items if "尼日尔" in it.title) == 1


def test_a_subject_many_outlets_name_in_headlines_leads_once_though_its_reports_differ():
    zhuozhou = [
        ("救援队在涿州转移被困群众600余人", "成都飞鹰救援队在河北涿州转移被困群众600余人，多为老人和孩子。", "新华社"),
        ("涿州被洪水围困的小区住户陆续撤离", "涿州多个小区积水齐胸，住户在消防人员帮助下陆续撤离。", "中新网"),
        ("多地救援队驰援涿州防汛救灾", "河南周口3支救援队连夜出发，驰援涿州防汛救灾。", "央广网"),
        ("明星捐赠物资驰援河北涿州", "多位演员捐赠饮用水、食品等物资，驰援河北涿州受灾群众。", "红星新闻"),
    ]
    reports = [art(f"z{n}", t, b, f"1{n}:15", outlet=o) for n, (t, b, o) in enumerate(zhuozhou)]
    quiet = art(
        "q", "某地举办夏季读书分享会", "某地图书馆举办夏季读书分享会，吸引读者参加。", "09:30", outlet="地方日报"
    )
    d = compose([*FILLER, *reports, quiet])
    assert "涿州" in d.items[0].title
    assert sum(1 for it in d.items if "涿州" in it.title) == 1


def test_a_photo_whose_only_headline_is_its_caption_gives_way_to_a_report():
    photo = art(
        "photo", "2023年7月31日，北京丰台区一街道上，市民冒雨出行", "市民冒雨出行。", "20:00", outlet="视觉中国"
    )
    report = art(
        "rep",
        "北京防汛办：全市转移群众5.2万人",
        "北京市防汛办通报，全市共转移群众5.2万多人。",
        "09:00",
        outlet="北京日报",
    )
    assert compose([photo, report]).items[0].article_ids == ("rep",)


def test_one_running_theme_is_one_item_while_other_news_waits():
    flood = art(
        "flood",
        "海河发生流域性大洪水 天津转移3万余人",
        "水利部判定海河发生流域性大洪水，天津静海转移3万余人。",
        outlet="新华社",
    )
    flood2 = art("flood2", flood.title, flood.body, "10:10", outlet="中新网")
    rain = art(
        "rain", "北京发布暴雨红色预警", "北京市气象台发布暴雨红色预警，部分地区有大暴雨。", "11:00", outlet="北京日报"
    )
    rain2 = art("rain2", rain.title, rain.body, "11:10", outlet="新京报")
    other = art("other", "央行开展一年期MLF操作", "中国人民银行开展一年期中期借贷便利操作。", "12:00")
    d = compose([flood, flood2, rain, rain2, other], top_n=2)
    assert [it.article_ids[0] for it in d.items] == ["flood", "other"]


def test_local_filler_naming_the_days_big_subject_does_not_borrow_its_size():
    zhuozhou = [
        ("救援队在涿州转移被困群众600余人", "救援队在河北涿州转移被困群众600余人。", "新华网"),
        ("涿州被洪水围困的小区住户陆续撤离", "涿州多个小区住户在消防人员帮助下陆续撤离。", "中新网"),
        ("多地救援队驰援涿州防汛救灾", "河南周口3支救援队驰援涿州防汛救灾。", "央广网"),
    ]
    reports = [art(f"z{n}", t, b, f"1{n}:15", outlet=o) for n, (t, b, o) in enumerate(zhuozhou)]
    filler = art(
        "care",
        "情暖涿州：某社区开展送清凉慰问活动",
        "某社区志愿者为涿州来的务工人员送清凉。",
        "20:00",
        outlet="某市日报",
    )
    window = sorted([*FILLER, *reports, filler], key=lambda a: (a.published, a.id))
    grouped = group(window)
    since, until = day_window(DAY, SHANGHAI)
    scores = {}
    for story in grouped.stories:
        if story.articles[0].id in ("care", "z0"):
            parts = score_parts(story, story.articles[0], since, until, topic_outlets=grouped.outlets_on_topic(story))
            scores[story.articles[0].id] = dict(parts)["outlets"]
    assert scores["z0"] > 0 and scores["care"] == 0  # the rescue borrows the subject's size, the 慰问 does not


def test_the_leadership_acting_outranks_a_foreign_papers_gossip_carried_by_three_outlets():
    meeting = art(
        "gwy",
        "李强主持召开国务院常务会议 部署恢复和扩大消费",
        "国务院总理李强主持召开国务院常务会议，部署恢复和扩大消费。",
        outlet="央视网",
    )
    gossip = art(
        "dog",
        "美媒：拜登宠物狗4个月内咬伤7名特工",
        "据美媒报道，拜登的宠物狗4个月内咬伤7名特工。",
        "20:00",
        outlet="参考消息",
    )
    gossip2 = art("dog2", gossip.title, gossip.body, "20:05", outlet="环球网")
    gossip3 = art("dog3", gossip.title, gossip.body, "20:10", outlet="海外网")
    assert compose([meeting, gossip, gossip2, gossip3]).items[0].article_ids == ("gwy",)


FLOOD = [
    ("北京门头沟暴雨致2人死亡", "门头沟区在31日上午的抢险巡查时，在河道中发现2人，均已失去生命体征。", "人民日报"),
    ("永定河石景山段河道明显涨水", "31日下午，永定河石景山段河道水位明显上涨，岸边步道被淹。", "北京日报"),
    ("暴雨致首都机场取消航班", "受强降雨影响，首都机场31日取消进出港航班两百余架次。", "央视新闻"),
    ("涿州积水逼近红绿灯 退水还需一个月", "涿州城区多处积水逼近红绿灯，当地预计退水还需一个月。", "新京报"),
    ("河北启动洪水防御Ⅰ级应急响应", "河北省水利厅31日将洪水防御应急响应提升至Ⅰ级，蓄滞洪区已启用。", "中新社"),
    ("房山安置点积水 四千人转移", "房山平各庄安置点积水淹没一楼，四千三百人已安全转出。", "澎湃新闻"),
]


def test_a_running_subject_leads_through_its_weightiest_report_and_is_shown_once():
    # Six reports of one flood from six outlets, each a different event sharing few words: no
    # single one has coverage, but together they are the day's subject, bigger than a story two
    # outlets carried.
    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    summit = [
        art(f"s{n}", "两国领导人举行会谈", "两国领导人31日举行会谈，签署多项合作文件。", f"09:0{n}", outlet=o)
        for n, o in enumerate(["新华社", "中新社"])
    ]
    others = _flashes(
        [
            "财政部两期国债中标结果出炉",
            "证监会就基金销售新规征求意见",
            "工信部印发数据中心绿色发展方案",
            "离岸人民币升至2018年以来最高水平",
        ],
        minute=45,
    )
    d = compose(flood + summit + others + FILLER, top_n=6)
    assert d.items[0].article_ids == ("fl0",)  # its weightiest report (no national body acted) stands for the flood
    assert dict(d.items[0].score_parts)["follow"] > 0
    assert "相关报道6篇" in (coverage_label(d.items[0]) or "")  # the subject's size, told honestly
    # The subject's next weightiest reports are named under it, not shown as items of their own.
    assert d.items[0].also and set(d.items[0].also) <= {t for t, _, _ in FLOOD}
    assert "相关：" + "；".join(d.items[0].also) in "\n".join(render_digest_text(d))
    shown_flood = [it for it in d.items if it.article_ids[0].startswith("fl")]
    assert len(shown_flood) == 1
    assert any(it.article_ids[0].startswith("s") for it in d.items)


def test_the_leadership_acting_leads_a_story_three_outlets_carried_and_soft_news_trails():
    meeting = art(
        "gch",
        "李强主持召开国务院常务会议",
        "国务院总理李强8日主持召开国务院常务会议，研究部署稳经济措施。",
        "20:03",
        outlet="央视网",
    )
    forum = [
        art(f"fm{n}", "全球数字经济大会开幕", "全球数字经济大会31日在京开幕，发布多项成果。", f"10:0{n}", outlet=o)
        for n, o in enumerate(["中新网", "人民网", "光明网"])
    ]
    dog = [
        art(f"dog{n}", t, "美国媒体披露，总统拜登的宠物狗多次咬伤特勤人员。", f"17:2{n}", outlet=o)
        for n, (t, o) in enumerate([("白宫解释拜登的狗为何总咬人", "新华社"), ("拜登宠物咬伤特勤人员", "中新网")])
    ]
    d = compose([meeting, *forum, *dog])
    assert [it.article_ids[0] for it in d.items][:2] == ["gch", "fm0"]
    assert dict(d.items[-1].score_parts)["reach"] == -2.0


def test_a_headline_is_shown_without_an_attribution_or_a_column_label_in_front():
    meeting = art("gch", "据央视网消息，国务院总理李强7月31日主持召开国务院常务会议", "李强在会上讲话。", "20:03")
    column = art("gx", "（体育）广西加快建设面向东盟的区域性国际体育交流中心", "广西印发实施方案。", "23:56")
    titles = {it.article_ids[0]: it.title for it in compose([meeting, column]).items}
    assert titles == {
        "gch": "国务院总理李强7月31日主持召开国务院常务会议",
        "gx": "广西加快建设面向东盟的区域性国际体育交流中心",
    }


def test_a_place_most_reports_tie_to_the_running_subject_belongs_to_that_subject():
    # 涿州 named in flood headlines all day: a report about its publishers' warehouses is the flood
    # told from another side, not a subject of its own.
    zhuozhou = [
        art(f"zz{n}", t, b, f"0{n + 1}:20", outlet=o)
        for n, (t, b, o) in enumerate(
            [
                ("涿州城区积水 救援持续进行", "消防人员涉水转移群众。", "新华社"),
                ("涿州被洪水围困小区住户陆续撤离", "居民称部分积水有一人高。", "中新网"),
                ("河北涿州是出版业的物流重镇", "近百家出版社的图书仓库受损，损失尚在统计。", "澎湃新闻"),
            ]
        )
    ]
    grouped = group(zhuozhou + FILLER)
    [publishers] = [s for s in grouped.stories if s.articles[0].id == "zz2"]
    assert grouped.running_subjects(publishers) == {"floods"}


def test_a_photo_caption_is_not_named_as_a_subjects_related_report():
    from digests.headlines import headline_quality

    assert (
        headline_quality("河北涿州，洪水淹没了马路，水位已逼近树梢")
        < 0
        <= headline_quality("涿州积水逼近红绿灯，退水还需一个月")
    )


def test_a_meeting_headline_that_only_says_it_met_carries_what_the_meeting_stressed():
    meeting = art(
        "gch",
        "国务院总理李强7月31日主持召开国务院常务会议",
        "国务院总理李强7月31日主持召开国务院常务会议。会议强调，要调整优化房地产政策，根据不同需求推出政策举措。",
        "20:03",
        outlet="央视网",
    )
    [item] = compose([meeting]).items
    assert item.title == "国务院常务会议：调整优化房地产政策"
    # The text says who met and when, then what was stressed; never a bare "会议强调".
    assert item.text.startswith("国务院总理李强7月31日主持召开国务院常务会议，强调要调整优化房地产政策")
