"""Boilerplate removal: each rule on a constructed case, then real lines of the stream and finews data."""

from __future__ import annotations

import pytest

from digests.boilerplate import clean_paragraphs, source_of, strip_dateline
from digests.cut_credits import signed

NEWS = "国家统计局31日发布数据，7月份制造业采购经理指数为49.3%，比上月上升0.3个百分点。"


def cleaned(*paragraphs: str) -> tuple[str, ...]:
    return clean_paragraphs(paragraphs).paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "记者 张三 通讯员 李四",
        "编辑：王五",
        "责任编辑：赵六",
        "校对 刘军",
        "审核：罗军",
        "文/羊城晚报全媒体记者 高焓",
        "文 | 杨万里",
        "撰文：钱七",
        "来源：新华社",
    ],
)
def test_a_byline_line_never_survives(line: str) -> None:
    assert cleaned(NEWS, line) == (NEWS,)


def test_a_dateline_prefix_goes_and_the_news_sentence_stays() -> None:
    for dateline in (
        "2021年12月8日讯，",
        "本报讯 ",
        "中新网7月26日电 ",
        "新华社北京7月26日电（记者商婧）",
        "财联社8月3日（编辑 黄君芝）",
    ):
        assert cleaned(dateline + NEWS) == (NEWS,)
    # A date and a bracket that is not a byline are the news.
    assert cleaned("7月26日（星期三）上午，" + NEWS) == ("7月26日（星期三）上午，" + NEWS,)


def test_attribution_is_news_not_a_dateline() -> None:
    text = "据美国商业金融新闻网站5月20日报道，" + NEWS
    assert cleaned(text) == (text,)
    # 记者 + a date is the reporter's sentence, not a byline.
    assert cleaned("中新网北京7月26日电 (记者 夏宾)中新网记者26日了解到，TikTok将推出电商业务。") == (
        "中新网记者26日了解到，TikTok将推出电商业务。",
    )


def test_a_news_sentence_is_never_cut() -> None:
    for sentence in (
        NEWS,
        "记者了解到，这支旅行团共有45位老年人，他们7月29日早上6点半从丰台区刘家窑出发。",
        "法院判决网易公司在侵权公众号中发布声明致歉，并赔偿苏炳添经济损失3000元。",
        "前警视厅搜查一课的佐藤诚28日针对此事举行记者会称，死者绝非自杀。",
        "经公司总经理提名，董事会提名委员会审核通过，公司董事会同意聘任马峥为公司副总经理。",
    ):
        assert cleaned(sentence) == (sentence,)


# Real lines (stream-dev.jsonl, posts): furniture → what must remain.
REAL = [
    (
        "两国将“放开手脚”。来源 | 参考消息编辑 | 李 冉责编 | 姚凯红往期回顾返回搜狐，查看更多责任编辑：",
        "两国将“放开手脚”。",
    ),
    ("确保安全。\xa0编辑 唐峥校对 刘军", "确保安全。"),
    (
        "请谨慎决策。〖 证星主力研究 〗本文不构成投资建议，股市有风险，投资需谨慎。返回搜狐，查看更多责任编辑：",
        "请谨慎决策。",
    ),
    ("坚决避免数据中心盲目无序发展。(津云新闻记者赵颖妍)", "坚决避免数据中心盲目无序发展。"),
    ("为企业增添司法助力。(贵定法院 王金群)返回搜狐，查看更多责任编辑：", "为企业增添司法助力。"),
    ("并以此体现自身的价值”。  (来源：上海长宁)返回搜狐，查看更多", "并以此体现自身的价值”。"),
    ("全市范围内有中雨。(完)返回搜狐，查看更多                        责任编辑：", "全市范围内有中雨。"),
    (
        "他们的救援队伍发现了一只雄性的鳄鱼。 (本文所有图片，全部来自网络，感谢原作者，如侵犯您的权利，"
        "请联系本号作者删除。图片与内容无关，请勿对号入座）",
        "他们的救援队伍发现了一只雄性的鳄鱼。",
    ),
    ("石窟文物及雕塑展示。（张玲 摄）", "石窟文物及雕塑展示。"),
    (
        "澎湃新闻记者 周頔 摄7月26日，在国新办举行的吹风会上，欧鸿回应了保供工作安排。",
        "7月26日，在国新办举行的吹风会上，欧鸿回应了保供工作安排。",
    ),
    (
        "图为活动开营仪式现场。祁绣娟摄 据悉，该活动是西宁市打造的公益品牌。",
        "图为活动开营仪式现场。据悉，该活动是西宁市打造的公益品牌。",
    ),
    (
        "文/羊城晚报全媒体记者 高焓 通讯员 李国全 王梦华图/通讯员供图8月3日下午，启动仪式举行。",
        "8月3日下午，启动仪式举行。",
    ),
    ("极目新闻记者 董淑健通讯员 龚振杰近日，湖北罗田警方破获涉诈案。", "近日，湖北罗田警方破获涉诈案。"),
    (
        "华声在线8月3日讯（全媒体记者 杨昱 实习生 彭思怡 通讯员 陈梓娴）炎炎夏日，浏阳一男子被判赔。",
        "炎炎夏日，浏阳一男子被判赔。",
    ),
    ("南都讯记者刘嫚 发自北京 7月26日，国务院新闻办举行吹风会。", "7月26日，国务院新闻办举行吹风会。"),
    ("【环球网报道】路透社25日援引美国《华尔街日报》报道称。", "路透社25日援引美国《华尔街日报》报道称。"),
    ("天津北方网讯：大力发展会展经济。", "大力发展会展经济。"),
    ("文 | 杨万里7月31日，恩华药业开盘后走弱。", "7月31日，恩华药业开盘后走弱。"),
    (
        "阅读此文大概需要2-3分钟，诚邀您点击右上角“关注”按钮，先点后看，养成习惯，您的支持与鼓励便是我们创作的最大动力！随着俄罗斯开始行动。",
        "随着俄罗斯开始行动。",
    ),
]


@pytest.mark.parametrize(("raw", "kept"), REAL)
def test_real_furniture(raw: str, kept: str) -> None:
    assert cleaned(raw) == (kept,)


def test_outlets_come_from_credit_forms() -> None:
    assert clean_paragraphs(["德国外长会晤。", "来源：新华社"]).outlet == "新华社"
    assert clean_paragraphs(["新华社北京7月26日电（记者商婧）德国外长会晤。"]).outlet == "新华社"
    assert clean_paragraphs(["中新网香港7月31日电 特区政府展开公众咨询。"]).outlet == "中新网"
    assert clean_paragraphs(["本报讯（记者 卢文军）社区开展活动。"]).outlet is None
    assert source_of("氧化碳浓度几乎线性增长。（来源：科技日报）返回搜狐，查看更多") == "科技日报"
    assert source_of("据新华社报道，柬埔寨执政党人民党发言人说。") == "新华社"
    # A reposting account's copyright notice glued to the credit is not part of the outlet's name.
    assert source_of("最高可被判处终身监禁。来源：新华社版权归原作者所有，向原创致敬返回搜狐，查看更多") == "新华社"
    assert source_of("图片来源：央视新闻视频截图") is None
    assert source_of("不喝来源不明或被污染的水") is None
    assert strip_dateline("2021年12月8日讯，财政部国债中标。") == ("财政部国债中标。", None)


def test_a_credit_compiled_from_others_names_the_compiling_outlet_without_desk_words():
    from digests.boilerplate import source_of

    assert source_of("来源：正义网综合最高人民检察院微信") == "正义网"
    assert source_of("来源：央视新闻客户端值班编辑 康嘻嘻") == "央视新闻客户端"


def test_a_repost_notice_and_a_glued_photo_agency_credit_never_reach_the_text():
    from digests.boilerplate import clean_paragraphs

    cleaned = clean_paragraphs(
        [
            "本文转自【中国气象局】；7月26日8时中国气象局启动台风二级应急响应。",
            "暴雨过后，永定河水位上涨。视觉中国 图北京地区出现强降雨。",
        ]
    )
    assert cleaned.paragraphs == (
        "7月26日8时中国气象局启动台风二级应急响应。",
        "暴雨过后，永定河水位上涨。北京地区出现强降雨。",
    )


def test_a_sites_copyright_notice_and_a_glued_byline_never_reach_the_text():
    from digests.boilerplate import clean_paragraphs

    cleaned = clean_paragraphs(
        [
            "营收或大幅下滑。第一财经广告合作，请点击这里此内容为第一财经原创，著作权归第一财经所有。"
            "未经第一财经书面授权，不得以任何方式加以使用。",
            "羊城晚报讯 记者张豪、通讯员粤公宣报道：记者从广东省公安厅获悉，三天抓获嫌疑人9172人。",
        ]
    )
    assert cleaned.paragraphs == ("营收或大幅下滑。", "记者从广东省公安厅获悉，三天抓获嫌疑人9172人。")


def test_a_bracketed_byline_and_a_rights_notice_never_reach_the_text():
    from digests.boilerplate import clean_paragraphs

    cleaned = clean_paragraphs(["目前生产经营一切正常。（第一财经记者 张煜昊）第一财经保留追究侵权者法律责任的权利。"])
    assert cleaned.paragraphs == ("目前生产经营一切正常。",)


@pytest.mark.parametrize(
    ("raw", "kept", "outlet"),
    [
        (
            "新京报讯8月2日，由涞宝路向十渡方向的三渡桥被河水冲断。",
            "8月2日，由涞宝路向十渡方向的三渡桥被河水冲断。",
            "新京报",
        ),
        ("1905电影网讯日前，有外媒报道称，项目有望“复活”。", "日前，有外媒报道称，项目有望“复活”。", "1905电影网"),
        (
            "甘州融媒讯连日来，持续高温闷热的天气给一线工作人员带来考验。",
            "连日来，持续高温闷热的天气给一线工作人员带来考验。",
            "甘州融媒",
        ),
        ("黄河新闻网吕梁讯 近日，吕梁市开展防汛演练。", "近日，吕梁市开展防汛演练。", "黄河新闻网"),
        ("智通财经APP获悉，上周交易员正在为市场波动做准备。", "上周交易员正在为市场波动做准备。", "智通财经"),
        ("（观察者网讯）当地时间7月28日起，灯架出现在楼顶。", "当地时间7月28日起，灯架出现在楼顶。", "观察者网"),
        ("【环球网报道 见习记者 黄泽佳】据外媒报道，会谈举行。", "据外媒报道，会谈举行。", "环球网"),
        ("【海外网】当地时间8月1日，会谈举行。", "当地时间8月1日，会谈举行。", "海外网"),
        ("【环球时报驻尼日利亚、法国特派特约记者 姜宣 董铭】尼日尔突发政变。", "尼日尔突发政变。", "环球时报"),
        ("每经编辑：张锦河据央视新闻，7月26日，洪森发表讲话。", "据央视新闻，7月26日，洪森发表讲话。", "每经"),
        (
            "新华社记者黄垚今年第5号台风“杜苏芮”25日晚发展为超强台风。",
            "今年第5号台风“杜苏芮”25日晚发展为超强台风。",
            "新华社",
        ),
    ],
)
def test_credit_leads_go_and_name_their_outlet(raw: str, kept: str, outlet: str) -> None:
    result = clean_paragraphs([raw])
    assert (result.paragraphs, result.outlet) == ((kept,), outlet)


def test_words_that_only_look_like_credits_stay() -> None:
    for text in (
        "【导读】暑期将至，家长们开始为孩子安排托管。",
        "移动网络通讯技术发展迅速，5G用户持续增长。",
        "记者从公安部获悉，公安部研究制定若干措施。",
        "腾讯（00700）发布公告称，公司回购股份。",
    ):
        assert clean_paragraphs([text]) == clean_paragraphs([text]) and cleaned(text) == (text,), text
    assert clean_paragraphs(["记者从河北省气象台获悉，暴雨预警继续。"]).outlet is None


def test_an_outlets_own_reporting_names_it_and_stays_news() -> None:
    text = "8月3日，澎湃新闻（www.thepaper.cn）从水利部获悉，海河流域联合调度33座大型水库。"
    result = clean_paragraphs([text])
    assert (result.paragraphs, result.outlet) == ((text,), "澎湃新闻")
    evening = "7月31日晚，澎湃新闻（www.thepaper.cn）从水利部获悉，截至7月31日，16条河流发生超警以上洪水。"
    assert clean_paragraphs([evening]).outlet == "澎湃新闻"


def test_a_reporters_source_in_brackets_is_not_cut_as_a_byline() -> None:
    # articles-dev: "记者从鹏辉能源(" was once taken for a byline and cut, leaving "300438)获悉，…".
    text = "记者从鹏辉能源(300438)获悉，公司12月单月销售额、回款额均创历史新高。"
    assert cleaned(text) == (text,)


def test_an_undated_wire_or_site_credit_opening_the_text_is_removed_and_credited() -> None:
    from digests.boilerplate import clean_paragraphs

    wire = clean_paragraphs(["新华社电 十四届全国人大常委会第四次会议25日在北京人民大会堂举行。"])
    assert wire.outlet == "新华社" and wire.paragraphs == ("十四届全国人大常委会第四次会议25日在北京人民大会堂举行。",)
    site = clean_paragraphs(["央视网消息（新闻联播）：习近平主席24日给香港培侨中学学生回信。"])
    assert site.outlet == "央视网" and site.paragraphs == ("习近平主席24日给香港培侨中学学生回信。",)
    # A body's own announcement is not a credit: 中国国家发改委26日消息 has a date and no outlet's name.
    body = clean_paragraphs(["中国国家发改委26日消息，国内汽、柴油价格每吨分别提高275元和260元。"])
    assert body.outlet is None and body.paragraphs[0].startswith("中国国家发改委26日消息")


def test_an_advert_box_between_two_sentences_is_removed() -> None:
    from digests.boilerplate import clean_paragraphs

    cleaned = clean_paragraphs(
        ["法院决定推迟审议。广告 上万元一颗的种植牙时代过去了！2023种牙价格表公开（新） ×万诺随即宣布休会。"]
    )
    assert cleaned.paragraphs == ("法院决定推迟审议。万诺随即宣布休会。",)


def test_a_photo_caption_with_its_credit_inside_the_report_is_removed() -> None:
    from digests.boilerplate import clean_paragraphs

    text = "法院决定推迟审议。7月13日，远进党党魁披塔（中）在泰国曼谷接受媒体采访。新华社记者王腾摄万诺随即宣布休会。"
    assert clean_paragraphs([text]).paragraphs == ("法院决定推迟审议。万诺随即宣布休会。",)
    # A report's own date-led sentence with no photo credit after it stays.
    kept = "法院决定推迟审议。7月13日，披塔在曼谷接受媒体采访。万诺随即宣布休会。"
    assert clean_paragraphs([kept]).paragraphs == (kept,)


def test_a_bracket_naming_several_reporters_of_one_outlet_is_a_credit() -> None:
    from digests.boilerplate import clean_paragraphs

    cleaned = clean_paragraphs(["【环球时报驻巴基斯坦特派记者 程是颉 环球时报记者 张旺】在印度曼尼普尔邦，冲突持续。"])
    assert cleaned.outlet == "环球时报" and cleaned.paragraphs == ("在印度曼尼普尔邦，冲突持续。",)


def test_a_photos_credit_cut_from_the_text_is_not_the_reports_outlet() -> None:
    cleaned = clean_paragraphs(
        ["国家发展改革委副主任李春临  澎湃新闻记者 周頔 摄7月31日，国务院新闻办举行政策例行吹风会。"]
    )
    assert cleaned.removed == ("澎湃新闻记者 周頔 摄",)
    assert signed(cleaned) is None  # who took the photo, which a report may borrow
