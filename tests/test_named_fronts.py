"""A subject's other developments are named under the item that stands for it."""

from __future__ import annotations

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_frontpage import FILLER

CUT = "惠誉下调美国长期信用评级至AA+"
CUT_BODY = "惠誉8日将美国长期外币发行人违约评级从AAA下调至AA+，理由是财政状况恶化。"
TREASURY = "美国财政部：惠誉下调评级的影响有限 美债仍是最安全资产"
TREASURY_BODY = "美国财政部长耶伦表示，惠誉的决定武断且基于过时的数据，美债仍是全球最安全的资产。"


def stories() -> list:
    cut = [art(f"cut{k}", CUT, CUT_BODY, f"12:4{k}", outlet=o) for k, o in enumerate(["财联社", "新华社", "中新社"])]
    treasury = [
        art(f"tr{k}", TREASURY, TREASURY_BODY, f"21:0{k}", outlet=o) for k, o in enumerate(["央视新闻", "人民网"])
    ]
    return [*cut, *treasury]


def test_a_story_sharing_the_items_name_is_named_under_it_not_shown_beside_it() -> None:
    items = compose([*stories(), *FILLER], top_n=3).items
    fitch = [it for it in items if "惠誉" in it.title]
    assert [it.title for it in fitch] == [CUT] and fitch[0].also == (TREASURY,)


def test_a_name_only_inside_a_longer_word_ties_nothing() -> None:
    other = art(
        "pmi",
        "中国物流与采购联合会：7月制造业PMI为49.3%",
        "中国物流与采购联合会31日发布，7月制造业PMI为49.3%。",
        "09:30",
    )
    talk = [
        art(
            f"talk{k}", "国家防总、应急管理部与水利部联合会商后研判", "多部门联合会商后研判汛情。", f"10:0{k}", outlet=o
        )
        for k, o in enumerate(["央视新闻", "人民网"])
    ]
    items = compose([other, *talk, *FILLER], top_n=3).items
    assert all(not any("联合会商" in line for line in it.also) for it in items if "PMI" in it.title)


def test_a_story_on_the_items_topic_naming_the_country_its_report_opens_on_is_named_under_it() -> None:
    import dataclasses
    from datetime import timedelta

    from digests.grouping import group
    from digests.lineup import ranked_stories
    from digests.named_fronts import named_fronts

    detained = art(
        "niger",
        "府邸被封锁，这国总统突然被卫队扣押",
        "据法新社报道，尼日尔总统府卫队成员25日晚起封锁总统府，总统巴祖姆已被扣押。",
        "20:45",
        outlet="每经",
    )
    ecowas = "西共体委员会发表声明，谴责在尼日尔发生的未遂政变"
    condemned = art(
        "ecowas", ecowas, "西共体委员会26日晚在阿布贾发表声明，强烈谴责未遂政变，要求立即无条件释放巴祖姆。", "21:34"
    )
    unrelated = art("oil", "商务部：中国将与阿拉伯国家深化油气等领域合作", "商务部表示，将深化油气合作。", "21:00")
    before = art("before", "尼日尔首都尼亚美总统府附近实施交通管制", "尼亚美总统府附近实施交通管制。", "19:00")
    window = sorted([detained, condemned, unrelated, before, *FILLER], key=lambda a: a.published)
    grouped = group(window)
    # One topic, as the day's rare names join them on a real day (尼日尔, 巴祖姆); what came before the
    # item is no development of it.
    grouped = dataclasses.replace(
        grouped, topic_of={**grouped.topic_of, "ecowas": 1, "niger": 1, "oil": 1, "before": 1}
    )
    since, until = window[0].published - timedelta(hours=1), window[-1].published + timedelta(hours=1)
    ranked = ranked_stories(grouped.stories, grouped, since, until, templates=grouped.templates, told=None)
    item = next(r for r in ranked if r.rep.id == "niger")
    assert named_fronts(item, ranked, grouped, [item.story]) == (ecowas,)


def test_a_story_sharing_the_items_name_half_a_day_older_is_not_named_under_it() -> None:
    early = [art(f"tr{k}", TREASURY, TREASURY_BODY, f"08:0{k}", outlet=o) for k, o in enumerate(["央视新闻", "人民网"])]
    cut = [art(f"cut{k}", CUT, CUT_BODY, f"20:4{k}", outlet=o) for k, o in enumerate(["财联社", "新华社", "中新社"])]
    items = compose([*cut, *early, *FILLER], top_n=3).items
    [fitch] = [it for it in items if "惠誉" in it.title]
    assert fitch.title == CUT and fitch.also == ()
