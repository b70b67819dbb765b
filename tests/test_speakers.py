"""A speaker is named with the title the report first gives them."""

from __future__ import annotations

from digests.speakers import titled
from tests.test_dedup import art

BRIEFING = art(
    "mfa",
    "外交部回应武汉地震监测中心遭网络攻击",
    "中国外交部发言人毛宁26日下午在例行记者会上表示，有外国政府背景的黑客组织实施了网络攻击。"
    "毛宁表示，中方谴责上述不负责任的行为。",
    "19:05",
)


def test_a_bare_speaker_gets_the_title_the_report_gives_them() -> None:
    assert (
        titled("毛宁表示，中方谴责上述不负责任的行为。", BRIEFING)
        == "外交部发言人毛宁表示，中方谴责上述不负责任的行为。"
    )


def test_a_sentence_without_a_bare_speaker_or_a_report_without_the_title_is_left_alone() -> None:
    titled_already = "外交部发言人毛宁表示，中方谴责上述不负责任的行为。"
    assert titled(titled_already, BRIEFING) == titled_already
    untitled = art("x", "回应", "毛宁表示，中方谴责上述不负责任的行为。", "19:05")
    assert titled("毛宁表示，中方谴责。", untitled) == "毛宁表示，中方谴责。"
    assert titled("中方表示，将采取必要措施。", BRIEFING) == "中方表示，将采取必要措施。"


def test_a_fact_two_voices_carry_is_told_with_its_speakers_title() -> None:
    from digests.corroboration import corroborated

    title = "武汉地震监测中心遭境外组织网络攻击"
    lede = "武汉市应急管理局26日发布消息，武汉市地震监测中心部分台站网络设备遭受境外组织的网络攻击。"
    condemned = "毛宁表示，中方谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。"
    body = lede + "中国外交部发言人毛宁在例行记者会上回答了提问。" + condemned
    reports = [art(f"r{k}", title, body, f"19:0{k}", outlet=o) for k, o in enumerate(["中国青年报", "每经", "人民网"])]
    text = corroborated(lede, title, [art("rep", title, lede, "16:00", outlet="新闻联播"), *reports], 160)
    assert "外交部发言人毛宁表示，中方谴责上述不负责任的行为" in text


def test_a_speaker_who_first_retells_what_happened_is_told_by_the_stance_they_took_next() -> None:
    from digests.speakers import stance_told

    retold = "外交部发言人毛宁表示，根据中方相关机构发布的通报，有外国政府背景的黑客组织实施了网络攻击。"
    briefing = art(
        "q",
        "外交部回应武汉地震监测中心遭网络攻击",
        "发言人毛宁表示，根据中方相关机构发布的通报，有外国政府背景的黑客组织实施了网络攻击。"
        "我们谴责上述不负责任的行为，中方将采取必要措施维护中国的网络安全。",
        "16:09",
    )
    assert (
        stance_told(retold, briefing)
        == "外交部发言人毛宁表示，中方谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。"
    )
    # A stance told already, or a report that gives none, leaves the sentence as it is.
    firm = "外交部发言人毛宁表示，中方坚决反对任何形式的美台官方往来。"
    assert stance_told(firm, briefing) == firm
    quiet = art(
        "z", "回应", "发言人毛宁表示，根据中方相关机构发布的通报，有外国政府背景的黑客组织实施了网络攻击。", "16:09"
    )
    assert stance_told(retold, quiet) == retold


def test_a_headlines_anonymous_expert_is_named_as_the_text_names_the_speaker() -> None:
    from digests.headlines import finished_headline
    from digests.speakers import speaker_named

    text = (
        "在论坛上，中国钢铁工业协会副会长兼秘书长屈秀丽指出，明年钢铁行业的需求相对趋稳趋弱，须通过供需平衡稳定市场。"
    )
    title = "专家称明年钢材市场需求趋稳趋弱 须力促供需平衡"
    assert finished_headline(title, text) == "中国钢铁工业协会屈秀丽称明年钢材市场需求趋稳趋弱 须力促供需平衡"
    # a text that names no one, or names them only after its opening sentence, leaves the headline be
    assert speaker_named(title, "明年钢铁行业的需求相对趋稳趋弱。屈秀丽指出，供需平衡是前提。") == title
    # a headline that names its speaker is kept
    assert speaker_named("中钢协：明年钢材需求趋稳趋弱", text) == "中钢协：明年钢材需求趋稳趋弱"


def test_a_headlines_claim_only_an_unnamed_source_makes_is_told_as_reported() -> None:
    from digests.headlines import finished_headline
    from digests.speakers import claim_hedged

    title = "府邸被封锁，尼日尔总统被卫队扣押"
    unnamed = "据法新社报道，一名与总统接近的消息人士称，巴祖姆已被总统府卫队成员扣押。总统府称政变没有成功。"
    assert finished_headline(title, unnamed) == "府邸被封锁，尼日尔总统据报被卫队扣押"
    # told in the report's own voice, the claim stands
    own = "尼日尔总统府卫队成员26日扣押了总统巴祖姆。"
    assert claim_hedged(title, own) == title
    # no hard claim, nothing to hedge
    assert claim_hedged("尼日尔总统府发表声明", unnamed) == "尼日尔总统府发表声明"


def test_a_bare_speaker_is_titled_with_the_report_the_words_are_from() -> None:
    report = art(
        "f",
        "惠誉回应下调美国信用评级",
        "据美国有线电视新闻网（CNN）2日报道，惠誉首席分析师查德·弗朗西斯回应时表示，数据不言自明。弗朗西斯说，美国的债务还在增长。",
        "16:18",
    )
    assert titled("弗朗西斯说，美国的债务还在增长。", report) == (
        "据美国有线电视新闻网（CNN）2日报道，惠誉首席分析师弗朗西斯说，美国的债务还在增长。"
    )
