"""How a headline is shown (digests/headlines.py): without a page's shouting, procedural decks, stale
words or a document's bare title."""

from __future__ import annotations

from digests.headlines import presentable
from tests.test_dedup import art
from tests.test_digest import compose


def test_a_tabloid_shout_leaves_the_headline() -> None:
    assert (
        presentable("又搞事！外媒：美参议院通过修正案，要求美企通报对华投资")
        == "外媒：美参议院通过修正案，要求美企通报对华投资"
    )
    assert presentable("突发！") == "突发！"  # nothing would be left: kept as it is
    # An exclamation closing a headline goes; between clauses a space parts them, as in a plain headline.
    assert presentable("今年首个台风红色预警发布！") == "今年首个台风红色预警发布"
    assert presentable("外资杀入A股！军工全产业链上涨！") == "外资杀入A股 军工全产业链上涨"
    # a superlative shouted first qualifies the news: it follows it
    assert presentable("华尔街最高！大摩上调苹果目标价至200美元") == "大摩上调苹果目标价至200美元 华尔街最高"


def test_a_second_deck_that_only_says_officials_are_at_work_leaves_the_headline() -> None:
    assert presentable("海河流域发生流域性较大洪水！水利部工作组在京津冀指导工作") == "海河流域发生流域性较大洪水"
    assert (
        presentable("京津冀等地13条河流发生超警以上洪水 中国水利部滚动部署防御") == "京津冀等地13条河流发生超警以上洪水"
    )
    kept = "京津冀等地13条河流发生超警以上洪水 水利部启动Ⅱ级应急响应"
    assert presentable(kept) == kept  # a response is news
    # A deck that only names a reaction (大疆回应) promises what the item does not tell.
    assert presentable("四部门发布对部分无人机实施出口管制公告，大疆回应") == "四部门发布对部分无人机实施出口管制公告"
    # A long headline of three decks shows the one that says the news; the others are the message's words.
    assert (
        presentable("习近平回信勉励“模范空降兵连”全体官兵 弘扬光荣传统 苦练过硬本领 努力锻造敢打必胜的空降利刃")
        == "习近平回信勉励“模范空降兵连”全体官兵"
    )
    assert (
        presentable("外资杀入A股 军工全产业链上涨 新能源风口依旧") == "外资杀入A股 军工全产业链上涨 新能源风口依旧"
    )  # short
    # "Newest" is when it was filed, not when it is read.
    assert (
        presentable("西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变")
        == "西共体委员会发表声明，谴责在尼日尔发生的未遂政变"
    )
    assert presentable("最新消息：台风登陆") == "最新消息：台风登陆"


def test_a_documents_title_and_day_read_as_the_title_the_wire_heads_it_with() -> None:
    assert (
        presentable("《国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知》7月31日对外公布")
        == "国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知"
    )
    assert presentable("《关于恢复和扩大消费的措施》发布") == "《关于恢复和扩大消费的措施》发布"  # no issuer named


def test_a_meeting_headline_carries_the_meetings_next_decision_when_both_fit() -> None:
    meeting = art(
        "gch",
        "国务院总理李强7月31日主持召开国务院常务会议",
        "国务院总理李强7月31日主持召开国务院常务会议。会议强调，要加强逆周期调节和政策储备研究，"
        "相机出台新的政策举措，更好体现宏观政策的针对性、组合性和协同性。要调整优化房地产政策，根据不同需求推出政策举措。",
        "20:03",
        outlet="央视网",
    )
    [item] = compose([meeting]).items
    # 针对性、组合性和协同性 is one phrase, not an exhortation of three slogans: the decision is told.
    assert item.text.startswith("国务院总理李强7月31日主持召开国务院常务会议，强调要加强逆周期调节")
    assert item.title == "国务院常务会议：加强逆周期调节和政策储备研究，调整优化房地产政策"


def test_a_typhoons_headline_names_the_typhoon_its_text_names() -> None:
    from digests.headlines import storm_named

    text = "超强台风“杜苏芮”正向东南沿海步步靠近。26日，中央气象台将台风预警升级为红色。"
    assert storm_named("今年首个台风红色预警发布", text) == "台风“杜苏芮”：今年首个台风红色预警发布"
    # Named already, not a storm's headline, or a text that names none: unchanged.
    assert storm_named("台风“卡努”加强为超强台风", text) == "台风“卡努”加强为超强台风"
    assert storm_named("国家防总提升应急响应至三级", text) == "国家防总提升应急响应至三级"
    assert storm_named("今年首个台风红色预警发布", "中央气象台将台风预警升级为红色。") == "今年首个台风红色预警发布"


def test_a_hyped_market_headline_gives_way_to_its_texts_opening_clauses() -> None:
    from digests.headlines import unhyped

    text = "8日早盘，A股全线走强，上证指数站上3600点，创业板指、科创50均上涨近2%。"
    assert unhyped("外资杀入A股 高景气度军工全产业链上涨 新能源风口依旧", text) == "A股早盘全线走强，上证指数站上3600点"
    # A plain headline, or a text with no clause to stand in, keeps its headline.
    assert unhyped("A股三大指数集体上涨", text) == "A股三大指数集体上涨"
    assert unhyped("外资杀入A股", "8日早盘，") == "外资杀入A股"


def test_a_teaser_hiding_the_country_names_it_and_its_question_goes() -> None:
    from digests.headlines import country_named

    shown = presentable("府邸被封锁，这国总统突然被卫队扣押！发生了什么？")
    assert shown == "府邸被封锁，这国总统突然被卫队扣押"
    text = "据央视新闻，尼日尔总统府办公室发表声明称，部分总统卫队的成员发起了一场“反对共和国运动”。"
    assert country_named(shown, text) == "府邸被封锁，尼日尔总统突然被卫队扣押"
    assert country_named("柬埔寨首相洪森宣布将卸任", text) == "柬埔寨首相洪森宣布将卸任"


def test_a_headline_announcing_a_result_is_told_by_the_texts_figure() -> None:
    from digests.headlines import finished_headline

    text = "财政部2年期续发国债中标利率为2.4576%，边际利率为2.4823%，全场倍数为3.7。"
    assert finished_headline("财政部两期国债中标结果出炉", text) == "财政部2年期续发国债中标利率为2.4576%"
    vague = "财政部公布了本周国债招标的情况，市场反应平稳。"  # no figure in the opening clause
    assert finished_headline("财政部两期国债中标结果出炉", vague) == "财政部两期国债中标结果出炉"
    assert finished_headline("财政部2年期国债中标利率2.4576%", text) == "财政部2年期国债中标利率2.4576%"


def test_a_results_headline_made_of_the_texts_opening_clause_is_not_told_again_by_the_text() -> None:
    from tests.test_dedup import art
    from tests.test_digest import compose

    auction = art(
        "bond",
        "财政部两期国债中标结果出炉",
        "财政部2年期续发国债中标利率为2.4576%，边际利率为2.4823%，全场倍数为3.7。",
        "11:39",
    )
    item = compose([auction]).items[0]
    assert item.title == "财政部2年期续发国债中标利率为2.4576%"
    # The headline reads the bond's rate; the text goes on with its next measures.
    assert item.text == "财政部2年期续发国债边际利率为2.4823%，全场倍数为3.7。"


def test_a_teasers_country_is_the_name_its_text_gives_most_often() -> None:
    from digests.headlines import country_named

    text = "一名与尼日尔总统巴祖姆接近的消息人士称，巴祖姆已被扣押。尼日尔总统府发表声明称，政变没有成功。"
    assert country_named("这国总统被卫队扣押", text) == "尼日尔总统被卫队扣押"


def test_the_events_headline_that_also_tells_its_first_is_shown_with_its_reports_text() -> None:
    opening = "7月26日，2023年空军航空开放活动·长春航空展在吉林长春开幕。"
    first = art(
        "first",
        "2023年长春航空展开幕 八一飞行表演队换装歼10C首次国内公开亮相",
        opening + "中国人民解放军空军八一飞行表演队换装歼10C后首次在国内公开亮相表演。运油-20单机 + 歼-20四机护航编队。"
        "这是运油-20空中加油机与歼-20系列首次同框出现。",
        "20:51",
        outlet="中新社",
    )
    plain = art(
        "plain",
        "2023年空军航空开放活动·长春航空展在长春开幕",
        opening + "多支飞行表演队共舞蓝天，歼-20以四机编队进行机动飞行展示。",
        "21:24",
        outlet="央视新闻",
    )
    [item] = compose([first, plain]).items
    assert item.title == first.title.replace("歼10C", "歼-10C")  # designations as the services write them
    # The text is its report's: what else was a first, the photo's caption gone and its 这是 said plainly.
    assert "。运油-20空中加油机与歼-20系列首次同框出现。" in item.text and "四机护航编队" not in item.text


def test_a_deck_three_outlets_headlines_carry_is_shown_with_the_event() -> None:
    from digests.grouping import Story
    from digests.headlines import _with_agreed_deck, headline_quality

    body = "武汉市地震监测中心部分地震速报数据前端台站采集点网络设备遭受境外组织的网络攻击。"
    plain = art("plain", "武汉地震监测中心遭境外组织网络攻击", body, "09:51")
    fuller = art("full", "武汉地震监测中心遭境外黑客攻击 警方已立案侦查", body, "16:27", outlet="人民网")
    cctv = art("cctv", "武汉市地震监测中心部分设备遭受境外组织网络攻击，警方已立案", body, "09:47", outlet="央视新闻")
    capital = art("capital", "武汉警方：已立案侦查", body, "10:17", outlet="长安街知事")

    def shown(*reports: object) -> str:
        story = Story(reports, (reports,), ())  # type: ignore[arg-type]
        titles = {a.id: presentable(a.title) for a in story.articles}
        quality = {i: headline_quality(title) for i, title in titles.items()}
        return _with_agreed_deck(story, plain, quality, titles).title

    assert shown(plain, fuller, cctv, capital) == fuller.title
    assert shown(plain, fuller, cctv) == plain.title  # two outlets saying it are not the reports agreeing
