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
