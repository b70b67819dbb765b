"""The text under a digest item's headline: each rule on a constructed article, plus real ones."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from digests.itemtext import key_text, repeats_title
from digests.overlap import letters
from digests.records import Article

SH = ZoneInfo("Asia/Shanghai")
NOON = datetime(2021, 12, 8, 5, 50, tzinfo=UTC)  # 13:50 in Shanghai


def article(title: str, *paragraphs: str, summary: tuple[str, ...] = (), when: datetime = NOON) -> Article:
    return Article(id="a", title=title, published=when, paragraphs=paragraphs, summary=summary)


def test_an_item_never_repeats_its_headline_as_its_first_sentence() -> None:
    a = article(
        "国家统计局：7月制造业PMI为49.3%",
        "国家统计局数据显示，7月制造业PMI为49.3%。",
        "这比上月上升0.3个百分点，连续两个月回升。",
    )
    text = key_text(a, tz=SH)
    assert not text.startswith("国家统计局数据显示")
    assert text.startswith("这比上月上升0.3个百分点")


def test_a_reworded_restatement_counts_as_a_repeat() -> None:
    title = letters("四部门：坚决避免数据中心盲目无序发展")
    assert repeats_title(letters("四部门表示，坚决避免数据中心的盲目无序发展。"), title)
    assert not repeats_title(letters("新建大型数据中心原则上布局在国家枢纽节点数据中心集群范围内。"), title)


def test_never_an_item_without_text_when_the_article_has_more_than_its_headline() -> None:
    # The stored key sentences only restate the headline: later body sentences are shown.
    a = article(
        "北向资金净流入超40亿港元",
        "北向资金净流入超40亿港元。",
        "其中沪股通净流入25亿港元，深股通净流入15亿港元。",
        summary=("北向资金净流入超40亿港元。",),
    )
    assert key_text(a, tz=SH).startswith("其中沪股通净流入25亿港元")
    # Only the headline: no text, honestly.
    assert key_text(article("北向资金净流入超40亿港元", "北向资金净流入超40亿港元。"), tz=SH) == ""


def test_a_byline_line_never_appears_in_the_item_text() -> None:
    a = article(
        "社区开展消防演练",
        "8日上午，幸福社区组织居民开展消防演练。",
        summary=("记者 张三 通讯员 李四", "编辑：王五", "8日上午，幸福社区组织居民开展消防演练。"),
    )
    assert key_text(a, tz=SH) == "8日上午，幸福社区组织居民开展消防演练。"


def test_today_never_survives_into_a_digest_read_the_next_day() -> None:
    a = article("A股收评", "今日早盘两市低开，截至目前，沪指跌0.3%。")
    text = key_text(a, tz=SH)
    assert "今日" not in text and "截至目前" not in text
    assert text == "8日早盘两市低开，截至13:50，沪指跌0.3%。"


def test_the_day_is_the_articles_day_in_the_digest_zone() -> None:
    late = datetime(2021, 12, 8, 17, 0, tzinfo=UTC)  # 9th, 01:00 in Shanghai
    assert key_text(article("标题", "今天凌晨发生地震。"), tz=SH) == "8日凌晨发生地震。"
    assert key_text(article("标题", "今天凌晨发生地震。", when=late), tz=SH) == "9日凌晨发生地震。"
    assert key_text(article("标题", "今天凌晨发生地震。", when=late), tz=ZoneInfo("UTC")) == "8日凌晨发生地震。"


def test_a_running_figure_is_shown_with_its_time() -> None:
    a = article("北向资金持续流入", "北向资金净流入达80亿元，创近一个月新高。")
    assert key_text(a, tz=SH) == "截至午后13:50，北向资金净流入达80亿元，创近一个月新高。"


def test_real_flash_item_from_finews() -> None:
    # 2021-12-08 emnews: a flash whose body opens with the headline's claim.
    a = article(
        "四部门：加强对数据中心建设的统筹指导 坚决避免数据中心盲目无序发展",
        "国家发改委等四部门印发《实施方案》。其中提出，在交通、能源、工业和市政等基础设施的规划和建设中同步考虑5G网络建设。"
        "各地加强对数据中心建设的统筹指导力度，坚决避免数据中心盲目无序发展。",
    )
    text = key_text(a, 120, tz=SH)
    assert text.startswith("国家发改委等四部门印发《实施方案》。")
    assert "坚决避免数据中心盲目无序发展" not in text


def test_the_text_is_the_reports_lede_not_a_key_sentence_from_its_middle() -> None:
    a = article(
        "北京门头沟暴雨致2人死亡",
        "7月31日，北京市门头沟区暴雨相关话题冲上热搜。"
        "据人民日报消息，门头沟区在31日上午的抢险巡查时，在河道中发现2人，均已失去生命体征。"
        "社会救援力量迅速响应，多支救援队已赶赴受灾地点。",
        "郝南呼吁社会力量有序参与应急救灾工作。",
        summary=("7月31日，北京市门头沟区暴雨相关话题冲上热搜。", "郝南呼吁社会力量有序参与应急救灾工作。"),
    )
    text = key_text(a, 120, tz=SH)
    assert text.startswith("据人民日报消息，门头沟区在31日上午")
    assert "热搜" not in text


def test_a_lede_too_long_to_show_whole_gives_way_to_a_key_sentence() -> None:
    long_lede = "为依法保护民营企业产权和企业家权益，" * 6 + "最高检发布典型案例。"
    a = article(
        "最高检发布典型案例",
        long_lede + "检察机关办理相关案件两千余件。",
        summary=("检察机关办理相关案件两千余件。",),
    )
    assert key_text(a, 60, tz=SH) == "检察机关办理相关案件两千余件。"


def test_an_item_text_opens_with_who_and_what_not_a_reference_to_what_came_before() -> None:
    a = article(
        "惠誉回应：下调美国信用评级理由充足",
        "对此，惠誉方面2日作出回应称，下调评级理由充足。",
        "国际评级机构惠誉1日将美国长期外币发行人违约评级从AAA下调至AA+。",
    )
    assert key_text(a, 120, tz=SH).startswith("国际评级机构惠誉1日")


def test_a_long_lede_is_shown_from_its_main_clause_without_the_purpose_ahead_of_it() -> None:
    a = article(
        "最高检：依法惩治民营企业内部人员犯罪",
        "为依法保护民营企业产权和企业家权益，促进民营经济发展壮大，针对企业内部人员侵害企业合法权益犯罪多发问题，"
        "31日最高检发布了《关于依法惩治和预防民营企业内部人员侵害民营企业合法权益犯罪、为民营经济发展营造良好法治环境的意见》"
        "（以下简称《意见》）。要落实对国企民企平等对待的要求。",
        summary=("要落实对国企民企平等对待的要求。",),
    )
    text = key_text(a, 120, tz=SH)
    assert text.startswith("31日最高检发布了《关于依法惩治和预防民营企业内部人员侵害民营企业合法权益犯罪、")
    assert "以下简称" not in text and "为依法保护" not in text


def test_a_subhead_glued_to_the_next_sentence_ends_the_item_text() -> None:
    a = article(
        "辽宁检察机关依法对孙生决定逮捕",
        "日前，锦州市人民检察院依法以涉嫌受贿罪对孙生作出逮捕决定。该案正在进一步办理中。"
        "退休12年后被查利用铁矿采矿权谋利致公共财产遭受重大损失据中央纪委国家监委网站7月17日通报，孙生被开除党籍。",
    )
    text = key_text(a, 200, tz=SH)
    assert text.startswith("日前，锦州市人民检察院") and "退休12年后被查" not in text


def test_a_resume_heading_glued_to_the_resume_is_dropped() -> None:
    a = article(
        "青海省人民政府参事王平涉嫌严重违纪违法",
        "青海省人民政府参事王平涉嫌严重违纪违法，目前正接受审查调查。王平简历王平，男，回族，1961年4月出生，1982年7月参加工作。",
    )
    text = key_text(a, 120, tz=SH)
    assert "简历" not in text and text.startswith("王平，男，回族，1961年4月出生")


def test_a_spokesman_saying_it_is_news_and_the_item_does_not_start_further_in() -> None:
    a = article(
        "美国国务院宣布从驻尼日尔使馆撤离非紧急人员",
        "美国国务院当地时间2日宣布，从美国驻尼日尔使馆撤离非紧急工作人员。"
        "美国国务院发言人米勒在声明中说，鉴于尼日尔当前形势，国务院下令撤离非紧急政府工作人员及其家属。"
        "当前，商业航班选择受限。国务院建议美国公民不要前往尼日尔。",
        summary=("国务院建议美国公民不要前往尼日尔。",),
    )
    assert key_text(a, 120, tz=SH).startswith("美国国务院发言人米勒在声明中说")


def test_a_meetings_exhortation_gives_way_to_its_decision_shown_with_who_urged_it() -> None:
    a = article(
        "国务院总理李强主持召开国务院常务会议",
        "国务院总理李强7月31日主持召开国务院常务会议。"
        "会议强调，要深刻领会习近平总书记关于经济形势的科学判断，进一步统一思想、坚定信心，切实抓好党中央决策部署贯彻落实。"
        "要加强逆周期调节和政策储备研究，更好体现宏观政策的针对性、组合性和协同性。"
        "要调整优化房地产政策，根据不同需求、不同城市等推出有利于房地产市场平稳健康发展的政策举措。",
    )
    text = key_text(a, 160, tz=SH)
    # The exhortation goes; the first decision (its 针对性、组合性和协同性 one phrase, not three slogans)
    # is shown with who met, and the next one follows.
    assert "深刻领会" not in text
    assert text.startswith("国务院总理李强7月31日主持召开国务院常务会议，强调要加强逆周期调节和政策储备研究")
    assert "要调整优化房地产政策" in text


def test_an_editorial_note_and_a_lists_lone_first_item_stay_out_of_the_item() -> None:
    a = article(
        "国内成品油价格上调",
        "国家发改委26日消息，国内汽、柴油价格每吨分别提高275元(人民币，下同)和260元。"
        "一是组织逐省制定迎峰度夏电力保供方案。二是加强监测。",
    )
    text = key_text(a, 200, tz=SH)
    assert text == "国家发改委26日消息，国内汽、柴油价格每吨分别提高275元和260元。"


def test_an_opening_subhead_glued_to_its_sentence_is_dropped_and_the_sentence_kept() -> None:
    a = article(
        "富士康宣布将在印度投资6亿美元",
        "富士康在印度再度豪掷6亿美元 芯片设备、iPhone组件两手都要抓综合多家媒体报道，"
        "印度南部卡纳塔克邦周三表示，苹果的主要供应商富士康将在该邦投资两个项目，共计6亿美元。",
    )
    assert key_text(a, 120, tz=SH).startswith("印度南部卡纳塔克邦")


def test_a_headline_claiming_a_record_is_told_with_the_figure_another_report_gives() -> None:
    from digests.story_text import story_text

    title = "国家发改委：入夏以来全国日调度发电量三创历史新高"
    background = article(title, "迎峰度夏是能源保供的重点，从4月份开始，各部门提前谋划安排各项保供工作。")
    figures = article(title, "欧鸿介绍，入夏以来全国日调度发电量三创历史新高，最高达到301.71亿千瓦时。")
    assert "301.71亿千瓦时" in story_text(background, [background, figures], title, tz=SH)
    # Of several reports with a figure, the one closest to the headline: not the first figure found.
    aside = article("欧鸿", "国家发改委欧鸿表示，入夏以来气温每升高一度，全国的制冷负荷可能增加5000万千瓦左右。")
    text = story_text(background, [background, aside, figures], title, tz=SH)
    assert "301.71亿千瓦时" in text and "5000万千瓦" not in text
    # A headline without a figure or record keeps its own report's text.
    plain = "迎峰度夏能源保供工作部署"
    assert story_text(background, [background, figures], plain, tz=SH) == key_text(background, tz=SH)


def test_an_item_opens_neither_with_a_reaction_to_an_unshown_sentence_nor_a_definition_nor_a_connective() -> None:
    rating = article(
        "惠誉将美国评级从AAA下调至AA+",
        "美国白宫和多名政府官员对此表示不满。美国财长耶伦表示，惠誉的决定武断且完全没有理由。",
    )
    assert key_text(rating, tz=SH).startswith("美国财长耶伦表示")
    audit = article(
        "网信办就个人信息保护合规审计征求意见",
        "合规审计，是指对个人信息处理活动是否合法进行审查和评价的监督活动。"
        "此外，《办法》提出，专业机构不得转包委托第三方开展合规审计。",
    )
    assert key_text(audit, tz=SH).startswith("《办法》提出，专业机构不得转包")


def test_an_infographics_run_together_lines_give_way_to_a_report_told_in_sentences() -> None:
    from digests.story_text import story_text

    title = "中央气象台：台风“杜苏芮”将于28日在我国东南沿海登陆"
    graphic = article(
        title,
        "7月26日8时中国气象局启动台风二级应急响应中央气象台26日10时升级发布最高级别的台风红色预警26日8时今年"
        "第5号台风杜苏芮的中心位于我国台湾省鹅銮鼻偏南方大约350公里的巴士海峡南部海面上中心附近最大风力有17级。",
    )
    rain = article(title, "26日至28日，西南地区东部等地有中到大雨，局地有暴雨或大暴雨。")
    told = article(title, "超强台风“杜苏芮”正向我国东南沿海步步靠近。26日，中央气象台将台风预警升级为红色。")
    # The report closest to the headline, not the rain outlook; 28日 is a date, not a figure to look for.
    assert "台风预警升级为红色" in story_text(graphic, [graphic, told, rain], title, tz=SH)


def test_a_spokespersons_qa_transcript_is_told_by_the_reported_fact_then_the_answer_as_the_speakers() -> None:
    a = article(
        "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排",
        "外交部发言人就赖清德拟“过境”窜美答记者问问：据报道，民进党当局2日宣布赖清德将“过境”美国。"
        "发言人对此有何评论？答：中方坚决反对任何形式的美台官方往来。台湾问题是中国核心利益中的核心。",
    )
    # The question's reported fact is the news; the answer, as the speaker's on the transcript's day, follows it.
    day = NOON.astimezone(SH).day
    assert key_text(a, tz=SH).startswith(f"民进党当局2日宣布赖清德将“过境”美国。外交部发言人{day}日表示，中方坚决反对")


def test_a_text_opens_with_the_news_not_with_how_the_reporter_learnt_it() -> None:
    measures = article(
        "公安部：全面放宽大城市落户条件",
        "8月3日记者从公安部在京召开的新闻发布会获悉，公安部研究制定若干措施，全面放宽大城市落户条件。"
        "公安部治安管理局副局长亓希国就新型城镇化方面的举措答记者问。",
    )
    text = key_text(measures, tz=SH)
    assert text.startswith("公安部研究制定若干措施") and "答记者问" not in text
    # Where the rest does not say who it came from, the source is named as a desk names it: 据….
    tally = article("暑运客流创新高", "记者从国铁集团获悉，暑运以来全国铁路累计发送旅客5.2亿人次，同比增长。")
    assert key_text(tally, tz=SH).startswith("据国铁集团，暑运以来")


def test_a_draft_rule_is_told_by_who_drafted_it_before_what_it_says() -> None:
    audit = article(
        "网信办征求意见：处理超100万人个人信息者应每年开展合规审计",
        "为指导规范个人信息保护合规审计活动，国家互联网信息办公室起草了《个人信息保护合规审计管理办法(征求意见稿)》"
        "(以下简称《征求意见稿》)。《征求意见稿》提出，处理超过100万人个人信息的个人信息处理者，应当每年至少开展一次合规审计。"
        "专业机构不得转包委托第三方开展个人信息保护合规审计。",
    )
    text = key_text(audit, tz=SH)
    assert text.startswith("国家互联网信息办公室起草了《个人信息保护合规审计管理办法(征求意见稿)》。")
    assert "以下简称" not in text


def test_a_roundup_tells_a_front_by_its_opening_when_that_carries_the_headlines_news_else_by_the_headline() -> None:
    from digests.roundup import roundup

    response = article(
        "国家防总提升防汛防台风应急响应至三级", "7月26日，国家防总将防汛防台风应急响应提升至三级，并派出4个工作组。"
    )
    rivers = article(
        "京津冀等地13条河流发生超警以上洪水 水利部滚动部署防御",
        "近日，京津冀地区遭遇极端强降雨。记者从水利部获悉，防汛形势严峻。",
    )
    own = "中央气象台将台风预警升级为红色。"
    text, told = roundup(own, [(response, response.title), (rivers, rivers.title)], 240, tz=SH)
    assert told == (0, 1)
    assert text == own + "7月26日，国家防总将防汛防台风应急响应提升至三级，并派出4个工作组。" + (
        "京津冀等地13条河流发生超警以上洪水，水利部滚动部署防御。"
    )
    # Over the budget, the front stays a headline under the item.
    assert roundup(own, [(response, response.title)], len(own) + 10, tz=SH) == (own, ())
    # A front whose opening and headline state no fact (a slogan) is not told, and the next one is.
    slogan = article("海警局全力以赴筑牢防台防汛安全网", "台风来袭，海警局全力以赴筑牢防台防汛安全网。")
    assert roundup(own, [(slogan, slogan.title), (response, response.title)], 240, tz=SH)[1] == (1,)


def test_a_pages_full_text_follows_connector_leaves_the_text() -> None:
    notice = article(
        "17岁少年在射击俱乐部打工时中枪身亡，警方通报",
        "岳阳楼分局26日发布警情通报。通报全文如下：2023年7月22日15时许，我局接到辖区一射击俱乐部报警。",
    )
    text = key_text(notice, tz=SH)
    assert "全文如下" not in text and "2023年7月22日15时许，我局接到" in text


def test_a_national_body_is_named_without_the_wires_china_for_readers_abroad() -> None:
    figure = article(
        "7月份制造业PMI为49.3%", "中国国家统计局7月31日公布，7月份制造业采购经理指数为49.3%。中国水利部滚动部署防御。"
    )
    text = key_text(figure, tz=SH)
    assert text.startswith("国家统计局7月31日公布") and "中国水利部" not in text and "水利部滚动部署" in text
    bank = article("央行：保持流动性合理充裕", "中国人民银行3日表示，将保持流动性合理充裕。")
    assert key_text(bank, tz=SH).startswith("中国人民银行3日表示")  # the bank's own name keeps it


def test_a_text_does_not_retell_the_headline_shown_over_it_when_that_is_another_reports() -> None:
    from digests.story_text import story_text

    rep = article(
        "痛心！被枪击中身亡，年仅17岁！",
        "7月26日，湖南岳阳一17岁少年在射击俱乐部打暑假工中枪身亡。2023年7月22日15时许，警方接到射击俱乐部报警。",
    )
    shown = "湖南岳阳：17岁少年在射击俱乐部打工时中枪身亡，警方通报"
    assert story_text(rep, (rep,), shown, 120, tz=SH).startswith("2023年7月22日15时许，警方接到")


def test_a_link_to_an_earlier_report_or_a_photo_credit_glued_into_the_text_is_not_news() -> None:
    shooting = article(
        "17岁少年在射击俱乐部打工时中枪身亡，警方通报",
        "7月26日，岳阳警方发布通报：一俱乐部内发生一起枪支走火伤人事件，杜某靖因抢救无效死亡。"
        "此前报道：17岁少年射击俱乐部打工中枪身亡，家属：目前已协商好近日，有网友称一男性遭枪击身亡。"
        "图源：视频截图网传视频显示，许多人痛哭。",
    )
    text = key_text(shooting, 240, tz=SH)
    assert text.startswith("7月26日，岳阳警方发布通报") and "此前报道" not in text and "图源" not in text


def test_a_notices_own_title_and_addressees_leave_its_text() -> None:
    notice = article(
        "牡丹江市防汛抗旱指挥部将应急响应提升至三级",
        "关于决定将防汛四级应急响应提升至三级的通知哈尔滨、牡丹江市人民政府防汛抗旱指挥部："
        "据水文部门监测预报显示，截至3日12时，蚂蚁河青云站水位97.50米，超保证水位0.50米。",
    )
    assert key_text(notice, tz=SH).startswith("据水文部门监测预报显示，截至3日12时")


def test_a_roundup_does_not_tell_a_front_by_a_notices_bare_existence() -> None:
    from digests.roundup import roundup

    bare = article("牡丹江市人民政府防汛抗旱指挥部发布通知", "哈尔滨、牡丹江市人民政府防汛抗旱指挥部：请做好防范。")
    response = article("国家防总提升防汛防台风应急响应至三级", "7月26日，国家防总将防汛防台风应急响应提升至三级。")
    text, told = roundup("海河发生流域性大洪水。", [(bare, bare.title), (response, response.title)], 240, most=1, tz=SH)
    assert told == (1,) and "发布通知" not in text


def test_a_statements_words_open_the_text_when_the_headline_names_the_statement() -> None:
    said = (
        "声明称，西共体“对这种试图以武力夺取政权的行为表示最强烈的谴责，呼吁政变策划者立即无条件释放尼日尔总统巴祖姆”。"
    )
    later = "西共体最高权力机构首脑会议主席、尼日利亚总统提努布表示，西共体正密切关注尼日尔局势。"
    named = article("西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变", said + later)
    assert key_text(named, 200, tz=SH).startswith(said)
    # Under a headline that names no statement, "声明称" names nobody: the text opens with who spoke.
    unnamed = article("西共体谴责在尼日尔发生的未遂政变", said + later)
    assert key_text(unnamed, 200, tz=SH).startswith("西共体最高权力机构首脑会议主席")


def test_a_lede_that_only_adds_when_and_from_whom_to_the_headline_is_passed_over() -> None:
    a = article(
        "海河流域发生流域性较大洪水 水利部工作组在京津冀指导工作",
        "7月31日中午，据水利部水旱灾害防御司发布消息，海河流域发生流域性较大洪水。"
        "据南都此前报道，天津市气象台首席预报员曾告诉记者，海河流域要重点防范城市内涝。"
        "水利部维持京津冀洪水防御Ⅱ级应急响应，10个工作组正在防汛一线指导。",
        summary=("据南都此前报道，天津市气象台首席预报员曾告诉记者，海河流域要重点防范城市内涝。",),
    )
    # Neither the headline told again with its date and source, nor what the outlet reported before.
    assert key_text(a, 120, tz=SH).startswith("水利部维持京津冀洪水防御Ⅱ级应急响应")


def test_a_first_sentence_a_little_over_the_budget_is_shown_whole_not_cut() -> None:
    from digests.itemtext import WHOLE_LEDE, clip_text

    lede = (
        "多支飞行、跳伞表演队共舞蓝天，歼-20以四机编队进行机动飞行展示，运油-20首次与歼-20、歼-16进行空中加油通场展示。"
    )
    assert clip_text([lede], int(len(lede) / WHOLE_LEDE) + 1) == lede  # whole, not cut with "…"
    assert clip_text([lede], 40).endswith("…")  # far over: cut at a clause
    # A one-sentence text may take its second fact within the slack; a third must fit the budget itself.
    assert clip_text(["开幕。", lede], len(lede)) == "开幕。" + lede
    assert clip_text(["开幕。", lede], len(lede) // 2) == "开幕。"
    assert clip_text(["开幕。", "闭幕。", lede], len(lede)) == "开幕。闭幕。"
