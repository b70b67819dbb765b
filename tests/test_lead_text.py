"""The lead item is read whole: it gets room for what the story's other reports add."""

from __future__ import annotations

from digests.lead_text import lead_text
from tests.test_dedup import art
from tests.test_digest import compose

PLAN = art(
    "plan",
    "四部门：坚决避免数据中心盲目无序发展",
    "国家发改委等四部门印发数据中心绿色高质量发展实施方案。"
    "方案提出，新建大型数据中心原则上布局在国家枢纽节点数据中心集群范围内。"
    "对于在国家枢纽节点之外新建的数据中心，地方政府不得给予土地、财税等方面的优惠政策。",
    "10:53",
    outlet="发改委网站",
)
TARGETS = art(
    "targets",
    "发改委等部门：到2025年 数据中心和5G基本形成绿色集约的一体化运行格局",
    "全国新建大型、超大型数据中心平均电能利用效率降到1.3以下，国家枢纽节点进一步降到1.25以下。"
    "西部数据中心利用率由30%提高到50%以上。",
    "10:47",
    outlet="发改委网站",
)
OPENING = "国家发改委等四部门印发数据中心绿色高质量发展实施方案。"


def test_the_lead_tells_another_reports_figures_with_the_year_its_headline_sets() -> None:
    text = lead_text(OPENING, PLAN.title, PLAN, [TARGETS, PLAN], 320)
    assert text.startswith(OPENING)
    assert "到2025年，全国新建大型、超大型数据中心平均电能利用效率降到1.3以下" in text
    assert text.count("到2025年") == 1  # the year heads the report's first figure only
    assert "西部数据中心利用率由30%提高到50%以上。" in text


def test_the_lead_goes_on_with_its_own_report_after_the_sentence_its_text_ends_on() -> None:
    text = lead_text(OPENING, PLAN.title, PLAN, [PLAN], 320)
    assert text == OPENING + PLAN.paragraphs[0][len(OPENING) :]


def test_the_leads_text_stays_within_its_budget_and_a_copy_adds_nothing() -> None:
    copy = art("copy", PLAN.title, PLAN.paragraphs[0], "11:00", outlet="人民网")
    whole = PLAN.paragraphs[0]
    assert lead_text(whole, PLAN.title, PLAN, [copy, PLAN], 320) == whole
    assert len(lead_text(OPENING, PLAN.title, PLAN, [TARGETS, PLAN], 90)) <= 90


MEASURES = (
    "财政部将加快地方政府专项债券发行使用进度，六月底前基本发行完毕。"
    "人民银行引导金融机构扩大普惠小微贷款投放，年内新增一万亿元。"
    "交通运输部推动一批水运和公路项目在三季度开工建设。"
    "人力资源社会保障部阶段性缓缴养老保险单位缴费政策延至年底。"
    "商务部稳定汽车等大宗消费，各地不得新增汽车限购措施。"
)


def test_only_the_pages_lead_gets_the_fuller_text() -> None:
    first = art(
        "first",
        "国务院部署稳经济一揽子政策措施",
        "国务院常务会议部署稳经济一揽子政策措施。" + MEASURES,
        "09:00",
        outlet="新华社",
    )
    copies = [
        art(f"first{k}", first.title, first.paragraphs[0], f"09:1{k}", outlet=o)
        for k, o in enumerate(["人民网", "央视新闻"])
    ]
    second = art(
        "second",
        "东湖公园荷花节开幕",
        "东湖公园荷花节开幕，游客络绎不绝。荷花节持续到八月底，公园延长开放时间至晚上十点。园方增设了三条观光游船航线，并在南门新建停车场。",
        "10:00",
        outlet="某市日报",
    )
    items = compose([first, *copies, second], top_n=8, max_chars=60).items
    assert "first" in items[0].article_ids and len(items[0].text) > 100
    later = next(it for it in items if "second" in it.article_ids)
    assert len(later.text) <= 75


def test_an_earlier_reports_reading_of_the_hour_and_a_subjectless_directive_are_not_told() -> None:
    lead = art(
        "lead",
        "台风“杜苏芮”今年首个台风红色预警发布",
        "中央气象台26日将台风预警升级为红色。科学开展防台调度，加快人员转移。福建沿海1.2万艘渔船全部回港避风。",
        "21:00",
    )
    morning = art("morning", "台风“杜苏芮”逼近", "台风中心26日早晨5点钟位于巴士海峡海面上，距台湾约350公里。", "06:00")
    evening = art("evening", "台风“杜苏芮”将登陆", "预计“杜苏芮”28日在闽粤沿海登陆，最大风力可达15级。", "22:00")
    text = lead_text("中央气象台26日将台风预警升级为红色。", lead.title, lead, [morning, lead, evening], 320)
    assert "15级" in text and "福建沿海1.2万艘渔船全部回港避风。" in text
    assert "5点钟" not in text and "科学开展" not in text


def test_a_roundup_lead_gets_its_other_reports_figures_in_the_room_its_fronts_leave() -> None:
    from tests.test_frontpage import FILLER

    title = "今年首个台风红色预警发布 各地全力防汛防台"
    warning = "中央气象台26日将台风预警升级为红色，各地全力做好防台防汛工作。"
    landfall = "预计“杜苏芮”28日在闽粤沿海登陆，登陆时最大风力可达15级。"
    typhoon = [
        art(f"w{k}", title, warning, f"1{k}:00", outlet=o) for k, o in enumerate(["中央气象台", "中新社", "人民网"])
    ]
    typhoon.append(art("w3", title, landfall, "13:30", outlet="新京报"))  # a newer report
    fujian = "福建省26日将防汛防台风应急响应提升至Ⅱ级，沿海1.2万艘渔船全部回港避风。"
    fronts = [
        art(f"front{k}", "福建沿海渔船全部回港 防汛防台风应急响应提至Ⅱ级", fujian, f"20:3{k}", outlet=o)
        for k, o in enumerate(["新华社", "央视新闻"])
    ]
    lead = compose(typhoon + fronts + FILLER, top_n=3, max_chars=60).items[0]
    assert lead.title == title and fujian in lead.text  # the roundup's front
    assert landfall in lead.text  # and, in the room left, the story's other report's figure


def test_a_running_subjects_lead_takes_figures_only_from_newer_reports() -> None:
    lead = art("lead", "台风“杜苏芮”今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色。", "16:00")
    morning = art("morning", "台风“杜苏芮”逼近", "福建近岸海域将出现2.5到3.5米的大浪。", "06:00")
    evening = art("evening", "台风“杜苏芮”将登陆", "预计“杜苏芮”28日在闽粤沿海登陆，最大风力可达15级。", "22:00")
    reports = [morning, lead, evening]
    text = lead_text(lead.paragraphs[0], lead.title, lead, reports, 320, running=True)
    assert "15级" in text and "3.5米" not in text
    assert "3.5米" in lead_text(lead.paragraphs[0], lead.title, lead, reports, 320)  # a plan's earlier report counts


def test_a_running_subjects_lead_tells_only_its_concrete_further_detail() -> None:
    lead = art(
        "lead",
        "海河发生流域性大洪水",
        "水利部3日判定海河发生流域性大洪水。"
        "河北省已启用宁晋泊蓄滞洪区，预计洪水将于7日前后抵达天津。"
        "大清河来水方向，天津市水务部门已协调安排独流减河进洪闸保持全部敞泄状态。",
        "21:00",
    )
    text = lead_text("水利部3日判定海河发生流域性大洪水。", lead.title, lead, [lead], 320, running=True)
    assert "7日前后抵达天津" in text and "独流减河" not in text


def test_a_running_subjects_lead_leaves_out_a_reading_of_the_hour_even_from_a_newer_report() -> None:
    lead = art("lead", "台风“杜苏芮”今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色。", "16:00")
    position = art("pos", "台风“杜苏芮”逼近", "台风中心26日16点位于巴士海峡海面上，距鹅銮鼻约280公里。", "17:00")
    text = lead_text(lead.paragraphs[0], lead.title, lead, [lead, position], 320, running=True)
    assert "280公里" not in text


def test_what_a_plan_forbids_is_told_first_even_when_its_text_ends_on_a_later_line() -> None:
    closing = "各地加强对数据中心建设的统筹指导力度，坚决避免数据中心盲目无序发展。"
    plan = art("plan2", PLAN.title, PLAN.paragraphs[0] + closing, "10:53", outlet="发改委网站")
    text = OPENING + closing  # the headline's claim told, the rule between passed over by the clip
    told = lead_text(text, plan.title, plan, [TARGETS, plan], len(text) + 120)
    assert told.startswith(text + "对于在国家枢纽节点之外新建的数据中心，地方政府不得给予土地、财税等方面的优惠政策。")
    assert "到2025年" in told


def test_the_lead_has_three_items_room_for_its_plans_rules_and_targets() -> None:
    from digests.lead_text import LEAD_CHARS

    lead = compose([PLAN, TARGETS], top_n=1, max_chars=60).items[0]
    # the plan's layout, what it forbids and both 2025 targets: more than twice an item's room
    assert "不得给予土地" in lead.text and "西部数据中心利用率由30%提高到50%以上" in lead.text
    assert 2 * 60 < len(lead.text) <= LEAD_CHARS * 60


def test_a_running_leads_report_tells_its_untold_detail_and_its_lists_items_as_sentences() -> None:
    lead = art(
        "hh",
        "海河发生流域性大洪水",
        "水利部3日通报，海河流域21条河流发生超警以上洪水。初步判定海河发生流域性大洪水。"
        "3日，永定河泛区天津境内水位较2日上涨，行洪趋势总体平稳；大清河洪水将于4日早晨抵达天津境内；"
        "子牙新河水位持续上涨，预计洪水将于7日前后抵达天津市滨海新区。",
        "21:21",
    )
    # the roundup told the report's opening, then a front
    text = "水利部3日通报，海河流域21条河流发生超警以上洪水。据北京防汛办，全市共转移群众5.2万多人。"
    told = lead_text(text, lead.title, lead, [lead], 400, running=True)
    assert told.startswith(text) and "大清河洪水将于4日早晨抵达天津境内。子牙新河水位持续上涨" in told


def test_a_bare_according_to_is_named_by_the_source_the_sentence_before_learnt_it_from() -> None:
    lead = art(
        "tj",
        "海河发生流域性大洪水",
        "水利部3日通报，海河流域21条河流发生超警以上洪水。"
        "记者3日从天津市水务局获悉，天津境内重点行洪河道持续高水位运行。"
        "据介绍，大清河洪水将于4日早晨抵达天津境内。",
        "21:21",
    )
    told = lead_text(
        "水利部3日通报，海河流域21条河流发生超警以上洪水。",
        "海河发生流域性大洪水 天津重点行洪河道持续高水位运行",
        lead,
        [lead],
        400,
        running=True,
    )
    assert "据天津市水务局，大清河洪水将于4日早晨抵达天津境内。" in told
