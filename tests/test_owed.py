"""What an item owes beyond its lede: when its rule takes effect, a bill's next vote, a release's
companion figure (manufacturing PMI with non-manufacturing)."""

from __future__ import annotations

from digests.owed import owed_told
from tests.test_dedup import art

TITLE = "四部门发布对部分无人机实施出口管制公告"
TEXT = "商务部等四部门发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。大疆回应称，始终保持严谨负责的态度。"
REPORT = art(
    "r",
    TITLE,
    "商务部等四部门发布公告。新公告将特定无人机列入出口管制范围。并指出本公告自2023年9月1日起正式实施。临时管制的实施期限不超过二年。",
    "20:23",
)


def test_a_rules_start_date_is_told_in_place_of_the_texts_last_detail_when_both_will_not_fit() -> None:
    assert (
        owed_told(TEXT, TITLE, [REPORT], 200) == TEXT + "公告自2023年9月1日起正式实施。临时管制的实施期限不超过二年。"
    )
    told = owed_told(TEXT, TITLE, [REPORT], len(TEXT) + 5)
    assert (
        told == "商务部等四部门发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。公告自2023年9月1日起正式实施。"
    )


def test_a_start_date_is_told_once_and_only_under_a_rules_headline() -> None:
    dated = "新规自2023年9月1日起施行。"
    assert owed_told(dated, TITLE, [REPORT], 200) == dated + "临时管制的实施期限不超过二年。"
    assert owed_told(TEXT, "大疆回应无人机出口问题", [REPORT], 200) == TEXT


def test_a_bill_passed_by_one_chamber_is_told_with_its_next_vote() -> None:
    title = "美国会众议院投票通过2022财年国防授权法案"
    text = "美国国会众议院以363票赞成、70票反对的结果通过了2022财年国防授权法案。"
    report = art(
        "ndaa", title, text + "据介绍，法案授权约7682亿美元。该法案将于本周晚些时候在参议院进行投票表决。", "11:50"
    )
    assert owed_told(text, title, [report], 200) == text + "该法案将于本周晚些时候在参议院进行投票表决。"


PMI_TITLE = "7月份中国制造业PMI为49.3% 预期指数升至较高景气区间"
PMI_TEXT = (
    "国家统计局31日公布，7月份，中国制造业PMI为49.3%。当月，生产指数为50.2%，新订单指数为49.5%，比上月上升0.9个百分点。"
)
PMI_RELEASE = art(
    "r",
    PMI_TITLE,
    "国家统计局31日公布，7月份，中国制造业PMI为49.3%。当月，生产指数为50.2%。"
    "当天披露的数据还显示，7月份，中国非制造业商务活动指数为51.5%，比上月下降1.7个百分点。",
    "13:52",
)


def test_the_companion_index_takes_the_place_of_a_sub_index_when_both_will_not_fit() -> None:
    told = owed_told(PMI_TEXT, PMI_TITLE, [PMI_RELEASE], len(PMI_TEXT) + 10)
    assert (
        told
        == "国家统计局31日公布，7月份，中国制造业PMI为49.3%。7月份，中国非制造业商务活动指数为51.5%，比上月下降1.7个百分点。"
    )


def test_the_companion_is_not_told_twice_nor_under_another_headline() -> None:
    told = owed_told(PMI_TEXT, PMI_TITLE, [PMI_RELEASE], 200)
    assert owed_told(told, PMI_TITLE, [PMI_RELEASE], 200) == told
    assert owed_told(PMI_TEXT, "7月份非制造业商务活动指数为51.5%", [PMI_RELEASE], 200) == PMI_TEXT


def test_a_draft_out_for_comment_is_told_with_its_comment_deadline() -> None:
    title = "网信办征求意见：处理超100万人个人信息者应每年开展合规审计"
    text = "国家互联网信息办公室起草了《个人信息保护合规审计管理办法（征求意见稿）》。"
    notice = art(
        "cac",
        "国家网信办公开征求意见",
        "国家互联网信息办公室起草了《个人信息保护合规审计管理办法（征求意见稿）》，现向社会公开征求意见。"
        "公众可以通过电子邮件方式提出意见。意见反馈截止时间为2023年9月2日。",
        "12:21",
    )
    assert owed_told(text, title, [notice], 200) == text + "意见反馈截止时间为2023年9月2日。"
    assert owed_told(text, "网信办发布个人信息保护合规审计管理办法", [notice], 200) == text  # not out for comment


def test_a_pmi_below_fifty_is_told_as_below_the_line() -> None:
    from digests.owed import reading_against_line

    rose = "7月份，中国制造业采购经理指数(PMI)为49.3%，比上月上升0.3个百分点。非制造业商务活动指数为51.5%。"
    assert reading_against_line(rose) == (
        "7月份，中国制造业采购经理指数(PMI)为49.3%，比上月上升0.3个百分点，仍低于50%的荣枯线。非制造业商务活动指数为51.5%。"
    )
    fell = "制造业PMI为49.8%，比上月下降0.6个百分点。"
    assert reading_against_line(fell) == "制造业PMI为49.8%，比上月下降0.6个百分点，低于50%的荣枯线。"
    assert reading_against_line("制造业PMI为50.2%，比上月上升0.2个百分点。").endswith("点。")  # above it
    told = "制造业PMI为49.3%，继续处于收缩区间。"
    assert reading_against_line(told) == told


def test_a_storms_item_tells_whom_it_still_strikes_without_the_forecasters_advice_where_it_fits() -> None:
    title = "台风“卡努”8日后转向远离我国"
    text = "台风“卡努”8日15时位于玉环东偏南约335公里的海面上。预计之后向东偏北方向移动。"
    report = art(
        "storm",
        title,
        text + "受其影响，8日至10日，浙江沿海、台湾岛和东海海区将有较强风雨，建议上述地区公众关注最新预报；"
        "东海南部海上船舶请提前采取防台风措施。",
        "20:00",
    )
    told = owed_told(text, title, [report], 200)
    assert told == text + "受其影响，8日至10日，浙江沿海、台湾岛和东海海区将有较强风雨。"
    # never in place of the track: where it does not fit, the text stays
    assert owed_told(text, title, [report], len(text) + 10) == text
    # a text that tells it already is left be
    struck = text + "受“卡努”影响，东海将出现巨浪。"
    assert owed_told(struck, title, [report], 200) == struck


def test_a_rating_cut_is_told_with_the_rating_it_left_dated_as_the_reader_reads_it() -> None:
    title = "美国财政部：惠誉下调评级的影响有限"
    text = "财政部助理部长Frost表示，惠誉下调美国AAA主权评级对美国国债的价格影响有限。"
    report = art("fitch", title, text + "美债周三下跌。惠誉在周二晚些时候将美国主权信用评级下调一档，至AA+。", "00:25")
    # the cut reacted to comes before the reaction, where both fit; in place of the last detail, else
    assert owed_told(text, title, [report], 200) == "惠誉在7日晚些时候将美国主权信用评级下调一档，至AA+。" + text
    assert owed_told(text, "美债周三下跌", [report], 200) == text  # owed only under a rating's headline


def test_a_network_attack_is_told_with_what_the_planted_program_does_after_the_attack() -> None:
    title = "武汉地震监测中心遭境外黑客攻击 警方已立案侦查"
    attack = "武汉市地震监测中心部分网络设备遭受境外组织的网络攻击。"
    text = attack + "对此，武汉警方通报，已立案侦查。"
    police = art(
        "p",
        "警方通报",
        "该中心发现网络设备被植入后门程序。经技术分析，该后门程序能非法控制并窃取地震烈度数据。",
        "10:49",
    )
    # the implant told as the reports tell it, then what the program does
    told = attack + "网络设备被植入后门程序，该程序能非法控制并窃取地震烈度数据。" + "对此，武汉警方通报，已立案侦查。"
    assert owed_told(text, title, [police], 200) == told
    assert owed_told(text, title, [police], len(text) + 5) == text  # only where it fits
    assert owed_told(told, title, [police], 200) == told  # told once
    assert owed_told(text, "武汉地震监测中心召开会议", [police], 200) == text  # owed only by an attack
    unsaid = art("u", "警方通报", "经技术分析，该后门程序能非法控制并窃取地震烈度数据。", "10:49")  # where: untold
    assert owed_told(text, title, [unsaid], 200) == attack + "被植入的后门程序能非法控制并窃取地震烈度数据。" + (
        "对此，武汉警方通报，已立案侦查。"
    )


def test_a_claim_of_limited_impact_is_told_with_the_markets_record_move_in_the_room_of_where_it_was_said() -> None:
    title = "美国财政部：惠誉下调评级的影响有限"
    claim = "财政部助理部长Frost表示，惠誉下调评级对美债价格影响有限。"
    where = "Frost在政府公布最新发债计划的简报会上做出上述表态。"
    body = claim + "美债周三下跌。10年期国债收益率创下去年11月以来最高水平，截至上午10点54分，收益率报4.11%。"
    report = art("t", title, body, "00:25")
    move = "10年期国债收益率创下去年11月以来最高水平，截至上午10点54分，收益率报4.11%。"  # with its figure
    assert owed_told(claim + where, title, [report], 200) == claim + move
    assert owed_told(claim + where, title, [report], len(claim) + 30) == claim  # only where it fits
    assert owed_told(claim + where, "美国财政部公布发债计划", [report], 200) == claim  # the occasion goes anyway


def test_the_markets_record_move_is_told_after_its_cause_when_both_fit() -> None:
    title = "美国财政部：惠誉下调评级的影响有限"
    claim = "财政部助理部长Frost表示，惠誉下调评级对美债价格影响有限。"
    cause = "美债周三在美国就业数据显示强于预期后下滑，并在财政部宣布高于预期的发债计划后加速下跌。"
    move = "10年期国债收益率创下去年11月以来最高水平，截至上午10点54分，收益率报4.11%。"
    report = art("t", title, claim + cause + move, "00:25")
    assert owed_told(claim, title, [report], 200) == claim + cause.replace("周三", "8日") + move
    assert owed_told(claim, title, [report], len(claim + move) + 5) == claim + move  # the cause where it fits


def test_an_unnamed_official_gives_way_to_the_same_bodys_official_named_later() -> None:
    title = "美国财政部：惠誉下调评级的影响有限"
    unnamed = "一名美国财政部高级别官员表示，惠誉下调美国AAA主权评级对美国国债的价格影响有限。"
    named = "“我们认为影响有限，”财政部主管金融市场事务的助理部长Josh Frost对记者表示。"
    report = art("t", title, unnamed + named, "00:25")
    assert owed_told(unnamed + named, title, [report], 200) == named
    other = "“我们认为影响有限，”白宫发言人Karine Jean-Pierre对记者表示。"  # another body: both speak
    assert owed_told(unnamed + other, title, [report], 200) == unnamed + other


def test_a_landslide_claimed_without_a_figure_is_told_by_the_reports_count_of_the_vote() -> None:
    title = "柬埔寨首相洪森宣布将卸任"
    vague = "柬国家选举委员会26日公布的初步计票结果显示，人民党在选举中取得压倒性胜利。"
    text = "洪森表示，他将不再担任首相。" + vague + "新政府将于8月22日宣誓就职。"
    counted = "柬埔寨国家选举委员会26日公布的初步计票结果显示，柬埔寨人民党获得近640万张选票，占有效选票的82.3%。"
    report = art("cam", title, "洪森领导的人民党取得压倒性胜利。" + counted, "17:58")
    told = owed_told(text, title, [report], 200)
    assert told == text.replace(vague, counted)
    plain = art("p", title, "洪森领导的人民党取得压倒性胜利。", "17:58")  # no count anywhere: the claim stays
    assert owed_told(text, title, [plain], 200) == text


def test_a_rating_cuts_item_is_told_the_rating_it_left_from_the_days_reports_naming_the_rater() -> None:
    from digests.owed import rating_from_day

    title = "惠誉回应下调美国信用评级：债务堆积如山 数据不言自明"
    text = "惠誉首席分析师弗朗西斯说，美国的债务占其经济产出的113%。"
    treasury = art(
        "t", "美国财政部：惠誉下调评级的影响有限", "惠誉在周二晚些时候将美国主权信用评级下调一档，至AA+。", "00:25"
    )
    other = art("o", "穆迪下调十家银行评级", "穆迪将十家银行的评级下调一档，至A3。", "09:00")  # another rater
    assert (
        rating_from_day(text, title, [other, treasury], 200)
        == "惠誉在7日晚些时候将美国主权信用评级下调一档，至AA+。" + text
    )
    assert rating_from_day(text, title, [other], 200) == text  # no report of this rater tells it
    assert rating_from_day(text, "惠誉首席分析师谈美国债务", [treasury], 200) == text  # no cut in the headline


def test_a_rating_cut_told_from_the_day_is_dated_in_local_time_when_a_report_says_it_was() -> None:
    from digests.owed import rating_from_day

    title = "惠誉回应下调美国信用评级：债务堆积如山 数据不言自明"
    text = "惠誉首席分析师弗朗西斯说，美国的债务占其经济产出的113%。"
    treasury = art(
        "t", "美国财政部：惠誉下调评级的影响有限", "惠誉在1日晚些时候将美国主权信用评级下调一档，至AA+。", "00:25"
    )
    dated = art("d", "针对美方不满 惠誉回应", "国际评级机构惠誉当地时间8月1日将美国评级从AAA下调至AA+。", "08:47")
    told = rating_from_day(text, title, [treasury, dated], 200)
    assert told == "惠誉在当地时间1日晚些时候将美国主权信用评级下调一档，至AA+。" + text


def test_a_storms_item_tells_when_it_reaches_the_countrys_seas_from_a_report_of_the_story() -> None:
    title = "今年第6号台风“卡努”成为超强台风"
    text = "31日，台风“卡努”加强为超强台风。预计“卡努”将向西北方向移动。受“卡努”影响，东海东南部将出现巨浪。"
    track = "预计台风“卡努”于8月2日夜间进入东海，8月2-6日将对华东沿海海面有较大风雨影响。"
    report = art("k", title, "台风“卡努”加强为超强台风。" + track, "13:22")
    told = owed_told(text, title, [report], 200)
    assert told.endswith(track) and told.startswith("31日，台风“卡努”加强为超强台风。")
    landed = "台风将于28日早晨在福建福清到广东惠来一带沿海登陆。"
    assert owed_told(landed, title, [report], 200) == landed  # it says when already


def test_a_storms_track_is_credited_to_the_forecaster_its_report_names_and_replaces_a_heading_alone() -> None:
    title = "今年第6号台风“卡努”成为超强台风"
    text = "31日，台风“卡努”加强为超强台风。预计“卡努”将以每小时15-20公里的速度向西北方向移动。东海将出现巨浪。"
    track = "预计台风“卡努”于8月2日夜间进入东海，8月2-6日将对华东沿海海面有较大风雨影响。"
    report = art("k", title, track + "上海市气象部门介绍，“卡努”今天早晨加强为强台风级。", "13:22")
    assert owed_told(text, title, [report], 200) == (
        "31日，台风“卡努”加强为超强台风。东海将出现巨浪。"
        "据上海市气象部门预计，台风“卡努”于8月2日夜间进入东海，8月2-6日将对华东沿海海面有较大风雨影响。"
    )
    assert owed_told(text, title, [report], len(text) + 10) == text  # no room: the heading stays, not lost
