"""Stories: the articles of a window grouped so that one event is one digest item.

Two articles are joined when

* digests/dedup.py finds them **duplicates** (copies, reprints, a flash and its longer article)
  or **updates** (successive readings of one running figure), or
* digests/similarity.py finds them one **event** (other outlets' wording: rare character grams
  shared, no conflicting securities codes or headline figures).

Stories are the connected groups (single link).  Each keeps the links that made it, so
``newsbot stories`` can say why two articles are shown together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from digests.dedup import DedupParams, Relation, distinct_outlets, media_count, related_pairs
from digests.names import NameIndex, broad_name
from digests.records import Article
from digests.similarity import (
    EventIndex,
    SimilarityParams,
    announcer,
    conflicting,
    different_securities,
    entity_swap,
    normalized,
    one_release,
)
from digests.templates import TemplateShapes
from digests.themes import ThemeSizes, subjects_of


@dataclass(frozen=True)
class GroupingParams:
    dedup: DedupParams = field(default_factory=DedupParams)
    similarity: SimilarityParams = field(default_factory=SimilarityParams)


@dataclass(frozen=True)
class Link:
    """Why two articles are in one story."""

    a: str  # article ids
    b: str
    relation: Relation
    score: float  # shingle Jaccard for duplicates and updates, rare-gram cosine for events

    def why(self) -> str:
        names = {"duplicate": "同文/转载", "update": "滚动更新", "event": "同一事件"}
        return f"{names[self.relation]} ({self.score:.2f})"


@dataclass(frozen=True)
class Story:
    """Articles that carry one piece of news.

    ``versions`` groups copies and other outlets' wording; running updates make further
    versions, oldest first.  ``articles`` is every member, oldest first.
    """

    articles: tuple[Article, ...]
    versions: tuple[tuple[Article, ...], ...]
    links: tuple[Link, ...] = ()

    @property
    def latest_version(self) -> tuple[Article, ...]:
        return self.versions[-1]

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct known outlets of the story (running updates are not coverage)."""
        return distinct_outlets(self.latest_version)

    @property
    def all_outlets(self) -> tuple[str, ...]:
        return distinct_outlets(self.articles)

    def without(self, hide: Callable[[Article], bool]) -> Story | None:
        """The story as a chat that hides some articles sees it (None when nothing is left)."""
        versions = tuple(v for v in (tuple(a for a in version if not hide(a)) for version in self.versions) if v)
        if not versions:
            return None
        kept = {a.id for v in versions for a in v}
        links = tuple(link for link in self.links if link.a in kept and link.b in kept)
        return Story(tuple(a for a in self.articles if a.id in kept), versions, links)


def _order_key(article: Article) -> tuple:
    return (article.published, article.id)


def story_links(
    articles: Sequence[Article], params: GroupingParams | None = None, *, index: EventIndex | None = None
) -> list[tuple[int, int, Link]]:
    """Every joining pair (i < j) with its reason.

    Copies and updates join at once.  An event pair joins two groups only when the groups agree
    on average (mean rare cosine, copies counting 1): a day of typhoon news is many events that
    each resemble the next, and single links would chain them into one item.
    """
    params = params or GroupingParams()
    links: dict[tuple[int, int], Link] = {}
    # Identical texts, however many (a wire story every outlet reprints), by one key each.
    first_of: dict[str, int] = {}
    for j, article in enumerate(articles):
        text = normalized(article.title) + "\0" + normalized(" ".join(article.paragraphs))[:300]
        i = first_of.setdefault(text, j)
        if i != j:
            links[(i, j)] = Link(articles[i].id, article.id, "duplicate", 1.0)
    for i, j, score in related_pairs(articles, params.dedup):
        if (i, j) in links:
            continue
        if score.relation == "event":
            continue  # dedup's figure rule is superseded by the similarity model below
        if score.relation == "duplicate" and (
            conflicting(articles[i], articles[j]) or entity_swap(articles[i].title, articles[j].title)
        ):
            continue  # one template, two securities or two counties: "copies" only of the template
        if score.relation == "update" and (
            different_securities(articles[i], articles[j]) or entity_swap(articles[i].title, articles[j].title)
        ):
            continue  # another stock's or fund's reading is not an update of this one
        assert score.relation is not None
        links[(i, j)] = Link(articles[i].id, articles[j].id, score.relation, round(score.jaccard, 3))
    index = index or EventIndex(articles, params.similarity)
    overlaps = index.rare_overlaps()
    groups = _Groups(len(articles))
    for i, j in links:
        groups.union(i, j)
    events = sorted(index.same_event_pairs(overlaps), key=lambda s: (-s.rare, s.i, s.j))
    for sim in events:
        key = (min(sim.i, sim.j), max(sim.i, sim.j))
        if key in links or groups.find(sim.i) == groups.find(sim.j):
            continue
        if entity_swap(articles[sim.i].title, articles[sim.j].title):
            continue  # one template, two entities (two companies' shareholder meetings)
        # One document reported by two issuers' headlines needs no agreement of the wider groups.
        release = one_release(articles[sim.i].title, articles[sim.j].title)
        if release or groups.mean_between(sim.i, sim.j, overlaps, links) >= params.similarity.group_mean:
            groups.union(sim.i, sim.j)
            links[key] = Link(articles[key[0]].id, articles[key[1]].id, "event", round(sim.rare, 3))
    return [(i, j, link) for (i, j), link in sorted(links.items())]


class _Groups:
    """Union-find that also knows each group's members (for the mean agreement of two groups)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            keep, gone = min(rx, ry), max(rx, ry)
            self.parent[gone] = keep
            self.members[keep] += self.members.pop(gone)

    def mean_between(
        self, x: int, y: int, overlaps: dict[tuple[int, int], float], links: dict[tuple[int, int], Link]
    ) -> float:
        a, b = self.members[self.find(x)], self.members[self.find(y)]
        total = 0.0
        for i in a:
            for j in b:
                key = (min(i, j), max(i, j))
                total += 1.0 if key in links else overlaps.get(key, 0.0)
        return total / (len(a) * len(b))


MIN_TOPIC_WINDOW = 100
MAX_TOPIC = 60


# What the ranking reads in a story's text: official, reach, magnitude, and whether it is a template.
TextWeights = tuple[float, float, float, bool]


@dataclass(frozen=True)
class Grouping:
    """A window's stories, and the topic each article belongs to."""

    stories: list[Story]
    topic_of: dict[str, int]  # article id → topic number
    topic_size: dict[int, int]  # topic number → articles on it
    topic_outlets: dict[int, int] = field(default_factory=dict)  # topic number → distinct known outlets
    names: NameIndex | None = None  # headline names (windows of MIN_TOPIC_WINDOW articles or more)
    templates: TemplateShapes | None = None  # the window's headline skeletons (ranking reuses them)
    themes: ThemeSizes | None = None  # the window's running subjects (a flood's many reports), by headline
    subject_of_name: dict[str, frozenset[str]] = field(default_factory=dict)  # 涿州 → {"floods"} that day
    topic_of_name: dict[str, int] = field(default_factory=dict)  # a broad name → the topic most of its headlines are on
    topic_media: dict[int, int] = field(default_factory=dict)  # topic number → media that reported it, told
    # What the ranking reads in a story's text (official, reach, magnitude, template), worked out once
    # per story and representative while the window is kept: a reader's /digest only re-adds it.
    text_weights: dict[tuple[str, str, int], TextWeights] = field(default_factory=dict, compare=False, repr=False)

    def topic_articles(self, story: Story) -> int:
        """Articles on the story's topic (at least the story's own)."""
        return max(len(story.articles), self.topic_size.get(self.topic_of.get(story.articles[0].id, -1), 0))

    def media_on_topic(self, story: Story) -> int:
        """The media that reported the story's topic, as a reader is told (one house once, no bodies)."""
        return self.topic_media.get(self.topic_of.get(story.articles[0].id, -1), 0)

    def outlets_on_topic(self, story: Story) -> int:
        """Distinct known outlets that reported on the story's topic or named its subject in a headline
        (at least the story's own)."""
        own = len(story.all_outlets)
        topic = self.topic_of.get(story.articles[0].id, -1)
        named = 0
        if self.names is not None:
            # A specific name (惠誉, 尼日尔, 涿州) is one subject however many angles it has; a broad one
            # (加拿大, 成都) only where most of its headlines are (its topic) or in a running subject:
            # a prime minister's separation lends nothing to the country's wildfires.
            subject = [
                n
                for n in self.names.names(story.articles)
                if not broad_name(n) or self.topic_of_name.get(n) == topic or n in self.subject_of_name
            ]
            # A name shared in headlines is a looser tie than one topic: it lends half its outlets.
            named = max((self.names.outlets.get(n, 0) for n in subject), default=0) // 2
        return max(own, named, self.topic_outlets.get(topic, 0))

    def running_subjects(self, story: Story) -> frozenset[str]:
        """The running subjects (digests/themes.py) the story's headlines name."""
        if self.themes is None:
            return frozenset()
        named = self.names.names(story.articles) if self.names is not None else frozenset()
        return frozenset().union(
            *(subjects_of(a.title) for a in story.articles), *(self.subject_of_name.get(n, ()) for n in named)
        )

    def name_coverage(self, story: Story) -> tuple[int, int]:
        """The reports and the outlets that named the story's specific subject in a headline that day
        (惠誉: the Treasury's answer, Fitch's reply, the yields, the analysts), the most of any name:
        the coverage an item standing for the subject is told beside its own; (0, 0) with none."""
        if self.names is None:
            return 0, 0
        names = [n for n in self.subject_names(story) if not broad_name(n)]
        return max(((self.names.reports[n], self.names.outlets[n]) for n in names), default=(0, 0))

    def subject_names(self, story: Story) -> frozenset[str]:
        """The names in the story's headlines that several outlets carried: its subject."""
        if self.names is None:
            return frozenset()
        return frozenset(n for n in self.names.names(story.articles) if n in self.names.outlets)


def group(articles: Sequence[Article], params: GroupingParams | None = None) -> Grouping:
    """Stories, and topics: the looser groups of stories that share rare names (one typhoon's warnings,
    landfall and evacuations; one case's arrest and indictment), joined by single link above
    ``similarity.topic`` but never through automated template reports."""
    params = params or GroupingParams()
    index = EventIndex(articles, params.similarity)
    stories = find_stories(articles, params, index=index)
    templates = TemplateShapes(articles)
    topics = _Groups(len(articles))
    position = {a.id: i for i, a in enumerate(articles)}
    for story in stories:
        for a in story.articles[1:]:
            topics.union(position[story.articles[0].id], position[a.id])
    template = [templates.is_template(a) for a in articles]
    # A small window (one site's day) has too few articles to tell a topic's shared names from
    # common words: its topics are its stories.
    overlaps = index.rare_overlaps() if len(articles) >= MIN_TOPIC_WINDOW else {}
    # Strongest links first, and no topic past MAX_TOPIC articles: single links through a day of
    # news would otherwise chain floods, arrests and markets into one "topic".
    strong = sorted(
        ((rare, i, j) for (i, j), rare in overlaps.items() if rare >= params.similarity.topic), reverse=True
    )
    for _, i, j in strong:
        ri, rj = topics.find(i), topics.find(j)
        if ri == rj or template[i] or template[j] or len(topics.members[ri]) + len(topics.members[rj]) > MAX_TOPIC:
            continue
        if not conflicting(articles[i], articles[j]):
            topics.union(i, j)
    # One national body's announcements of the day are one topic (公安部's new rules on residence
    # permits, licences and traffic, four headlines of one press conference): one item and its 相关.
    first_of_body: dict[str, int] = {}
    for i, a in enumerate(articles if len(articles) >= MIN_TOPIC_WINDOW else ()):
        body = announcer(a.title)
        if body is not None and not template[i]:
            j = first_of_body.setdefault(body, i)
            ri, rj = topics.find(i), topics.find(j)
            if ri != rj and len(topics.members[ri]) + len(topics.members[rj]) <= MAX_TOPIC:
                topics.union(i, j)
    topic_of = {a.id: topics.find(i) for i, a in enumerate(articles)}
    members: dict[int, list[Article]] = defaultdict(list)
    for a in articles:
        members[topic_of[a.id]].append(a)
    outlets = {t: len(distinct_outlets(arts)) for t, arts in members.items() if len(arts) > 1}
    media = {t: media_count(distinct_outlets(arts)) for t, arts in members.items() if len(arts) > 1}
    names = NameIndex(articles) if len(articles) >= MIN_TOPIC_WINDOW else None
    themes = ThemeSizes(articles) if len(articles) >= MIN_TOPIC_WINDOW else None
    sizes = {t: len(arts) for t, arts in members.items()}
    subject_of_name = _names_of_subjects(articles, names) if names is not None else {}
    topic_of_name = _topics_of_names(articles, names, topic_of) if names is not None else {}
    return Grouping(stories, topic_of, sizes, outlets, names, templates, themes, subject_of_name, topic_of_name, media)


NAME_ON_TOPIC = 0.5  # share of a name's headlines on one topic before the name stands for that topic


def _topics_of_names(articles: Sequence[Article], names: NameIndex, topic_of: dict[str, int]) -> dict[str, int]:
    """The topic each broad several-outlet name is mostly about: 加拿大 → a prime minister's separation;
    成都, named by the Games, a heatwave and a company's advert, is about no one topic."""
    topics: dict[str, Counter[int]] = defaultdict(Counter)
    for a in articles:
        for name in names.of.get(a.id, ()):
            if name in names.outlets and broad_name(name):
                topics[name][topic_of[a.id]] += 1
    out = {}
    for name, counts in topics.items():
        topic, count = counts.most_common(1)[0]
        if count >= NAME_ON_TOPIC * sum(counts.values()):
            out[name] = topic
    return out


NAME_IN_SUBJECT = 3  # headlines naming a place before it can belong to a running subject
NAME_SHARE = 0.4  # ... and the share of them about the subject (the rest are its rescues, donations, losses)


def _names_of_subjects(articles: Sequence[Article], names: NameIndex) -> dict[str, frozenset[str]]:
    """Names many of whose headlines are about one running subject (涿州 on a flood day): a report
    naming them is part of that subject even when its own headline says nothing of the flood
    (涿州是出版业的物流重镇)."""
    seen: dict[str, list[frozenset[str]]] = defaultdict(list)
    for a in articles:
        of_title = subjects_of(a.title)
        for name in names.of.get(a.id, ()):
            seen[name].append(of_title)
    out: dict[str, frozenset[str]] = {}
    for name, per_headline in seen.items():
        if len(per_headline) >= NAME_IN_SUBJECT:
            held = frozenset(
                t
                for t in frozenset().union(*per_headline)
                if sum(t in s for s in per_headline) >= NAME_SHARE * len(per_headline)
            )
            if held:
                out[name] = held
    return out


def find_stories(
    articles: Sequence[Article], params: GroupingParams | None = None, *, index: EventIndex | None = None
) -> list[Story]:
    """Group articles into stories; deterministic: ordered by their first article's time and id."""
    story_of, version_of = _Groups(len(articles)), _Groups(len(articles))
    links = story_links(articles, params, index=index)
    for i, j, link in links:
        story_of.union(i, j)
        if link.relation != "update":
            version_of.union(i, j)

    groups: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for idx, article in enumerate(articles):
        groups[story_of.find(idx)][version_of.find(idx)].append(article)
    links_of: dict[int, list[Link]] = defaultdict(list)
    for i, _, link in links:
        links_of[story_of.find(i)].append(link)

    stories = []
    for root, versions in groups.items():
        ordered = sorted((sorted(v, key=_order_key) for v in versions.values()), key=lambda v: _order_key(v[0]))
        members = sorted((a for v in ordered for a in v), key=_order_key)
        stories.append(Story(tuple(members), tuple(tuple(v) for v in ordered), tuple(links_of[root])))
    stories.sort(key=lambda s: _order_key(s.articles[0]))
    return stories
