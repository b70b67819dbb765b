"""What a lede sheds before it is shown: each rule on a constructed sentence or article."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from digests.itemtext import key_text
from digests.lede_trim import tighten, trim_opening
from digests.records import Article

SH = ZoneInfo("Asia/Shanghai")


def report(title: str, *paragraphs: str, day: int = 26) -> Article:
    return Article(id="a", title=title, published=datetime(2023, 7, day, 12, tzinfo=UTC), paragraphs=paragraphs)


def test_the_reporter_noticing_is_not_part_of_the_news() -> None:
    assert tighten("南都记者注意到，8月3日，外交部表示，中方密切关注尼日尔形势发展。") == (
        "8月3日，外交部表示，中方密切关注尼日尔形势发展。"
    )
    # What a reporter found out, as the news itself, stays.
    assert tighten("记者在现场看到，救援仍在进行。") == "记者在现场看到，救援仍在进行。"


def test_a_photo_caption_glued_to_the_end_of_a_sentence_is_dropped() -> None:
    assert tighten("将全力维护他们人身和财产安全。尼日尔。") == "将全力维护他们人身和财产安全。"
    # A short sentence of its own with a figure or a mark is not a caption.
    assert tighten("价格上涨。涨幅为3%。") == "价格上涨。涨幅为3%。"


def test_how_the_reporter_learnt_the_news_goes_when_the_rest_names_its_source() -> None:
    assert trim_opening("8月3日记者从公安部获悉，公安部研究制定了服务保障高质量发展八条措施。") == (
        "公安部研究制定了服务保障高质量发展八条措施。"
    )
    assert trim_opening("此外，北京新增转移群众1万人。") == "北京新增转移群众1万人。"


def test_how_an_outlet_learnt_the_news_is_told_as_its_source_when_the_rest_does_not_name_it() -> None:
    assert trim_opening(
        "7月31日晚，澎湃新闻（www.thepaper.cn）从水利部获悉，截至7月31日，海河流域16条河流发生超警以上洪水。"
    ) == ("据水利部，截至7月31日，海河流域16条河流发生超警以上洪水。")
    assert trim_opening("记者从省自然资源厅获悉，今年上半年宜昌市处置闲置土地2296亩。") == (
        "据省自然资源厅，今年上半年宜昌市处置闲置土地2296亩。"
    )
    long_source = "记者从公安部在京召开的新闻发布会获悉，今年以来各地共破获电信诈骗案件数万起。"
    assert trim_opening(long_source) == long_source  # not a body to say 据… of


def test_a_subhead_glued_to_how_the_reporter_learnt_the_news_is_dropped_with_it() -> None:
    a = report(
        "超强台风卡努加强",
        "台风“卡努”逐渐靠近我国近海 海浪黄色警报发布记者从自然资源部了解到，"
        "今年第6号台风“卡努”正逐渐靠近我国近海，国家海洋预报台31日下午发布海浪黄色警报。",
        day=31,
    )
    assert key_text(a, tz=SH).startswith("今年第6号台风“卡努”正逐渐靠近我国近海")


def test_a_caption_line_between_two_sentences_of_the_lede_is_not_shown() -> None:
    a = report(
        "国家发改委：入夏以来全国日调度发电量三创历史新高",
        "7月26日，国务院新闻办举行政策例行吹风会，介绍能源电力保供情况。",
        "国家发展改革委副秘书长欧鸿",
        "会上，欧鸿表示，全国最高用电负荷两创历史新高，最高达到13.39亿千瓦。",
        day=26,
    )
    text = key_text(a, 160, tz=SH)
    assert "欧鸿会上" not in text and "会上，欧鸿表示" in text


def test_a_later_sentence_telling_what_was_done_the_day_before_is_left_out() -> None:
    a = report(
        "今年首个台风红色预警发布",
        "26日，中央气象台将台风预警升级为红色，这是今年首个台风红色预警。"
        "自然资源部25日16时已启动海洋灾害Ⅳ级应急响应。"
        "“杜苏芮”将于28日在闽粤沿海登陆。",
        day=26,
    )
    text = key_text(a, 160, tz=SH)
    assert "25日16时" not in text and "将于28日" in text  # the eve's act goes, the coming landfall stays


def test_a_decisions_legal_basis_and_approval_go_and_the_decision_stays() -> None:
    notice = (
        "公告指出，根据《中华人民共和国出口管制法》《中华人民共和国对外贸易法》有关规定，为维护国家安全和利益，"
        "经国务院、中央军委批准，决定对特定无人驾驶航空飞行器实施临时出口管制。"
    )
    assert tighten(notice) == "公告决定对特定无人驾驶航空飞行器实施临时出口管制。"
    kept = "根据《出口管制法》有关规定，商务部将依法审查每一份出口申请。"  # no decision follows: left alone
    assert tighten(kept) == kept


def test_an_occasion_told_alone_is_folded_into_what_was_said_at_it_and_its_background_goes() -> None:
    a = report(
        "国家发改委：入夏以来全国日调度发电量三创历史新高",
        "近日，国务院常务会议研究部署了迎峰度夏能源电力安全保供工作。7月26日，国务院新闻办举行政策例行吹风会，"
        "介绍相关情况。会上，国家发展改革委副秘书长欧鸿表示，入夏以来全国日调度发电量三创历史新高。",
    )
    assert key_text(a, 160, tz=SH) == (
        "在7月26日国务院新闻办举行的政策例行吹风会上，国家发展改革委副秘书长欧鸿表示，入夏以来全国日调度发电量三创历史新高。"
    )


def test_an_occasion_after_news_of_its_own_is_left_in_place() -> None:
    from digests.lede_trim import fold_occasion

    lede = [
        "台风“杜苏芮”26日加强为超强台风。",
        "国家防总办公室举行新闻发布会，介绍防御部署情况。",
        "会上，有关负责人表示，已派出4个工作组。",
    ]
    assert fold_occasion(lede) == lede


GFEX_LIST = (
    "广州期货交易所计划研发16个品种，涉及4大板块：第一类是服务绿色发展相关品种，如碳排放权期货、电力期货、工业硅等；"
    "第二类是大宗商品指数类，如商品综合指数期货；第三类是国际市场互挂类，通过实现与境外交易所的产品互挂，"
    "推动资本市场更高水平的对外开放；第四类是具有粤港澳大湾区特色的大宗商品板块，如咖啡期货。其中，碳排放权期货是核心。"
)


def test_an_announced_list_that_would_be_cut_is_told_by_each_members_first_clause_and_examples() -> None:
    a = report("广期所计划研发16个品种", GFEX_LIST)
    assert key_text(a, 100, tz=SH).startswith(
        "广州期货交易所计划研发16个品种，涉及4大板块：第一类是服务绿色发展相关品种，如碳排放权期货、电力期货、工业硅等；"
        "第二类是大宗商品指数类，如商品综合指数期货；第三类是国际市场互挂类；第四类是具有粤港澳大湾区特色的大宗商品板块，如咖啡期货。"
    )
    # Where even the examples will not fit, each member's first clause alone.
    assert key_text(a, 80, tz=SH).startswith(
        "广州期货交易所计划研发16个品种，涉及4大板块：第一类是服务绿色发展相关品种；第二类是大宗商品指数类；"
        "第三类是国际市场互挂类；第四类是具有粤港澳大湾区特色的大宗商品板块。"
    )


def test_an_announced_list_that_fits_or_does_not_add_up_is_left_whole() -> None:
    from digests.lede_trim import list_heads
    from digests.sentences import split_text

    sentences = split_text(GFEX_LIST)
    assert list_heads(sentences, 400) == sentences  # it fits
    three = split_text(GFEX_LIST.replace("涉及4大板块", "涉及3大板块"))
    assert list_heads(three, 100) == three  # four members under a count of three: not the list it announces


def test_the_reports_praise_closing_a_sentence_of_fact_goes() -> None:
    fact = "歼-20以四机编队进行机动飞行展示，运油-20首次与歼-20进行空中加油通场展示"
    assert tighten(fact + "，展现了空军日新月异的装备水平和战略能力。") == fact + "。"
    assert tighten("运油-20与歼-20首次同框出现，展现中国空军战略转型取得的崭新成就。") == "运油-20与歼-20首次同框出现。"
    kept = "新机型在航展上首次公开展示了它的内部结构。"  # a display is a fact, not praise
    assert tighten(kept) == kept


def test_a_sections_heading_run_into_the_text_is_not_shown() -> None:
    a = report(
        "国务院办公厅转发恢复和扩大消费措施",
        "《措施》推出二十条相关措施。各地区不得新增汽车限购措施。扩大新能源汽车消费。落实支持新能源汽车下乡等政策。",
    )
    text = key_text(a, 160, tz=SH)
    assert "扩大新能源汽车消费。" not in text and "落实支持新能源汽车下乡等政策。" in text


def test_a_storytellers_pause_opening_a_sentence_goes() -> None:
    assert tighten("一时间，这引来了白宫和美国财长耶伦的强烈不满。") == "这引来了白宫和美国财长耶伦的强烈不满。"


def test_the_rule_and_deliberation_a_finding_was_made_under_go() -> None:
    flows = (
        "7月31日11时，永定河三家店水文站流量涨至622立方米每秒，依据水利部《全国主要江河洪水编号规定》，"
        "编号为“永定河2023年第1号洪水”。"
    )
    assert tighten(flows) == "7月31日11时，永定河三家店水文站流量涨至622立方米每秒，编号为“永定河2023年第1号洪水”。"
    finding = "鉴于三大水系均出现编号洪水，经综合分析研判，依据水利部《全国流域性洪水划分规定（试行）》，海河流域发生流域性较大洪水。"
    assert tighten(finding) == "鉴于三大水系均出现编号洪水，海河流域发生流域性较大洪水。"
    fuel = (
        "国家发改委26日消息，根据近期国际市场油价变化情况，按照现行成品油价格形成机制，自2023年7月26日24时起，"
        "国内汽、柴油价格每吨分别提高275元和260元。"
    )
    assert tighten(fuel) == "国家发改委26日消息，自2023年7月26日24时起，国内汽、柴油价格每吨分别提高275元和260元。"


def test_what_was_asked_and_by_whom_give_way_to_the_answer() -> None:
    asked = "对于新出台的出口管制的公告，大疆31日在回应《环球时报》记者问询时表示，大疆始终保持严谨负责的态度。"
    assert tighten(asked) == "大疆31日回应称，大疆始终保持严谨负责的态度。"
    kept = "对于这一问题，专家们的看法并不一致。"  # no answer follows: left alone
    assert tighten(kept) == kept


def test_what_was_not_yet_known_when_written_is_not_shown_the_next_morning() -> None:
    a = report(
        "尼日尔总统府被卫队封锁",
        "尼日尔总统府发表声明称，政变企图没有成功。总统巴祖姆和他的家人状况良好。"
        "多家外媒此前报道，尼日尔总统巴祖姆的官邸被总统卫队成员封锁，但具体原因不明。",
    )
    text = key_text(a, 160, tz=SH)
    assert "状况良好" in text and "原因不明" not in text


def test_a_companys_stock_answer_gives_way_to_what_the_rule_covers() -> None:
    a = report(
        "四部门发布对部分无人机实施出口管制公告",
        "7月31日，商务部等四部门决定对特定无人驾驶航空飞行器实施临时出口管制。"
        "大疆一直严格遵守并执行中国及其他业务所在国或地区所适用的出口管制法律法规。"
        "资料图新公告将携带具有抛投功能的载荷等特定无人机列入出口管制范围。",
    )
    text = key_text(a, 160, tz=SH)
    assert "严格遵守" not in text and "资料图" not in text
    assert text.endswith("新公告将携带具有抛投功能的载荷等特定无人机列入出口管制范围。")


def test_a_later_sentence_that_says_again_what_the_text_told_is_not_shown() -> None:
    a = report(
        "柬埔寨首相洪森宣布将卸任",
        "柬埔寨首相洪森26日表示，他将不再担任柬首相，人民党首相候选人洪马内将领导新政府。"
        "洪森当天在国家电视台的特别广播中说，洪马内将领导柬新政府。"
        "他请求柬埔寨人民理解他的决定。",
    )
    text = key_text(a, 200, tz=SH)
    assert "特别广播" not in text and text.endswith("他请求柬埔寨人民理解他的决定。")


def test_a_later_clause_with_a_fact_of_its_own_is_kept_however_alike_its_words() -> None:
    a = report(
        "网信办征求意见：处理超100万人个人信息者应每年开展合规审计",
        "国家网信办起草了《个人信息保护合规审计管理办法(征求意见稿)》。"
        "《征求意见稿》提出，处理超过100万人个人信息的个人信息处理者，应当每年至少开展一次合规审计；"
        "其他个人信息处理者应当每二年至少开展一次合规审计。"
        "《征求意见稿》指出，个人信息保护合规审计，是指对个人信息处理活动进行审查和评价的监督活动。",
    )
    text = key_text(a, 200, tz=SH)
    assert "每二年" in text and "是指" not in text


def test_the_advice_a_warning_ends_on_gives_way_to_the_next_forecast() -> None:
    a = report(
        "台风“卡努”逐渐靠近我国近海",
        "国家海洋预报台31日下午发布海浪黄色警报和风暴潮蓝色警报。"
        "提醒在上述海域作业的船只注意安全，沿海各有关单位提前采取防浪避浪措施。"
        "预计8月1日白天，东海东南部将出现5到7米的巨浪到狂浪区。",
        day=31,
    )
    text = key_text(a, 160, tz=SH)
    assert "注意安全" not in text and text.endswith("预计8月1日白天，东海东南部将出现5到7米的巨浪到狂浪区。")


def test_a_sentence_opening_on_a_day_is_earlier_only_when_its_date_is() -> None:
    from datetime import date

    from digests.itemtext import earlier_day

    on = date(2023, 7, 31)
    assert earlier_day("7月30日17时，台风中心位于那霸市东南方向。", on)
    assert earlier_day("30日，台风加强。", on)
    assert not earlier_day("预计8月1日白天，东海将出现巨浪。", on)  # next month's forecast
    assert earlier_day("12月31日，油价上调。", date(2024, 1, 2))  # across the year's end
    assert not earlier_day("2023年7月22日15时许，我局接到报警。", date(2021, 12, 8))  # a later year
    # a span that reaches the report's day is the day's news
    assert not earlier_day("30日9时至31日8时，黑龙江省已连续发布8次暴雨红色预警信号。", on)
    assert earlier_day("29日9时至30日8时，黑龙江省发布暴雨预警。", on)


def test_a_programmes_formulas_with_nothing_checkable_are_not_news_after_the_lede() -> None:
    from digests.lede_trim import later_not_news

    assert later_not_news(
        "制定出台金融支持民营企业的指导性文件，推动商业银行优化内控管理制度，做好政策宣传解读，加强典型经验推广。"
    )
    # a named tool or a figure among them is news
    assert not later_not_news("推进民营企业债券融资支持工具（“第二支箭”）扩容增量，强化金融市场支持，加强宣传。")
    assert not later_not_news("支持地方政府主动解决拖欠企业账款问题。")


def test_a_ledes_aside_naming_its_short_form_goes() -> None:
    lede = "8月3日8时50分左右，G10绥满高速哈牡段（这段也被简称为哈牡高速）253公里处桥梁发生塌陷。"
    assert tighten(lede) == "8月3日8时50分左右，G10绥满高速哈牡段253公里处桥梁发生塌陷。"
    # a gloss that explains, not names, stays
    kept = "哈牡高速（连接哈尔滨与牡丹江）253公里处桥梁发生塌陷。"
    assert tighten(kept) == kept


def test_a_standing_position_said_every_time_is_not_news() -> None:
    from digests.lede_trim import later_not_news

    assert later_not_news("台湾问题是中国核心利益中的核心，是中美关系不可逾越的红线。")
    assert not later_not_news("外交部发言人表示，中方坚决反对任何形式的美台官方往来。")


def test_a_chant_keeps_its_figures() -> None:
    listed = "会议要求，新增就业100万人，新增贷款200亿元，新增企业300家，确保完成全年目标。"
    assert tighten(listed) == listed


def test_responders_reaching_the_scene_is_not_news_but_what_they_did_there_is() -> None:
    from digests.lede_trim import later_not_news

    assert later_not_news("交警已经到达现场并实施临时管控。")
    assert later_not_news("目前，救援人员已赶到现场。")
    assert not later_not_news("消防员赶到现场，救出被困群众3人。")


def test_a_speakers_agenda_items_run_on_as_clauses_of_the_sentence_naming_who_acts() -> None:
    lede = (
        "8月3日，人民银行行长潘功胜在座谈会上表示，人民银行要保持流动性合理充裕，引导金融资源更多流向民营经济。"
        "支持地方政府主动解决拖欠企业账款问题。推进民营企业债券融资支持工具（“第二支箭”）扩容增量。"
    )
    text = key_text(report("金融支持民营企业发展座谈会在京召开", lede), 160, tz=SH)
    assert "民营经济，支持地方政府主动解决拖欠企业账款问题，推进民营企业债券融资支持工具" in text
    assert "。支持" not in text and "。推进" not in text  # no sentence left without its subject
    # with no one named to act before them, such sentences stay as they are
    plain = "会议召开。推进民营企业债券融资支持工具扩容增量。"
    assert key_text(report("座谈会", plain), 160, tz=SH).endswith("。推进民营企业债券融资支持工具扩容增量。")


def test_a_sections_signpost_does_not_open_a_sentence() -> None:
    assert tighten("海浪方面，受“卡努”影响，预计8月1日白天东海东南部将出现5到7米的巨浪。") == (
        "受“卡努”影响，预计8月1日白天东海东南部将出现5到7米的巨浪。"
    )
    said = "欧鸿表示，在电力方面，入夏以来全国日调度发电量三创历史新高。"  # what he said next, without it
    assert tighten(said) == "欧鸿表示，入夏以来全国日调度发电量三创历史新高。"
    kept = "电力供应总体平稳，能源方面，储备充足。"  # not after a speaker: its own words
    assert tighten(kept) == kept


def test_the_data_behind_a_named_source_does_not_stand_between_it_and_the_news() -> None:
    assert tighten("据天津市水务局，根据相关省市水文测报，3日，永定河泛区天津境内水位较2日上涨。") == (
        "据天津市水务局，3日，永定河泛区天津境内水位较2日上涨。"
    )


def test_gauge_readings_go_when_the_text_tells_the_flood_they_amount_to() -> None:
    from digests.lede_trim import without_gauges

    deaths = "门头沟区在河道中发现2人，均已失去生命体征。"
    gauges = "31日11时，永定河三家店水文站流量涨至622立方米每秒，拒马河张坊水文站流量涨至1610立方米每秒，分别编号为第1号洪水。"
    basin = "鉴于海河流域三大水系均出现编号洪水，海河流域发生流域性较大洪水。"
    assert without_gauges(deaths + gauges + basin) == deaths + "海河流域发生流域性较大洪水。"
    assert without_gauges(deaths + gauges) == deaths + gauges  # nothing tells what they amount to
