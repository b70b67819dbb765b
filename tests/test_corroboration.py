"""An item's further facts come from what several of the story's voices carry."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from digests.corroboration import corroborated
from tests.test_dedup import art

SH = ZoneInfo("Asia/Shanghai")
TITLE = "武汉地震监测中心遭境外组织网络攻击"
LEDE = "武汉市应急管理局26日发布消息，武汉市地震监测中心部分台站网络设备遭受境外组织的网络攻击。"
FINDING = "武汉市公安局江汉分局发布警情通报称，初步判定此事件为境外具有政府背景的黑客组织发起的网络攻击。"
COLOUR = "一位市民对记者说，他从没想过地震台也会被黑客盯上，心里有点不踏实。"


def test_a_fact_two_outlets_carry_is_added_and_one_outlets_colour_is_not() -> None:
    rep = art("rep", TITLE, LEDE, "16:00", outlet="每经")
    police = [art(f"p{k}", TITLE, LEDE + FINDING, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    chat = art("chat", TITLE, LEDE + COLOUR, "18:00", outlet="红星新闻")
    text = corroborated(LEDE, TITLE, [rep, *police, chat], 160, tz=SH)
    assert text.startswith(LEDE) and "具有政府背景的黑客组织" in text
    assert "心里有点不踏实" not in text


def test_copies_of_one_outlet_are_one_voice() -> None:
    rep = art("rep", TITLE, LEDE, "16:00", outlet="每经")
    copies = [art(f"c{k}", TITLE, LEDE + FINDING, f"17:0{k}", outlet="CCTV国际时讯") for k in range(4)]
    assert corroborated(LEDE, TITLE, [rep, *copies], 160, tz=SH) == LEDE


def test_the_texts_uncorroborated_colour_gives_way_to_a_carried_fact() -> None:
    reports = [art(f"p{k}", TITLE, LEDE + FINDING, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    text = corroborated(LEDE + COLOUR, TITLE, reports, 80, tz=SH)
    assert text == LEDE + FINDING


def test_a_caption_a_first_person_notice_or_a_glued_label_is_not_added_as_a_fact() -> None:
    caption = "国家发展改革委副秘书长欧鸿。"
    notice = "7月25日16时许，我局接到地震监测中心报警，称部分台站设备被植入后门程序。"
    labelled = "警方通报据江汉分局26日消息，初步判定此事件为境外具有政府背景的黑客组织发起的网络攻击。"
    reports = [
        art(f"p{k}", TITLE, LEDE + caption + notice + labelled, f"17:0{k}", outlet=o)
        for k, o in enumerate(["人民网", "央视新闻"])
    ]
    text = corroborated(LEDE, TITLE, reports, 200, tz=SH)
    assert "欧鸿" not in text and "我局" not in text
    assert "警方通报" not in text and "据江汉分局26日消息，初步判定" in text


def test_a_state_of_things_is_no_fact_however_many_carry_it() -> None:
    state = "当前迎峰度夏已进入关键时期，各方正全力保障。"
    reports = [art(f"p{k}", TITLE, LEDE + state, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    assert corroborated(LEDE, TITLE, reports, 200, tz=SH) == LEDE


def test_a_shorter_telling_of_the_lede_that_as_many_carry_frees_room_for_a_fact() -> None:
    long_lede = (
        "武汉市应急管理局26日发布消息：近期，国家计算机病毒应急处理中心和360公司向武汉市应急管理局通报，"
        "经上述机构监测发现，武汉市地震监测中心部分台站网络设备遭受境外组织的网络攻击。"
    )
    short = "26日，武汉市应急管理局发布声明称，武汉市地震监测中心部分台站网络设备遭受境外组织的网络攻击。"
    reports = [
        art(f"p{k}", TITLE, short + FINDING, f"17:0{k}", outlet=o)
        for k, o in enumerate(["人民网", "央视新闻", "新华社"])
    ]
    text = corroborated(long_lede, TITLE, [art("rep", TITLE, long_lede, "16:00", outlet="每经"), *reports], 120, tz=SH)
    assert text.startswith(short) and "具有政府背景的黑客组织" in text


def test_the_occasion_alone_is_no_shorter_telling_of_a_lede_that_tells_the_news() -> None:
    title = "国家发改委：入夏以来全国日调度发电量三创历史新高"
    lede = (
        "在7月26日国务院新闻办举行的政策例行吹风会上，国家发展改革委副秘书长欧鸿表示，"
        "入夏以来全国日调度发电量三创历史新高，最高达到301.71亿千瓦时。"
    )
    occasion = "7月26日，国务院新闻办举行政策例行吹风会，介绍相关情况。"
    reports = [art(f"o{k}", title, occasion + lede, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    text = corroborated(lede, title, [art("rep", title, lede, "16:00", outlet="红星新闻"), *reports], 160, tz=SH)
    assert text.startswith(lede)


def test_facts_two_voices_carry_may_take_the_ledes_slack_after_a_first_one() -> None:
    rep = art("rep", TITLE, LEDE, "16:00", outlet="每经")
    condemned = "外交部发言人毛宁表示，中方谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。"
    carried = [
        art(f"p{k}", TITLE, LEDE + FINDING + condemned, f"17:0{k}", outlet=o)
        for k, o in enumerate(["人民网", "央视新闻"])
    ]
    text = corroborated(LEDE, TITLE, [rep, *carried], 120, tz=SH)
    assert FINDING in text and condemned in text and len(text) <= 150


def test_a_fact_dated_the_day_before_is_not_added_however_widely_carried() -> None:
    rep = art("rep", TITLE, LEDE, "16:00", outlet="每经")
    stale = "12月7日17时，台风中心位于那霸市东南方向约850公里的洋面上，正向北偏西方向移动。"
    carried = [art(f"p{k}", TITLE, LEDE + stale, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    assert corroborated(LEDE, TITLE, [rep, *carried], 160, tz=SH) == LEDE
    # Next month's forecast is not the day before's.
    ahead = "1月1日白天，东海东南部将出现5到7米的巨浪到狂浪区，近海海域海浪预警级别为黄色。"
    carried = [art(f"f{k}", TITLE, LEDE + ahead, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    assert "巨浪" in corroborated(LEDE, TITLE, [rep, *carried], 160, tz=SH)


def test_a_scene_named_by_its_aircraft_is_no_fact_however_widely_carried() -> None:
    title = "2023年空军航空开放活动·长春航空展在长春开幕"
    lede = "7月26日，2023年空军航空开放活动·长春航空展在吉林长春开幕。"
    scene = "运油-20继续向前飞行，四架歼-20上升左转，完成了与运油-20的编队脱离。"
    rep = art("rep", title, lede, "16:00", outlet="中新社")
    carried = [art(f"s{k}", title, lede + scene, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    assert corroborated(lede, title, [rep, *carried], 160, tz=SH) == lede


def test_a_speakers_stance_the_text_tells_already_is_not_added_again() -> None:
    condemned = "外交部发言人毛宁表示，中方谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。"
    # a retelling told by the stance that follows it (speakers.stance_told): the stance, already shown
    briefing = (
        "外交部发言人毛宁表示，根据中方相关机构发布的通报，有外国政府背景的黑客组织实施了该起行动，严重威胁中国国家安全。"
        "毛宁表示，中方谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。"
    )
    rep = art("rep", TITLE, LEDE + condemned, "16:00", outlet="每经")
    carried = [art(f"b{k}", TITLE, LEDE + briefing, f"17:0{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])]
    text = corroborated(LEDE + condemned, TITLE, [rep, *carried], 160, tz=SH)
    assert text.count("中方谴责上述不负责任的行为") == 1


def test_a_carried_fact_telling_the_headlines_event_opens_the_text_before_how_it_went() -> None:
    title = "2023年长春航空展开幕 八一飞行表演队换装歼10C首次国内公开亮相"
    opened = "12月8日，2023年空军航空开放活动·长春航空展在吉林长春开幕。"
    how = "多支飞行、跳伞表演队共舞蓝天，歼-20以四机编队进行机动飞行展示，运油-20首次与歼-20同框。"
    reports = [art(f"p{k}", title, opened + how, f"2{k}:00", outlet=o) for k, o in enumerate(["新华社", "中新社"])]
    text = corroborated(how, title, reports, 200, tz=SH)
    assert text == opened + how
