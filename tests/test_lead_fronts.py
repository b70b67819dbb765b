"""What a running subject's lead names under it in 相关 (digests/lineup.also_reported, digests/digest)."""

from __future__ import annotations

from tests.test_dedup import art


def test_a_warning_kept_in_force_or_a_front_half_a_day_old_is_not_named_under_the_lead() -> None:
    from digests.grouping import find_stories
    from digests.lineup import Ranked, names_a_front, recent_fronts

    assert not names_a_front("中央气象台7月31日18时继续发布暴雨红色预警")
    assert names_a_front("中央气象台发布暴雨红色预警 北京将有大暴雨")

    def ranked(aid: str, title: str, at: str) -> Ranked:
        a = art(aid, title, title + "。", at)
        return Ranked(1.0, find_stories([a])[0], a, (), 1)

    lead = ranked("lead", "海河流域发生流域性较大洪水", "22:40")
    morning, evening = ranked("am", "北京西站停运33趟列车", "09:00"), ranked("pm", "河北启动Ⅰ级应急响应", "19:00")
    assert recent_fronts(lead, [morning, evening]) == [evening]


def test_a_count_of_people_the_lead_tells_or_a_front_its_roundup_shows_is_not_named_again_under_it() -> None:
    from digests.lineup import untold_fronts

    told = "北京市门头沟区连续遭遇强降雨。据北京防汛办，全市共转移群众5.2万多人，所有景区民宿关闭。"
    again = "北京市防汛办：本轮降雨以来全市转移群众52384人"
    response = "广东将防风应急响应提升至Ⅱ级"  # a response is not a count, whatever words it shares
    shown = "河北启动Ⅰ级应急响应"
    trains = "北京西站停运33趟列车"
    assert untold_fronts([again, response, shown, trains], told, [shown]) == (response, trains)
    assert untold_fronts([again, response, trains], "北京市门头沟区连续遭遇强降雨。") == (again, response)


def test_a_mornings_disruption_gives_way_to_harm_done_since_the_leads_report_carried_widely_enough() -> None:
    from digests.grouping import find_stories
    from digests.harm_fronts import HARM_SCORE, moved_on
    from digests.lineup import Ranked

    def ranked(aid: str, title: str, at: str, score: float = 5.0, official: float = 0.0) -> Ranked:
        a = art(aid, title, title + "。", at)
        return Ranked(score, find_stories([a])[0], a, (("official", official),), 1)

    lead = ranked("lead", "海河流域发生流域性较大洪水", "12:56")
    response = ranked("hb", "河北对五市启动防汛防台风Ⅰ级应急响应", "12:07", official=1.0)  # an official's act
    airport = ranked("air", "暴雨红色预警 北京部分地区强降雨持续，首都机场有航班取消", "12:39")
    rivers = ranked("riv", "京津冀等地16条河流发生超警以上洪水", "22:40", official=2.0)
    trains = ranked("tr", "受此次强降雨影响，导致北京丰台至沙城铁路（丰沙线）部分列车滞留线上", "23:39")
    assert moved_on(lead, [response, airport, rivers], [trains]) == [response, trains, rivers]
    # a single rescue's tale, or harm told before the lead's own report, does not take the place
    tale = ranked("tale", "一位88岁的失能老人被困在家中", "23:00", score=HARM_SCORE - 1)
    early = ranked("early", "北京暴雨致两趟列车千余名旅客下车避险", "12:00")
    assert moved_on(lead, [response, airport, rivers], [tale, early]) == [response, airport, rivers]
    # a front that is not half a day behind the subject's newest keeps its place
    assert moved_on(lead, [airport], [ranked("tr2", trains.rep.title, "18:00")]) == [airport]


def test_the_weather_a_front_blames_is_not_repeated_under_the_lead() -> None:
    from digests.harm_fronts import without_cause

    assert without_cause("受此次强降雨影响，导致北京丰台至沙城铁路（丰沙线）部分列车滞留线上") == (
        "北京丰台至沙城铁路（丰沙线）部分列车滞留线上"
    )
    assert without_cause("受台风影响 黑龙江一桥梁塌陷") == "受台风影响 黑龙江一桥梁塌陷"  # too little left
