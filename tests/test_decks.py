"""A two-deck headline's second deck told in the item's text (digests/decks.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.decks import second_deck
from digests.records import Article

TITLE = "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
BACKGROUND = "惠誉1日将美国长期外币发行人违约评级从AAA下调至AA+。一时间，这引来了白宫的强烈不满。"


def report(*paragraphs: str) -> Article:
    return Article(id="a", title=TITLE, published=datetime(2023, 8, 3, 1, 49, tzinfo=UTC), paragraphs=paragraphs)


def test_a_text_that_never_names_the_second_decks_actor_adds_its_first_standalone_sentence() -> None:
    body = report(
        BACKGROUND,
        "然而，高盛的策略师却对此不屑一顾。高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。",
    )
    told = second_deck(BACKGROUND, TITLE, body, 150)
    # Not the sentence that leans on the one before it (然而，…对此): the first that stands alone.
    assert told == BACKGROUND + "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。"


def test_the_second_deck_is_not_added_when_named_already_or_over_budget_or_one_deck() -> None:
    body = report(BACKGROUND, "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。")
    named = BACKGROUND + "高盛称影响有限。"
    assert second_deck(named, TITLE, body, 150) == named
    assert second_deck(BACKGROUND, TITLE, body, len(BACKGROUND) + 5) == BACKGROUND
    assert second_deck(BACKGROUND, "惠誉下调美国评级引争议", body, 150) == BACKGROUND


def test_a_text_repeating_the_rule_a_headline_names_gives_way_to_the_sentence_spelling_it_out() -> None:
    from digests.decks import rule_detail

    title = "公安部：全面放宽大城市落户条件"
    text = "公安部研究制定若干措施，包括全面放宽大城市落户条件，完善特大城市积分落户政策等。"
    rule = "推动各地全面取消城区常住人口300万以下的城市落户限制，全面放宽城区常住人口300万至500万的Ⅰ型大城市落户条件。"
    article = Article(
        id="h",
        title=title,
        published=datetime(2023, 8, 3, 7, 50, tzinfo=UTC),
        paragraphs=("8月3日，" + text, "截至2022年，1.4亿农业转移人口落户城镇。", "一是 " + rule),
    )
    # The list's mark goes; a rule told without its subject is said by whom the headline names, and when.
    assert rule_detail(text, title, article, 150) == "公安部3日表示，" + rule  # on the report's day
    assert rule_detail(text, title, article, 40) == text  # too long to show whole: the text stays
    with_figure = "公安部全面放宽大城市落户条件，300万以下城市取消落户限制。"
    assert rule_detail(with_figure, title, article, 150) == with_figure  # the text has its figure already


def test_a_deck_of_its_own_words_is_not_told_by_any_sentence_opening_on_its_place() -> None:
    title = "海河发生流域性大洪水 天津重点行洪河道持续高水位运行"
    text = "水利部3日通报，初步判定海河发生流域性大洪水。"
    weather = "天津市气象服务中心3日发布消息称，天津处于主汛期，降雨频繁。"
    rivers = "天津境内永定河、大清河等重点行洪河道持续高水位运行。"
    body = Article(id="a", title=title, published=datetime(2023, 8, 3, 13, tzinfo=UTC), paragraphs=(weather + rivers,))
    assert second_deck(text, title, body, 200) == text + rivers


def test_a_deck_claiming_a_level_is_told_with_the_figure_its_report_gives() -> None:
    from digests.decks import deck_figure

    title = "7月份中国制造业PMI为49.3% 预期指数升至较高景气区间"
    text = "国家统计局公布，7月份中国制造业PMI为49.3%。"
    figure = "7月份，生产经营活动预期指数为55.1%，比上月上升1.7个百分点。"
    body = Article(
        id="a",
        title=title,
        published=datetime(2023, 7, 31, 2, tzinfo=UTC),
        paragraphs=(text + "其中，预期指数升至较高景气区间。" + figure,),
    )
    assert deck_figure(text, title, body, 200) == text + figure
    # Told already, over budget, or a deck with its own figure: unchanged.
    assert deck_figure(text + figure, title, body, 200) == text + figure
    assert deck_figure(text, title, body, len(text) + 5) == text
    assert deck_figure(text, "PMI为49.3% 预期指数升至55.1%", body, 200) == text


def test_the_words_a_long_headline_dropped_are_told_in_the_text() -> None:
    from digests.decks import dropped_decks

    title = "习近平回信勉励“模范空降兵连”全体官兵 弘扬光荣传统 苦练过硬本领 努力锻造敢打必胜的空降利刃"
    shown = "习近平回信勉励“模范空降兵连”全体官兵"
    first = "习近平近日给“模范空降兵连”全体官兵回信，致以八一建军节的祝贺。"
    praise = "习近平在回信中表示，你们传承英雄精神，我为你们取得的成绩感到高兴。"
    charge = "希望你们弘扬光荣传统，苦练过硬本领，努力锻造敢打必胜的空降利刃。"
    body = Article(
        id="a", title=title, published=datetime(2023, 7, 31, 9, tzinfo=UTC), paragraphs=(first + praise + charge,)
    )
    assert dropped_decks(first + praise, shown, body, 200) == first + praise + charge
    # Room for only two sentences: the charge takes the praise's place.
    assert dropped_decks(first + praise, shown, body, len(first + charge)) == first + charge
    # A headline of one or two decks dropped none of its message.
    assert (
        dropped_decks(
            first,
            "党中央回信",
            Article(id="b", title="党中央回信 勉励官兵", published=body.published, paragraphs=body.paragraphs),
            200,
        )
        == first
    )


def test_a_deck_is_looked_for_in_the_reports_opening_only_however_long_the_report() -> None:
    from digests.decks import _SENTENCES_READ, deck_figure

    title = "7月份中国制造业PMI为49.3% 预期指数升至较高景气区间"
    text = "国家统计局公布，7月份中国制造业PMI为49.3%。"
    filler = "各地各部门扎实做好各项工作。" * (_SENTENCES_READ + 5)
    late = Article(
        id="a", title=title, published=datetime(2023, 7, 31, 2, tzinfo=UTC), paragraphs=(filler, "预期指数为55.1%。")
    )
    assert deck_figure(text, title, late, 400) == text  # a figure past the opening is not searched for


def test_a_headlines_hard_claim_is_told_by_the_reports_sentence_carrying_it() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "府邸被封锁，尼日尔总统被卫队扣押"
    statement = "尼日尔总统府办公室发表声明称，部分总统卫队成员发起了一场运动，但没有成功。"
    sealed = "多家外媒报道，尼日尔总统巴祖姆的官邸被总统卫队成员封锁。"
    held = "据法新社报道，一名消息人士称，巴祖姆已被总统府卫队成员扣押。"
    report = art("niger", title, statement + sealed + held, "20:45")
    assert claim_told(statement + sealed, title, report, 200) == held + statement + sealed  # the news first
    assert claim_told(statement + sealed, title, report, 80) == held + statement  # the last sentence gives way
    assert claim_told(held + statement, title, report, 200) == held + statement  # told already, first
    assert claim_told(statement, "尼日尔总统府发表声明", report, 200) == statement  # no hard claim


def test_a_teasers_surprise_word_leaves_the_headline() -> None:
    from digests.headlines import finished_headline

    assert (
        finished_headline("府邸被封锁，尼日尔总统突然被卫队扣押", "据央视新闻，…。")
        == "府邸被封锁，尼日尔总统被卫队扣押"
    )
    assert finished_headline("突然降温，北京迎来初雪", "北京迎来初雪。") == "突然降温，北京迎来初雪"


def test_a_speakers_claim_in_the_headline_is_told_by_the_sentence_carrying_its_words() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排"
    opposed = "外交部发言人表示，中方坚决反对任何形式的美台官方往来。"
    urged = "中方敦促美方恪守一个中国原则，停止美台官方往来，不得安排赖清德“过境”窜美。"
    report = art("lai", title, opposed + urged, "22:46")
    assert claim_told(opposed, title, report, 200) == opposed + urged
    assert claim_told(opposed + urged, title, report, 200) == opposed + urged  # told already


def test_a_speakers_claim_told_only_in_the_headlines_words_is_not_said_again() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "四部门：加强对数据中心建设的统筹指导 坚决避免数据中心盲目无序发展"
    issued = "国家发改委等四部门印发数据中心绿色高质量发展实施方案。"
    claim = "各地加强对数据中心建设的统筹指导力度，坚决避免数据中心盲目无序发展。"
    report = art("dc", title, issued + "鼓励数据中心骨干企业率先完成布局落地。" + claim, "10:53")
    assert claim_told(issued, title, report, 200) == issued  # the sentence is the headline again
    # a claim the report words its own way is told
    own = "方案要求各地加强统筹指导，坚决避免数据中心盲目无序发展，杜绝一哄而上。"
    report = art("dc2", title, issued + own, "10:53")
    assert claim_told(issued, title, report, 200) == issued + own


def test_a_run_of_demands_on_one_verb_is_trimmed_to_the_demand_of_the_day() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排"
    urged = (
        "中方敦促美方恪守一个中国原则，停止美台官方往来，停止升级美台实质关系，"
        "停止向“台独”分裂势力发出错误信号，不得安排赖清德“过境”窜美。"
    )
    report = art("lai2", title, "外交部发言人表示，中方坚决反对美台官方往来。" + urged, "22:46")
    told = claim_told("外交部发言人表示，中方坚决反对美台官方往来。", title, report, 300)
    assert told.endswith("中方敦促美方恪守一个中国原则，不得安排赖清德“过境”窜美。")


def test_a_second_decks_actor_takes_the_place_of_the_texts_last_detail_when_both_will_not_fit() -> None:
    title = "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
    cut = "惠誉1日将美国长期外币发行人违约评级从AAA下调至AA+。"
    reaction = "这引来了白宫和美国财长耶伦的强烈不满。"
    quote = "惠誉在其报告中写道，政府的治理标准一直在不断恶化。"
    goldman = "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。"
    article = report(cut + reaction + quote + goldman)
    assert second_deck(cut + reaction + quote, title, article, 100) == cut + reaction + goldman


def test_the_sentence_a_second_deck_promises_stays_among_the_corroborated_facts() -> None:
    from digests.corroboration import corroborated
    from tests.test_dedup import art

    title = "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
    cut = "惠誉1日将美国长期外币发行人违约评级从AAA下调至AA+。"
    goldman = "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。"
    anger = "白宫和美国财长耶伦表示强烈不满，称惠誉的决定武断且基于过时数据。"
    reports = [art(f"r{k}", title, cut + anger, f"1{k}:00", outlet=o) for k, o in enumerate(["财联社", "中新网"])]
    text = corroborated(cut + goldman, title, [art("rep", title, cut + goldman, "09:49", outlet="每经"), *reports], 60)
    assert goldman in text


def test_a_hard_claim_the_text_tells_further_down_moves_first() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "尼日尔总统被卫队扣押"
    statement = "尼日尔总统府办公室发表声明称，部分总统卫队成员发起了一场运动，但没有成功。"
    held = "据法新社报道，一名消息人士称，巴祖姆已被总统府卫队成员扣押。"
    report = art("niger", title, statement + held, "20:45")
    assert claim_told(statement + held, title, report, 200) == held + statement
    assert claim_told(held + statement, title, report, 200) == held + statement


def test_the_deck_after_a_speakers_deck_is_the_speakers_claim_and_the_text_tells_it() -> None:
    from dataclasses import replace

    from digests.decks import claim_told

    title = "专家称明年钢材市场需求趋稳趋弱 须力促供需平衡"
    outlook = "屈秀丽指出，明年钢铁行业的需求相对趋稳趋弱。"
    aside = "她指出，市场行情剧烈波动不利于企业发展。"
    balance = "明年，钢铁行业应通过供需平衡，稳定市场，这是行业稳定运行的最主要前提。"
    steel = replace(report(outlook + aside + balance), title=title)
    assert claim_told(outlook + aside, title, steel, 60) == outlook + balance  # the aside gives way
    # a deck that is not said by anyone (two facts side by side) owes nothing
    plain = replace(steel, title="明年钢材市场需求趋稳趋弱 钢价难再明显增长")
    assert claim_told(outlook + aside, plain.title, plain, 80) == outlook + aside


def test_a_headline_naming_whose_kin_the_successor_is_gets_the_reports_clause_saying_so() -> None:
    from digests.decks import kin_told

    title = "柬埔寨首相洪森宣布将卸任，接棒人是他的长子"
    text = "柬埔寨首相洪森26日表示，他将不再担任柬首相，洪马内将领导新政府。"
    told = report(text, "据中新网报道，现年45岁的洪马内，是洪森的长子，曾在美国西点军校就读。")
    assert kin_told(text, title, told, 200) == text + "现年45岁的洪马内是洪森的长子。"
    assert kin_told(text, "柬埔寨首相洪森宣布将卸任", told, 200) == text  # the headline promises no kin
    assert kin_told(text, title, report(text), 200) == text  # the report does not say it
