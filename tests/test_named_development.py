"""Of one name's stories across topics (惠誉), the day's later development stands for the name."""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_dedup import art


def test_a_names_later_development_on_another_topic_takes_the_earlier_storys_place() -> None:
    from digests.grouping import Story, find_stories
    from digests.lineup import Ranked, _newest_named

    treasury = art("t", "美国财政部：惠誉下调评级的影响有限", "财政部助理部长表示影响有限。", "00:25")
    reply = art("r", "惠誉回应下调美国信用评级：债务堆积如山", "惠誉首席分析师说，美国债务堆积如山。", "16:18")
    soon = art("s", "惠誉：降级决定经过慎重考虑", "惠誉称，降级决定经过慎重考虑。", "01:10")
    other = art("o", "公安部：全面放宽大城市落户条件", "公安部3日表示，全面放宽大城市落户条件。", "15:50")
    by_id = {s.articles[0].id: s for s in find_stories([treasury, reply, soon, other])}

    def ranked(aid: str, score: float) -> Ranked:
        story: Story = by_id[aid]
        return Ranked(score, story, story.articles[-1], (), 1)

    names = {"t": {"惠誉"}, "r": {"惠誉"}, "s": {"惠誉"}, "o": {"公安部"}}
    grouped = SimpleNamespace(subject_names=lambda s: frozenset(names[s.articles[0].id]))
    page = _newest_named([ranked("t", 8.5), ranked("o", 8.0), ranked("r", 7.7)], grouped)
    assert [r.story.articles[0].id for r in page] == ["r", "o", "t"]  # Fitch's reply stands for the name
    # not a copy-fresh telling an hour later, nor one far behind, nor a story on another name
    assert _newest_named([ranked("t", 8.5), ranked("s", 8.4)], grouped)[0].story is by_id["t"]
    assert _newest_named([ranked("t", 8.5), ranked("r", 5.0)], grouped)[0].story is by_id["t"]
    assert _newest_named([ranked("t", 8.5), ranked("o", 8.4)], grouped)[0].story is by_id["t"]
    # nor a reaction fewer outlets carried than the event it follows
    cut = [
        art(f"c{k}", "惠誉下调美国长期信用评级至AA+", "惠誉将美国评级下调至AA+。", f"00:1{k}", outlet=o)
        for k, o in enumerate(["财联社", "新华社"])
    ]
    [event] = find_stories(cut)
    names["c0"] = {"惠誉"}
    widely = Ranked(8.5, event, event.articles[-1], (), 1)
    assert _newest_named([widely, ranked("r", 7.7)], grouped)[0].story is event
