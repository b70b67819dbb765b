"""Articles from headline-less text: an honest headline, clean paragraphs, credited outlets only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.textdoc import article_from_text, split_paragraphs

WHEN = datetime(2023, 7, 26, 5, 50, tzinfo=UTC)


def art(text: str, source: str | None = None):  # type: ignore[no-untyped-def]
    return article_from_text("d1", text, WHEN, category="stream", source=source)


def test_the_original_title_is_the_headline_and_not_body_text() -> None:
    a = art(
        "原标题：香港故宫文化博物馆将推出多个全新展览                            本报香港7月25日电 （记者陈然）香港故宫文化博物馆25日表示，将更新常设专题展览。"
    )
    assert a.title == "香港故宫文化博物馆将推出多个全新展览"
    assert a.paragraphs == ("香港故宫文化博物馆25日表示，将更新常设专题展览。",)
    assert a.summary == ()


@pytest.mark.parametrize(
    ("text", "title", "first"),
    [
        # glued to a dateline
        (
            "原标题：伦敦股市2日下跌新华社伦敦8月2日电（记者黄泽民）英国伦敦股市2日报收于7561.63点。",
            "伦敦股市2日下跌",
            "英国伦敦股市2日报收于7561.63点。",
        ),
        # repeated by the page
        (
            "原标题：“爱心圆梦大学”助学行动启动“爱心圆梦大学”助学行动启动 来源：安徽日报近日，团省委决定开展助学行动。",
            "“爱心圆梦大学”助学行动启动",
            None,
        ),
        # glued to a byline
        (
            "原标题：反诈宣传获线索，罗田警方抓获涉诈嫌疑人极目新闻记者 董淑健通讯员 龚振杰近日，湖北罗田警方破获涉诈案。",
            "反诈宣传获线索，罗田警方抓获涉诈嫌疑人",
            "近日，湖北罗田警方破获涉诈案。",
        ),
        # glued to a date-led sentence
        (
            "原标题：村里娃过缤纷暑假8月2日，高州市大井镇社工站组织开展手工活动。",
            "村里娃过缤纷暑假",
            "8月2日，高州市大井镇社工站组织开展手工活动。",
        ),
    ],
)
def test_glued_original_titles(text: str, title: str, first: str | None) -> None:
    a = art(text)
    assert a.title == title
    if first is not None:
        assert a.paragraphs[0] == first
    assert not a.paragraphs[0].startswith(title)


def test_without_a_title_the_first_sentence_is_cut_cleanly_and_stays_in_the_body() -> None:
    text = (
        "7月24日，《长相思》正式开播，这部剧刚官宣定档的时候，网友都忍不住问这部古装剧能否成为今年暑期档的热播剧。"
        "剧情讲述小夭的故事。"
    )
    a = art(text)
    assert len(a.title) <= 31 and a.title.endswith("…")
    assert a.title.startswith("《长相思》正式开播")  # the headline is the news, not its date
    assert a.paragraphs[0].startswith("7月24日，《长相思》正式开播")  # nothing lost


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # who announced it and when are the preamble; the news is the clause after them
            "近日，外交部发布消息，国家主席习近平将出席成都第31届世界大学生夏季运动会开幕式，为来华出席开幕式并访问的"
            "外国领导人举行欢迎宴会和相关双边活动。成都大运会开幕在即。",
            "国家主席习近平将出席成都第31届世界大学生夏季运动会开幕式",
        ),
        (  # a clause that only promises the next one (…发布消息称，经…审议) is left out with it
            "中国广核集团7月31日发布消息称，经国务院常务会议审议，广东陆丰核电站5、6号机组项目获得核准，将采用华龙一号技术。"
            "此外，另一项目也获核准。",
            "广东陆丰核电站5、6号机组项目获得核准，将采用华龙一号技术",
        ),
        (  # a full name with its abbreviation in brackets: the headline uses the abbreviation
            "西非国家经济共同体（西共体）常设执行机构西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变。"
            "声明称，西共体“对这种试图以武力夺取政权的行为表示最强烈的谴责”。",
            "西共体常设执行机构西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变",
        ),
        (  # when it was published, ending the lede, is the date line's
            "公安部研究制定方便农村群众申办交管牌证等措施并于8月3日发布。措施共10条。",
            "公安部研究制定方便农村群众申办交管牌证等措施",
        ),
    ],
)
def test_a_long_lede_gives_a_headline_of_whole_clauses_without_an_ellipsis(text: str, title: str) -> None:
    a = art(text)
    assert a.title == title
    assert a.paragraphs[0].startswith(text.split("。")[0] + "。")  # the lede stays whole in the body


def test_a_short_first_line_is_a_headline_line() -> None:
    a = art("钱袋子要守住  近日，一位老年客户急匆匆地去到支行，要求汇款50万元。")
    assert a.title == "钱袋子要守住"
    assert a.paragraphs == ("近日，一位老年客户急匆匆地去到支行，要求汇款50万元。",)


def test_paragraphs_are_split_on_runs_of_spaces() -> None:
    assert split_paragraphs("第一段。  第二段。\xa0\xa0第三段。") == ["第一段。", "第二段。", "第三段。"]


def test_outlet_only_from_credit_forms_and_the_feed_is_a_tag() -> None:
    assert art("原标题：某地发布通知  社区开展活动。（警方通报）", source="搜狐").outlet is None
    a = art("原标题：某地发布通知  社区开展活动。来源：新华社返回搜狐，查看更多责任编辑：", source="搜狐")
    assert a.outlet == "新华社" and a.tags == ("搜狐",)
    assert a.paragraphs == ("社区开展活动。",)
    assert art("原标题：英国央行预计通胀降至5%  中新社伦敦8月3日电 英国央行3日发布报告。").outlet == "中新社"
    assert art("原标题：柬埔寨大选结果  据新华社报道，柬埔寨执政党人民党发言人说。").outlet == "新华社"


# Real stream lines (stream-dev.jsonl, shortened): raw text → headline, outlet, the body's first words.
CREDITED = [
    (
        "新京报讯（记者陈璐 赵亚楠）8月2日，由涞宝路向十渡方向的三渡桥被河水冲断，现场挖机正在将沙石挪堆到断裂处。据现场几位村民反映。",
        "由涞宝路向十渡方向的三渡桥被河水冲断，现场挖机正在将沙石挪堆到断裂处",
        "新京报",
        "8月2日，由涞宝路",
    ),
    (
        "本报讯孩子假期去哪，是家长最挠头的问题。记者走访了几家托管班。",
        "孩子假期去哪，是家长最挠头的问题",
        None,
        "孩子假期去哪",
    ),
    (
        "荆楚网（湖北日报网）讯（记者 黄铮 通讯员 卢志广）8月1日，咸宁市举行防汛演练。演练持续两个小时。",
        "咸宁市举行防汛演练",
        "荆楚网",
        "8月1日，咸宁市",
    ),
    (
        "智通财经APP获悉，8月3日，理文造纸(02314)盘中跌超4%，触及2.48港元，创2022年11月以来新低。截至发稿，跌2.31%。",
        "理文造纸(02314)盘中跌超4%，触及2.48港元，创2022年11月以来新低",
        "智通财经",
        "8月3日，理文造纸",
    ),
    (
        "原标题：推特更名“X”后总部架发光标志，夜晚狂闪引居民不满（观察者网讯）当地时间7月28日起，一座巨大的“X”形金属灯架出现。",
        "推特更名“X”后总部架发光标志，夜晚狂闪引居民不满",
        "观察者网",
        "当地时间7月28日起",
    ),
    (
        "原标题：广西百色：学生资助工作成效显著中国教育报-中国教育新闻网讯（记者 欧金昌 通讯员 黄方梅 黄海杰）近日，两部门联合印发通报。",
        "广西百色：学生资助工作成效显著",
        "中国教育报",
        "近日，两部门",
    ),
    (
        "原标题：全国工商联、中国银行业协会发布2023年“助微计划”倡议书中证网讯（记者 欧阳剑环）7月31日，全国工商联发布倡议书。",
        "全国工商联、中国银行业协会发布2023年“助微计划”倡议书",
        "中证网",
        "7月31日，全国工商联",
    ),
    (
        "原标题：百川畅银聘任马峥为副总经理南都·湾财社讯 7月25日，河南百川畅银环保能源股份有限公司（300614）发布公告。",
        "百川畅银聘任马峥为副总经理",
        "南都",
        "7月25日，河南百川畅银",
    ),
    (
        "原标题：柬埔寨首相宣布：将辞职！已在任近25年，继任者是他！每经编辑：张锦河据央视新闻，7月26日，柬埔寨首相洪森发表电视讲话。",
        "柬埔寨首相宣布：将辞职！已在任近25年，继任者是他！",
        "每经",
        "据央视新闻，7月26日",
    ),
    (
        "原标题：公安法院联动，跨省追讨抚养费本报综合近日，石门法院联合石门公安远赴广东开展异地执行。",
        "公安法院联动，跨省追讨抚养费",
        None,
        "近日，石门法院",
    ),
    (
        "原标题：美媒：巴西正将美国挤出中国大豆市场【环球时报特约记者 任重】据美国彭博社24日报道，全球大豆市场由中国主导。",
        "美媒：巴西正将美国挤出中国大豆市场",
        "环球时报",
        "据美国彭博社24日报道",
    ),
    (
        "原标题：女性户外工作者的专属港湾！广州海珠“暖新小屋”暖人心文、图/羊城晚报全媒体记者 李春炜 实习生 黄明圆7月26日上午，活动开展。",
        "女性户外工作者的专属港湾！广州海珠“暖新小屋”暖人心",
        "羊城晚报",
        "7月26日上午，活动开展。",
    ),
    (
        "原标题：惠民县魏集镇开展“保护母亲河 让生态更美丽”志愿服务活动记者 王文彬 通讯员 蔺扬 孔德成 保护黄河是千秋大计。",
        "惠民县魏集镇开展“保护母亲河 让生态更美丽”志愿服务活动",
        None,
        "保护黄河是千秋大计。",
    ),
    (
        "原标题：海门法院组织开展干警子女进警营活动为不断深化爱警暖警工作，落实从优待警措施，近日，海门法院开展活动。",
        "海门法院组织开展干警子女进警营活动",
        None,
        "为不断深化",
    ),
    (
        "原标题：中视传媒股份有限公司 关于控股子公司涉及诉讼的进展公告本公司董事会及全体董事保证本公告内容不存在任何虚假记载。",
        "中视传媒股份有限公司 关于控股子公司涉及诉讼的进展公告",
        None,
        "本公司董事会",
    ),
    (
        "原标题：公安部：全面放宽大城市落户条件        林靖/北京日报客户端    8月3日记者从公安部在京召开的新闻发布会获悉，公安部研究制定若干措施。",
        "公安部：全面放宽大城市落户条件",
        "北京日报客户端",
        "8月3日记者从公安部",
    ),
    (
        "原标题：美国多地周末再现枪击事件 致至少4人死亡本文转自【央视新闻客户端】；据美国媒体报道，美国多地发生枪击事件。",
        "美国多地周末再现枪击事件 致至少4人死亡",
        "央视新闻客户端",
        "据美国媒体报道",
    ),
    (
        "【环球时报驻俄罗斯特派记者 肖新新】俄新社28日报道称，乌总统泽连斯基当日签署一项法律。这项法律还调整了节日。",
        "俄新社28日报道称，乌总统泽连斯基当日签署一项法律",
        "环球时报",
        "俄新社28日报道称",
    ),
]


@pytest.mark.parametrize(("text", "title", "outlet", "first"), CREDITED)
def test_credits_name_the_outlet_and_never_reach_the_headline(
    text: str, title: str, outlet: str | None, first: str
) -> None:
    a = art(text)
    assert (a.title, a.outlet) == (title, outlet)
    assert a.paragraphs[0].startswith(first)


def test_a_reporters_byline_glued_to_the_lead_goes_and_names_the_outlet() -> None:
    a = art("原标题：台风影响几何？  新华社记者黄垚今年第5号台风“杜苏芮”25日晚发展为超强台风后，持续逼近我国东南沿海。")
    assert a.outlet == "新华社"
    assert a.paragraphs[0].startswith("今年第5号台风")


def test_how_the_reporter_learnt_it_is_not_the_headline() -> None:
    a = art(
        "8月3日记者从公安部在京召开的新闻发布会获悉，公安部研究制定公安机关服务保障高质量发展若干措施，包括推进新型城镇化。"
    )
    assert a.title.startswith("公安部研究制定")
    assert a.paragraphs[0].startswith("8月3日记者从公安部")  # the body keeps every word


def test_a_short_bracket_is_never_split_into_paragraphs() -> None:
    a = art("中新社杭州7月26日电 (刘育英  奚金燕)中国证监会市场监管二部主任王建平26日在杭州介绍情况。")
    assert a.outlet == "中新社"
    assert a.paragraphs == ("中国证监会市场监管二部主任王建平26日在杭州介绍情况。",)


def test_a_reporters_day_in_brackets_is_not_a_byline() -> None:
    a = art(
        "记者今天（31日）从中央网信办获悉，“清朗·成都大运会网络环境整治”专项行动启动以来，各地网信部门督促网站平台履责。"
    )
    assert a.paragraphs[0].startswith("记者今天（31日）从中央网信办获悉")
    assert a.title.startswith("“清朗·成都大运会网络环境整治”专项行动启动以来")


@pytest.mark.parametrize(
    ("text", "title", "outlet"),
    [
        (
            "原标题：苹果公司回应遭开发者集体诉讼：没有垄断行为IT之家 7 月 26 日消息，苹果公司回应了诉讼。",
            "苹果公司回应遭开发者集体诉讼：没有垄断行为",
            "IT之家",
        ),
        (
            "原标题：北京警方今年累计返还被骗资金超1亿元北京日报客户端 | 记者 王天译  今年以来，北京警方返还被骗资金。",
            "北京警方今年累计返还被骗资金超1亿元",
            "北京日报客户端",
        ),
        (
            "原标题：揭露731部队罪行的日本作家森村诚一去世，外交部：表示哀悼中国青年报客户端北京7月28日电 外交部发言人表示哀悼。",
            "揭露731部队罪行的日本作家森村诚一去世，外交部：表示哀悼",
            "中国青年报客户端",
        ),
        (
            "原标题：贝壳捐赠800万元用于防汛救灾（文/张志峰 编辑/马媛媛）近日，京津冀等地持续遭遇强降雨袭击。",
            "贝壳捐赠800万元用于防汛救灾",
            None,
        ),
        (
            "原标题：捐献遗体、器官和眼角膜，老两口相约百年后完成最后一次奉献本网讯（通讯员 敖盼盼）近日，老两口签下协议。",
            "捐献遗体、器官和眼角膜，老两口相约百年后完成最后一次奉献",
            None,
        ),
        # a sentence end inside the candidate: the headline ends at its exclamation instead
        (
            "原标题：江苏健美比赛女选手扔高跟鞋事件调查结果公布！两年禁止参赛江苏省健美健身锦标赛一名女选手向评委席扔高跟鞋一事有新进展。"
            "记者从江苏省体育局获悉，该选手被禁赛两年。",
            "江苏健美比赛女选手扔高跟鞋事件调查结果公布！",
            None,
        ),
        (
            "原标题：辽宁：建立学生眼健康监测平台 保证每天校内1小时体育活动近年来，我国学生群体近视呈现高发趋势。",
            "辽宁：建立学生眼健康监测平台 保证每天校内1小时体育活动",
            None,
        ),
    ],
)
def test_more_glued_credits_end_the_original_title(text: str, title: str, outlet: str | None) -> None:
    a = art(text)
    assert (a.title, a.outlet) == (title, outlet)


def test_a_subtitle_line_and_the_byline_after_it_never_reach_the_text() -> None:
    a = art(
        "原标题：今年首个台风红色预警发布 “杜苏芮”影响几何？新华社北京7月26日电题：今年首个台风红色预警发布 “杜苏芮”影响几何？"
        "新华社记者黄垚今年第5号台风“杜苏芮”25日晚发展为超强台风后，持续逼近我国东南沿海。"
    )
    assert a.outlet == "新华社"
    assert a.paragraphs[0].startswith("今年第5号台风")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "据央视网消息，国务院总理李强7月31日主持召开国务院常务会议，听取关于今年上半年经济形势的汇报，研究部署有关工作。",
            "国务院总理李强7月31日主持召开国务院常务会议，听取关于今年上半年经济形势的汇报",
        ),
        (
            "（体育）广西加快建设面向东盟的区域性国际体育交流中心  新华社南宁8月3日电 广西为进一步发挥优势。",
            "广西加快建设面向东盟的区域性国际体育交流中心",
        ),
    ],
)
def test_a_desk_label_and_an_attribution_leave_the_headline(text: str, title: str) -> None:
    assert art(text).title == title


def test_a_clause_headline_never_opens_with_a_pronoun_for_a_clause_it_left_out() -> None:
    a = art(
        "巴基斯坦财政部部长达尔7月31日在中国银行伊斯兰堡分行开业仪式上致辞时表示，他相信中巴之间的经济与外交关系将在"
        "未来达到新高度，希望人民币早日成为国际金融市场上可接受的平行货币。此外，他祝贺中国银行。"
    )
    assert not a.title.startswith("他") and a.title.startswith("巴基斯坦财政部部长达尔")


def test_a_clause_headline_is_never_a_concession_waiting_for_its_main_clause() -> None:
    a = art(
        "虽然美国失业率继续徘徊在历史低点，但这位地区联储主席警告称，这一数据在未来可能会升至4%，但这仍是软着陆。下一句。"
    )
    assert a.title != "虽然美国失业率继续徘徊在历史低点"  # the concession alone promises what it leaves out


def test_the_reporters_byline_closing_the_report_names_its_outlet() -> None:
    a = art(
        "原标题：尼日尔突发政变一周，外交部回应撤侨问题！8月3日，外交部表示，中方密切关注尼日尔形势发展。"
        "外交部将全力维护在尼中国公民人身和财产安全。采写：南都记者 何嘉慧返回搜狐，查看更多责任编辑："
    )
    assert a.outlet == "南都"
    b = art("国家发改委表示全国日调度发电量三创历史新高。四是做好应急预案。  红星新闻首席记者 吴阳 北京报道  责编 官莉")
    assert b.outlet == "红星新闻"
    # Its own reporter's byline, not the outlet it cites; a paper's app names the paper.
    c = art(
        "原标题：门头沟暴雨致2人死亡据人民日报消息，门头沟区遭遇强降雨。记者获悉。 扬子晚报/紫牛新闻记者 陈燃校对 陶善工"
    )
    assert c.outlet == "扬子晚报"
    # The broadcaster's own reporter (总台央视记者) credits its news desk.
    d = art(
        "原标题：中国人民银行：引导金融资源流向民营经济  今天，潘功胜在座谈会上表示。  （总台央视记者 孙艳）返回搜狐"
    )
    assert d.outlet == "央视新闻"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "国际评级机构惠誉当地时间8月1日将美国长期外币发行人违约评级从AAA下调至AA+，这是美国历史上第二次。另一句话在这里。",
            "国际评级机构惠誉将美国长期外币发行人违约评级从AAA下调至AA+",
        ),
        (  # the day it acted goes; the day something is due stays
            "泰国国会主席万诺3日宣布，将推迟原定于4日举行的总理候选人投票表决环节。另一句话在这里。",
            "泰国国会主席万诺宣布，将推迟原定于4日举行的总理候选人投票表决环节",
        ),
        (
            "第31届世界大学生夏季运动会将于7月28日在成都开幕，这是一次盛会。另一句话在这里。",
            "第31届世界大学生夏季运动会将于7月28日在成都开幕，这是一次盛会",
        ),
    ],
)
def test_a_headline_made_from_a_lede_leaves_out_the_day_the_subject_acted(text: str, title: str) -> None:
    assert art(text).title == title
