"""A subject's other developments under its item: the stories the page leaves out for sharing a name
the day's headlines carry (惠誉: 美国财政部：惠誉下调评级的影响有限 under Goldman's note on the cut;
尼日尔: 西共体谴责在尼日尔发生的未遂政变 under the president's detention).

The front page shows one item per name (digests.frontpage.pick); what the others add is named under
it, as a running subject's other fronts are (digests.lineup.also_reported).
"""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.frontpage import dice, title_grams
from digests.grouping import Grouping, Story
from digests.headlines import headline_quality
from digests.lineup import ALSO, STALE_FRONT, Ranked, front_headline, names_a_front
from digests.names import broad_name, title_names
from digests.regions import regions_of

__all__ = ["named_fronts"]

REACH = 200  # how far down the ranking a subject's other stories are looked for
# 商务部 opening a report names who acted, not its subject; 在…吹风会上 is an occasion, not a headline.
_BODY = hanzi.compile(r"(?:部|办|局|委|院|署|厅|会)$")
_OCCASION = hanzi.compile(r"^在.{2,40}上$")
_NOTICE = hanzi.compile(r"(?:发布|印发|下发)(?:通知|公告|通告)$")  # that a notice came out, not what it says
_OPENING = 80  # characters of the item's report read for the names it opens on
SAME = 0.4  # title-gram Dice at which two headlines tell one thing


def named_fronts(
    item: Ranked, ranked: Sequence[Ranked], grouped: Grouping, on_page: Sequence[Story] = (), *, most: int = ALSO
) -> tuple[str, ...]:
    """Headlines of the best-ranked stories off the page that share a name with ``item``'s story
    (``Grouping.subject_names``), named in both headlines: not a template, filler, yesterday's news,
    what does not tell a front (``lineup.names_a_front``) or a headline telling what one shown already does."""
    head = front_headline(item)
    names = {name for name in grouped.subject_names(item.story) if name in head}  # the subject it is about
    # The item's names as its reader meets them: a teaser's headline (这国总统…) names its country in the text.
    opening = title_names("".join(item.rep.paragraphs)[:_OPENING])
    head_names = title_names(head) | {n for n in opening if not broad_name(n) and not _BODY.search(n)}
    topic = grouped.topic_of.get(item.story.articles[0].id)
    # A running disaster's region told as an item of its own (digests.regions): its other fronts there.
    subjects, region = grouped.running_subjects(item.story), regions_of(item)
    shown = {id(story) for story in on_page} | {id(item.story)}
    seen = [title_grams(head)]
    out: list[str] = []
    for r in ranked[:REACH]:
        if len(out) == most:
            break
        parts = dict(r.parts)
        if id(r.story) in shown or parts["template"] or parts["reach"] < 0 or parts["seen"] < 0:
            continue
        sharing = grouped.subject_names(r.story) & names
        later = grouped.topic_of.get(r.story.articles[0].id) == topic and r.rep.published > item.rep.published
        regional = len(region) == 1 and regions_of(r) == region and grouped.running_subjects(r.story) & subjects
        if not (sharing or later or regional):
            continue  # before its headline is read: 200 stories' headlines would cost the page its speed
        title = front_headline(r)
        # a name's state reported half a day before the item's (卡努升级，秒速35米 at 00:20 under its 20:38
        # super typhoon) is what the item's report has since overtaken
        named = {n for n in sharing if n in title} if r.rep.published >= item.rep.published - STALE_FRONT else set()
        # On the item's topic, a later development naming what the item names, however few outlets named
        # it (尼日尔: 西共体谴责…未遂政变 after the detention; not the week's arms sale under a transit).
        on_topic = later and title_names(title) & head_names
        if not (named or on_topic or regional):
            continue
        grams = title_grams(title)
        if not names_a_front(title) or headline_quality(title) < 0 or _OCCASION.match(title) or _NOTICE.search(title):
            continue
        if any(dice(grams, g) >= SAME for g in seen):
            continue
        seen.append(grams)
        out.append(title)
    return tuple(out)
