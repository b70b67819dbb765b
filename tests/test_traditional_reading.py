"""The summarizer's reading rules, boilerplate removal and time words on real-style Traditional
news (Hong Kong and Taiwan outlets' own sentences, not converted Simplified), and the export
keeping each article's script."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from digests.boilerplate import clean_paragraphs, strip_dateline
from digests.hanzi import either_script
from digests.reading import defined_abbreviations, is_dangling, leans_on_previous, list_marker, short_names
from digests.summarizer import summarize
from digests.timewords import absolutize

HK = ZoneInfo("Asia/Hong_Kong")
AT = datetime(2024, 10, 29, 13, 50, tzinfo=HK)


@pytest.mark.parametrize(
    "sentence",
    [
        "此外，該公司表示將於明年在東南亞擴大投資。",
        "這項計劃預計於2026年完成，涉及逾千個單位。",
        "與此同時，港鐵亦會加密東鐵綫班次，以應付人流。",
        "據悉，港府將於下月公布《施政報告》細節。",
        "對此，衞生署發言人回應指，會密切留意事態發展。",
        "但有關建議仍須立法會審議通過。",
    ],
)
def test_a_traditional_sentence_opening_with_a_reference_leans_on_the_one_before(sentence: str) -> None:
    assert is_dangling(sentence)


def test_an_additive_opener_is_dropped_unless_what_follows_refers_back_too() -> None:
    # 此外 goes and the rest stands alone …
    assert not leans_on_previous("此外，港鐵將加密東鐵綫班次，以應付國慶煙花匯演的人流。")
    # … unless it leans on the sentence before itself (該法案).
    assert leans_on_previous("此外，該法案仍需立法會三讀通過後方可生效。")
    assert not is_dangling("行政長官李家超今日在行政會議前會見傳媒。")


def test_short_document_names_and_abbreviations_in_traditional() -> None:
    assert short_names("政府將按《實施意見》分階段推進，並參考《規劃綱要》。") == ["實施意見", "規劃綱要"]
    assert short_names("《香港01》報道") == []
    glossed = "香港交易及結算所有限公司（以下簡稱「港交所」）今日公布第三季業績。"
    assert defined_abbreviations(glossed) == ["港交所"]


def test_list_markers_in_traditional() -> None:
    assert list_marker("第一類，是於本港出生的兒童。") is not None
    assert list_marker("二是加強對長者的醫療支援。") is not None


def test_bylines_and_page_furniture_of_hong_kong_and_taiwan_outlets_go() -> None:
    news = "行政長官李家超今日在行政會議前會見傳媒，表示政府會全力支援受影響市民。"
    for line in ("責任編輯：陳大文", "編輯：王小明", "記者 張建中"):
        assert clean_paragraphs([news, line]).paragraphs == (news,), line
    text, who = strip_dateline("（中央社記者張建中新竹29日電）台積電今天召開董事會，核准資本預算。")
    assert text == "台積電今天召開董事會，核准資本預算。" and who is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昨日，金管局宣布減息25點子。", "28日，金管局宣布減息25點子。"),
        ("截至目前為止，已有1200人報名。", "截至13:50，已有1200人報名。"),
        ("截至發稿時，事故原因仍在調查。", "截至13:50，事故原因仍在調查。"),
    ],
)
def test_relative_time_words_in_traditional_become_absolute(text: str, expected: str) -> None:
    assert absolutize(text, AT) == expected


def test_a_traditional_summary_never_shows_a_sentence_that_leans_on_a_missing_one() -> None:
    title = "政府推出新一輪電子消費券 合資格市民下月起登記"
    paragraphs = [
        "財政司司長陳茂波今日宣布，政府將推出新一輪電子消費券計劃，合資格市民可獲發5000元。",
        "此外，該計劃的登記安排與上一輪相同，市民可透過網上或到指定地點登記。",
        "陳茂波表示，消費券有助刺激本地消費，支援中小企渡過難關。",
        "這筆開支預計涉及約360億元，將由財政儲備支付。",
    ]
    summary = summarize(paragraphs, title, sentences=2)
    assert summary and summary[0].startswith("財政司司長陳茂波今日宣布")
    for i, sentence in enumerate(summary):
        # A 此外，該… or 這筆… sentence appears only right after the sentence it leans on.
        if sentence.startswith(("此外", "該計劃", "這筆")):
            assert i > 0
    assert all("财政" not in s and "该" not in s for s in summary)  # shown as published


def test_either_script_keeps_a_patterns_shape() -> None:
    assert either_script(r"[^这该]") == "[^这该這該]"
    assert either_script(r"(?<=[。！？\s])责任") == "(?<=[。！？\\s])[责責]任"
    assert either_script(r"\d+个") == r"\d+[个個箇]"


def test_a_traditional_post_is_stored_summarized_and_exported_as_published(tmp_path) -> None:
    from tests.helpers import make_post
    from tests.test_cli import run

    posts = tmp_path / "posts"
    posts.mkdir()
    body = (
        "<p>（中央社記者張建中新竹29日電）台積電今天召開董事會，核准約新台幣4,800億元資本預算。</p>\n"
        "<p>此外，該公司董事會也通過在日本熊本設立第二座晶圓廠的計畫。</p>"
    )
    (posts / "2024-10-29-tsmc.md").write_text(make_post("臺積電董事會核准資本預算", body), encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run("ingest", "--db", db, "-q", str(posts)).exit_code == 0
    [row] = [json.loads(line) for line in run("export", "--db", db).output.splitlines()]
    assert row["title"] == "臺積電董事會核准資本預算"
    # The dateline is furniture (credited as the outlet); the text stays Traditional.
    assert row["paragraphs"][0] == "台積電今天召開董事會，核准約新台幣4,800億元資本預算。"
    assert row["outlet"] == "中央社"
    found = run("search", "--db", db, "台积电", "--json")
    assert "臺積電董事會核准資本預算" in found.output


def test_a_traditional_report_is_weighed_as_its_simplified_twin_on_the_front_page() -> None:
    from dataclasses import replace

    from digests.grouping import find_stories
    from digests.ranking import score_parts
    from tests.test_dedup import art

    cn = art("c", "国务院：全国多地遭遇暴雨 死亡人数升至12人", "新华社北京8日电，全国多地遭遇强降雨。", outlet="新华社")
    hk = replace(
        art("h", "國務院：全國多地遭遇暴雨 死亡人數升至12人", "新華社北京8日電，全國多地遭遇強降雨。"),
        outlet="新華社",
    )
    since, until = cn.published - timedelta(hours=12), cn.published + timedelta(hours=12)
    parts = [dict(score_parts(find_stories([a])[0], a, since, until)) for a in (cn, hk)]
    assert parts[0]["official"] > 0 and parts[0]["reach"] > 0 and parts[0]["magnitude"] > 0
    assert parts[1] == parts[0]
