"""Story grouping: one event is one story, template reports about different subjects are not."""

from __future__ import annotations

from digests.grouping import find_stories
from tests.test_dedup import art


def _flow(aid: str, name: str, code: str, amount: str, hhmm: str) -> object:
    title = f"股票行情快报：{name}12月8日主力资金净买入{amount}万元"  # the code only in the text
    body = (
        f"截至2021年12月8日收盘，{name}({code})报收于6.68元，上涨0.15%，换手率1.2%。"
        f"当日主力资金净买入{amount}万元，游资资金净卖出，散户资金净卖出。"
    )
    return art(aid, title, body, hhmm)


def test_template_reports_about_two_stocks_are_two_stories_and_no_outlets():
    a = _flow("a", "东宝生物", "300239", "34.34", "15:30")
    b = _flow("b", "骏成科技", "301106", "34.34", "15:31")  # same figure, other stock
    stories = find_stories([a, b])
    assert len(stories) == 2
    # Neither report names an outlet: they are not counted as outlets of their own.
    assert all(s.outlets == () for s in stories)


def test_two_outlets_rewording_one_event_are_one_story_with_the_reason():
    xinhua = art(
        "x",
        "朝鲜向东部海域发射两枚短程弹道导弹",
        "韩国联合参谋本部24日说，朝鲜当天深夜向朝鲜半岛东部海域发射两枚短程弹道导弹。韩军正在分析导弹的具体飞行距离。",
        outlet="新华社",
    )
    cns = art(
        "c",
        "韩军：朝鲜深夜发射两枚短程弹道导弹",
        "据韩联社报道，韩国联合参谋本部称，朝鲜24日深夜向东部海域发射了两枚短程弹道导弹，韩美情报部门正在分析具体参数。",
        "10:40",
        outlet="中新网",
    )
    other = art("o", "国家统计局：11月CPI同比上涨2.3%", "国家统计局今天发布数据，11月份全国居民消费价格同比上涨2.3%。")
    stories = find_stories([xinhua, cns, other])
    together = next(s for s in stories if len(s.articles) == 2)
    assert {a.id for a in together.articles} == {"x", "c"}
    assert together.outlets == ("新华社", "中新网") or set(together.outlets) == {"新华社", "中新网"}
    assert together.links and together.links[0].relation == "event"


def test_a_day_of_one_topic_does_not_chain_into_one_story():
    # Each report shares words with the next, but the first and the last have little in common.
    texts = [
        (
            "t1",
            "台风杜苏芮将在福建沿海登陆",
            "中央气象台预计，台风杜苏芮将于28日上午在福建晋江到广东惠来一带沿海登陆。",
        ),
        ("t2", "福建沿海渔船回港避风", "受台风杜苏芮影响，福建沿海各地渔船全部回港避风，渔民上岸转移。"),
        ("t3", "渔民上岸后安置点开放", "渔民上岸转移后，厦门各区开放临时安置点，提供饮用水和食品。"),
        ("t4", "厦门安置点食品保障充足", "厦门市商务局表示，临时安置点饮用水和食品储备充足，超市货源稳定。"),
    ]
    stories = find_stories([art(aid, t, b, f"10:0{n}") for n, (aid, t, b) in enumerate(texts)])
    assert max(len(s.articles) for s in stories) < 4


def test_a_story_every_outlet_reprints_is_one_story_however_many_copies():
    body = "国家统计局今天发布数据，11月份全国居民消费价格同比上涨2.3%，环比持平，涨幅比上月回落。"
    copies = [art(f"c{n}", "国家统计局：11月CPI同比上涨2.3%", body, f"1{n % 10}:{n % 60:02d}") for n in range(80)]
    other = art("o", "美国会众议院通过国防授权法案", "美国国会众议院以363票赞成通过国防授权法案。")
    stories = find_stories([*copies, other])
    assert sorted(len(s.articles) for s in stories) == [1, 80]


def test_one_template_about_two_entities_is_two_stories():
    # Real headlines of one day: a generator's fund net values (a near-identical body would make
    # them "updates" of one running figure) and one notice issued by two counties.
    funds = [
        art(
            f"nav{n}",
            f"8月2日基金净值：{name}中证500ETF联接A最新净值{nav}，跌0.34%",
            f"8月2日，{name}中证500ETF联接A最新单位净值为{nav}元，累计净值为{nav}元，较前一交易日下跌0.34%。",
            f"09:0{n}",
        )
        for n, (name, nav) in enumerate([("嘉实", "1.7472"), ("华夏", "0.7132"), ("广发", "1.4075")])
    ]
    notice = "关于做好2023年脱贫家庭本科大学新生资助工作的公告"
    body = "为切实做好2023年脱贫家庭本科大学新生资助工作，现将有关事项公告如下：资助对象为当年考入全日制普通本科高校的脱贫家庭学生。"
    counties = [
        art("jc", "交城县乡村振兴局" + notice, "交城县" + body, "10:00"),
        art("ws", "文水县" + notice, "文水县" + body, "11:00"),
    ]
    stories = find_stories(funds + counties)
    assert sorted(len(s.articles) for s in stories) == [1, 1, 1, 1, 1]


def test_entity_swap_tells_another_entity_from_another_outlets_wording():
    from digests.similarity import entity_swap

    assert entity_swap(
        "新疆冠农股份有限公司2023年第二次临时股东大会决议公告", "上海数据港股份有限公司2023年第二次临时股东大会决议公告"
    )
    # Another outlet's wording: a different ending, a word added, a speaker shortened.
    assert not entity_swap(
        "法国驻尼日尔大使馆遭冲击 法总统府发出严厉警告", "法驻尼日尔大使馆遭冲击，法总统府：如伤及法利益"
    )
    assert not entity_swap(
        "泰安交警岱岳区大队全面启动“爱心头盔”发放活动", "泰安交警岱岳区大队举行“爱心头盔”发放活动启动仪式"
    )
    assert not entity_swap("国家统计局：7月CPI同比下降0.3%", "统计局：7月CPI同比下降0.3%")
    assert not entity_swap("外交部：中方坚决反对", "中方：中方坚决反对")
    assert not entity_swap("朝鲜向东部海域发射两枚短程弹道导弹", "朝鲜深夜发射两枚短程弹道导弹")


def test_headline_names_are_subjects_not_everyday_words_jieba_tags_as_names():
    from digests.names import title_names

    # Real headlines of one day: 涿州 and 杜苏芮 are subjects; 青少年 (tagged a person), 台风 (a place)
    # and 京报 (of 新京报讯, an outlet) would tie unrelated reports together.
    assert "涿州" in title_names("涿州积水逼近红绿灯，退水还需一个月！")
    assert "杜苏芮" in title_names("台风杜苏芮逼近 浙江温州沿海13条客运航线全部停航")
    assert "台风" not in title_names("台风杜苏芮逼近 浙江温州沿海13条客运航线全部停航")
    assert not title_names("五通桥法院举办开放日活动为青少年开启一场丰富的法治之旅") & {"青少年", "开放日"}
    assert "京报" not in title_names("新京报讯8月3日，中国气象局召开新闻发布会")


def test_one_policy_document_reported_by_two_issuer_headlines_is_one_story():
    # Real posts six minutes apart: one 实施方案 of 发改委 and three other departments.
    a = art(
        "dc1",
        "发改委等部门：到2025年 数据中心和5G基本形成绿色集约的一体化运行格局",
        "数据中心运行电能利用效率和可再生能源利用率明显提升，西部数据中心利用率由30%提高到50%以上。",
        "10:47",
        outlet="发改委网站",
    )
    b = art(
        "dc2",
        "四部门：加强对数据中心建设的统筹指导 坚决避免数据中心盲目无序发展",
        "国家发改委等四部门印发实施方案。其中提出，在交通、能源、工业和市政等基础设施的规划和建设中同步考虑5G网络建设。",
        "10:53",
    )
    other = art(
        "cpi", "统计局：11月CPI同比上涨2.3%", "国家统计局今天发布数据，11月份全国居民消费价格同比上涨2.3%。", "10:50"
    )
    stories = find_stories([a, b, other])
    assert sorted(len(s.articles) for s in stories) == [1, 2]


def test_two_listed_companies_notices_are_two_stories_however_alike_their_template() -> None:
    body = "本公司董事会及全体董事保证本公告内容不存在任何虚假记载。会议于2023年8月2日召开，审议通过全部议案。"
    notices = [
        art("gn", "新疆冠农股份有限公司2023年第二次临时股东大会决议公告", body, "16:01"),
        art("ld", "武汉菱电汽车电控系统股份有限公司 2023年第一次临时股东大会决议公告", body, "16:02"),
        art("lt", "证券代码：603797 证券简称：联泰环保公告编号：2023-036", body, "16:03"),
    ]
    assert len(find_stories(notices)) == 3
    # One company's notice carried twice is still one story.
    again = art("gn2", "新疆冠农股份有限公司2023年第二次临时股东大会决议公告", body, "16:30")
    assert len(find_stories([notices[0], again])) == 1


def test_listed_companies_notices_in_traditional_are_told_apart_by_their_short_names() -> None:
    body = "本公司董事會及全體董事保證本公告內容不存在任何虛假記載。會議審議通過全部議案。"
    notices = [
        art("a", "證券簡稱：聯泰環保 公告編號：2023-036", body, "16:01"),
        art("b", "證券簡稱：中儲股份 公告編號：2023-036", body, "16:02"),
    ]
    assert len(find_stories(notices)) == 2


def test_a_specific_name_lends_its_outlets_to_every_angle_but_a_country_only_to_its_own_topic() -> None:
    from digests.grouping import group

    filler = [art(f"f{n}", f"第{n}号公告发布", f"第{n}号公告今日发布。", f"1{n % 10}:{n % 60:02d}") for n in range(110)]
    separation = [
        art("s1", "加拿大总理特鲁多宣布与妻子分居", "特鲁多在社交媒体宣布与妻子索菲分居。", "09:00", outlet="新华社"),
        art("s2", "特鲁多与妻子索菲宣布分居 加拿大总理", "加拿大总理特鲁多宣布分居。", "09:30", outlet="中新网"),
        art("s3", "加拿大总理特鲁多宣布分居", "特鲁多与索菲结婚18年。", "10:00", outlet="环球网"),
    ]
    wildfire = art("w", "加拿大多地林火继续蔓延", "今年过火面积已达13.1万平方公里。", "11:00", outlet="央视新闻")
    downgrade = [
        art("d1", "惠誉下调美国信用评级至AA+", "惠誉将美国长期外币发行人违约评级下调至AA+。", "08:00", outlet="新华社"),
        art("d2", "惠誉回应：下调理由充足", "惠誉称美国财政状况恶化。", "12:00", outlet="中新网"),
        art("d3", "白宫批评惠誉决定", "白宫新闻秘书称此举罔顾现实。", "13:00", outlet="环球网"),
        art("d4", "耶伦：惠誉的决定武断", "美国财长耶伦发表声明予以批驳。", "14:00", outlet="人民网"),
    ]
    grouped = group([*filler, *separation, wildfire, *downgrade])
    story_of = {a.id: s for s in grouped.stories for a in s.articles}
    assert grouped.outlets_on_topic(story_of["w"]) == 1  # 加拿大: the separation's outlets are not the fire's
    # 惠誉: one subject told from four angles by four outlets; a shared name is a looser tie than a
    # topic, so it lends half of them.
    assert grouped.outlets_on_topic(story_of["d3"]) == 2


def test_one_national_bodys_announcements_of_the_day_are_one_topic() -> None:
    from digests.grouping import group

    filler = [art(f"f{n}", f"第{n}号公告发布", f"第{n}号公告今日发布。", f"1{n % 10}:{n % 60:02d}") for n in range(110)]
    residence = art("r", "公安部：全面放宽大城市落户条件", "除个别超大城市外，全面取消落户限制。", "10:00")
    papers = art("p", "公安部实施“免交证、办成事”改革", "群众办事免交户口簿、身份证等证照材料。", "11:00")
    other = art("o", "教育部：做好暑期学生安全工作", "各地要加强防溺水教育。", "12:00")
    grouped = group([*filler, residence, papers, other])
    assert grouped.topic_of["r"] == grouped.topic_of["p"] != grouped.topic_of["o"]
    assert len({s.articles[0].id for s in grouped.stories if s.articles[0].id in "rpo"}) == 3  # still three stories


def test_a_ministrys_other_rule_changes_that_day_are_named_under_its_item() -> None:
    from tests.test_digest import compose

    filler = [art(f"f{n}", f"第{n}号公告发布", f"第{n}号公告今日发布。", f"1{n % 10}:{n % 60:02d}") for n in range(110)]
    residence = art("r", "公安部：全面放宽大城市落户条件", "除个别超大城市外，全面取消落户限制。", "10:00")
    papers = art("p", "公安部实施“免交证、办成事”改革", "群众办事免交户口簿、身份证等证照材料。", "11:00")
    routine = art("o", "公安部召开视频会议", "会议总结上半年工作。", "12:00")
    d = compose([*filler, residence, papers, routine], top_n=3)
    [item] = [it for it in d.items if it.article_ids[0] in "rp"]  # one item for the body's announcements
    other = "公安部：全面放宽大城市落户条件" if item.article_ids[0] == "p" else "公安部实施“免交证、办成事”改革"
    assert item.also == (other,)  # the routine meeting is not named
