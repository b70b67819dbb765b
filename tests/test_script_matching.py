"""Simplified and Traditional are one text to matching: search, watches, mutes, grouping."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from digests import schema
from digests.grouping import find_stories
from digests.hanzi import fold, to_script
from digests.records import Article
from digests.store import Store
from digests.watching import Matcher, mute_filter, normalize_words
from tests.helpers import CLOCK, MovingClock
from tests.test_dedup import art

# Real-style reports: a Central News Agency (中央社) sentence in Taiwan's script, a Hong Kong
# (明報-style) one, and mainland Simplified reports of the same events.
TW_TSMC = Article(
    id="a01",
    title="臺積電董事會核准資本預算 擴大高雄廠投資",
    published=datetime(2024, 2, 7, 6, 0, tzinfo=UTC),
    paragraphs=(
        "（中央社記者張建中新竹7日電）台積電今天召開董事會，核准約新台幣4,800億元資本預算，"
        "用於擴充先進製程產能，以及高雄廠第二期建廠。",
        "台積電表示，董事會也通過在日本熊本設立第二座晶圓廠的計畫，預計於2027年底量產。",
    ),
)
HK_HSBC = Article(
    id="b01",
    title="滙豐控股第三季除稅前利潤按年升一成",
    published=datetime(2024, 10, 29, 4, 0, tzinfo=UTC),
    paragraphs=(
        "滙豐控股（0005）今日公布第三季業績，除稅前利潤按年上升10%至84.8億美元，勝過市場預期。",
        "集團行政總裁表示，香港業務裏的淨利息收入受惠於高息環境，並宣布回購最多30億美元股份。",
    ),
)
CN_HSBC = Article(
    id="c01",
    title="汇丰控股三季度税前利润同比增长10%",
    published=datetime(2024, 10, 29, 4, 30, tzinfo=UTC),
    paragraphs=("汇丰控股（0005）公布三季度业绩，税前利润同比增长10%至84.8亿美元，好于市场预期。",),
)
CN_NEWS = Article(
    id="c02",
    title="地铁新线路今日开通",
    published=datetime(2024, 10, 30, 4, 0, tzinfo=UTC),
    paragraphs=("北京地铁新线路今日开通运营，车站里面设有便民服务点。",),
)


def _store(*articles: Article) -> Store:
    store = Store(":memory:", clock=MovingClock(CLOCK))
    for article in articles:
        store.upsert(article, content_hash=article.id)
    return store


def test_latest_traditional_query_finds_simplified_article_and_back():
    store = _store(TW_TSMC, HK_HSBC, CN_HSBC, CN_NEWS)
    cn_tsmc = Article(
        id="c03",
        title="台积电董事会批准约4800亿元新台币资本预算",
        published=datetime(2024, 2, 7, 7, 0, tzinfo=UTC),
        paragraphs=("台积电7日召开董事会，批准约4800亿元新台币的资本预算。",),
    )
    store.upsert(cn_tsmc, content_hash="c03")
    assert {a.id for a in store.search("臺積電", order="newest")} == {"a01", "c03"}
    assert {a.id for a in store.search("台积电")} == {"a01", "c03"}
    assert {a.id for a in store.search("滙豐")} == {"b01", "c01"}
    assert {a.id for a in store.search("匯豐 利潤")} == {"b01", "c01"}


def test_regional_variants_are_one_character():
    store = _store(HK_HSBC, CN_NEWS)
    # 裏 (Hong Kong), 裡 (Taiwan) and 里 (mainland); 綫, 線 and 线.
    for query in ("裏", "裡", "里面", "裡面", "業務裡"):
        assert store.search(query, order="newest"), query
    assert [a.id for a in store.search("綫路")] == ["c02"]
    assert [a.id for a in store.search("線路")] == ["c02"]
    assert [a.id for a in store.search("车站裏面")] == ["c02"]


def test_the_stored_article_keeps_the_script_it_was_published_in():
    store = _store(TW_TSMC, HK_HSBC)
    assert store.get("a01") == TW_TSMC
    assert store.get("b01").paragraphs[0].startswith("滙豐控股（0005）今日公布")


def test_every_substring_of_a_traditional_article_is_found_in_either_script():
    store = _store(TW_TSMC, HK_HSBC)
    rng = random.Random(7)
    text = HK_HSBC.paragraphs[0] + HK_HSBC.paragraphs[1]
    for _ in range(100):
        start = rng.randrange(len(text) - 4)
        piece = text[start : start + rng.randint(1, 4)]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in piece):
            continue  # numbers and Latin words are whole tokens (tests/test_store.py)
        # As the reader types it in either script (OpenCC's phrase-aware t2s), and as it folds.
        for query in (piece, to_script(piece, "简"), fold(piece)):
            assert "b01" in {a.id for a in store.search(query, n=5, order="newest")}, query


def test_ranked_search_scores_traditional_text_by_the_folded_query():
    store = _store(TW_TSMC, CN_NEWS)
    headline_only = Article(
        id="a02",
        title="半導體展覽開幕",
        published=datetime(2024, 2, 8, 6, 0, tzinfo=UTC),  # newer: would win a tie
        paragraphs=("展覽期間，台積電等廠商展出新產品。",),
    )
    store.upsert(headline_only, content_hash="a02")
    # 台积电 in the headline and twice in the body beats one mention in the body.
    assert [a.id for a in store.search("台积电")] == ["a01", "a02"]


def test_a_watch_on_traditional_words_fires_on_simplified_text_and_back():
    matcher = Matcher([("w1", "滙豐"), ("w2", "匯豐 利潤"), ("w3", "台积电"), ("w4", "线路")])
    assert sorted(matcher.matches_article(CN_HSBC)) == ["w1", "w2"]
    assert sorted(matcher.matches_article(HK_HSBC)) == ["w1", "w2"]
    assert matcher.matches_article(TW_TSMC) == ["w3"]
    assert matcher.matches_article(CN_NEWS) == ["w4"]
    # One watch, whichever script it was typed in.
    assert normalize_words("滙豐") == normalize_words("汇丰") == normalize_words("匯豐")


def test_a_mute_word_hides_the_other_script_in_lists_and_in_search():
    hides = mute_filter(["汇丰"])
    assert hides is not None and hides(HK_HSBC) and hides(CN_HSBC) and not hides(TW_TSMC)
    store = _store(TW_TSMC, HK_HSBC, CN_HSBC)
    assert [a.id for a in store.search("利潤", exclude=["匯豐"])] == []
    assert [a.id for a in store.search("董事會", exclude=["滙豐"])] == ["a01"]


def test_hong_kong_traditional_and_mainland_simplified_reports_are_one_story():
    # Different outlets' wording (除稅前利潤按年上升 / 税前利润同比增长), one event; another story the same day.
    tsmc_same_day = replace(TW_TSMC, published=datetime(2024, 10, 29, 5, 0, tzinfo=UTC))
    hk = replace(HK_HSBC, outlet="明報")
    cn = replace(CN_HSBC, outlet="中新网")
    stories = find_stories([hk, cn, tsmc_same_day])
    assert sorted(sorted(a.id for a in s.articles) for s in stories) == [["a01"], ["b01", "c01"]]
    together = next(s for s in stories if len(s.articles) == 2)
    assert set(together.outlets) == {"明報", "中新网"}
    assert together.links[0].relation == "event"


def test_the_same_text_in_two_scripts_is_one_copy():
    cn = art("c", "北向资金净流入达30亿元", "截至10时40分，北向资金净流入达30亿元，沪股通净流入18亿元。", "10:40")
    hk = art("h", "北向資金淨流入達30億元", "截至10時40分，北向資金淨流入達30億元，滬股通淨流入18億元。", "10:41")
    stories = find_stories([cn, hk])
    assert len(stories) == 1
    assert stories[0].links and stories[0].links[0].relation == "duplicate"


def test_upgrading_an_older_file_folds_its_index_and_watch_identities(tmp_path: Path):
    path = tmp_path / "old.db"
    store = Store(path, clock=MovingClock(CLOCK))
    store.upsert(HK_HSBC, content_hash="b01")
    store.upsert(CN_NEWS, content_hash="c02")
    conn = store.db.conn
    # What version 6 wrote: the Traditional text's own characters as index tokens.
    conn.execute("DELETE FROM articles_fts WHERE rowid = (SELECT key FROM articles WHERE id = 'b01')")
    conn.execute(
        "INSERT INTO articles_fts(rowid, title, body) SELECT key, '滙豐 豐控 控股 股', '滙豐 豐控 控股 股' "
        "FROM articles WHERE id = 'b01'"
    )
    conn.execute("INSERT INTO chats(chat_id, created_at, updated_at) VALUES (1, '2024', '2024')")
    for norm, words, created in (
        ("滙豐", "滙豐", "2024-01"),
        ("汇丰", "汇丰", "2024-02"),
        ("臺積電", "臺積電", "2024-03"),
    ):
        conn.execute(
            "INSERT INTO watches(chat_id, norm, words, created_at) VALUES (1, ?, ?, ?)", [norm, words, created]
        )
    conn.execute("ALTER TABLE chats DROP COLUMN script")  # added by version 8
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"汇丰\"'").fetchone()[0] == 0
    store.close()

    upgraded = Store(path, clock=MovingClock(CLOCK))
    assert schema.version(upgraded.db.conn) == schema.LATEST
    assert [a.id for a in upgraded.search("汇丰控股")] == ["b01"]
    assert [a.id for a in upgraded.search("滙豐")] == ["b01"]
    rows = upgraded.db.conn.execute("SELECT norm, words FROM watches WHERE chat_id = 1 ORDER BY norm").fetchall()
    # 滙豐 and 汇丰 are one watch now; the words stay as the reader typed them.
    assert sorted(norm for norm, _ in rows) == sorted(["汇丰", "台积电"])
    assert json.dumps(rows, ensure_ascii=False).count("臺積電") == 1
