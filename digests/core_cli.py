"""The ``newsbot`` command line for the core: ingest, fetch, search, categories, stats, export, summarize, digest,
stories.

The Telegram commands (``run``, ``chat``) are added by :mod:`bot.cli`; this module never imports telegram.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from digests import clock
from digests.config import Config, StoreConfig
from digests.config_file import load_config
from digests.config_values import ConfigError
from digests.records import Article
from digests.schema import SchemaTooNew
from digests.store import Store

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command needs: the configuration and (lazily) the store."""

    def __init__(self, config_path: str | None, db_path: str | None) -> None:
        try:
            self.config: Config = load_config(config_path)
        except ConfigError as exc:
            raise click.ClickException(f"configuration: {exc}") from None
        if db_path:  # --db: resolved here, once; every command reads config.store.path
            self.config = replace(self.config, store=StoreConfig(path=Path(db_path)))
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.config.store.path, display_names=self.config.categories, clock=clock.utc_now)
            except SchemaTooNew as exc:
                raise click.ClickException(str(exc)) from None
        return self._store


def common_options(func: F) -> F:
    """--config and --db on every command, so they work before or after the command name."""

    @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="TOML config file.")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file (overrides store.path).")
    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, config_path: str | None, db_path: str | None, **kwargs: Any) -> Any:
        parent = ctx.find_object(dict) or {}
        context = Context(config_path or parent.get("config"), db_path or parent.get("db"))
        return ctx.invoke(func, context, **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="TOML config file.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file (overrides store.path).")
@click.version_option(package_name="newsbot")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db_path: str | None) -> None:
    """newsbot: Chinese news posts in, short digests out (Telegram bot + tools)."""
    ctx.obj = {"config": config_path, "db": db_path}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--workers", type=int, default=None, help="Parser processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@common_options
def ingest(ctx: Context, paths: tuple[str, ...], workers: int | None, quiet: bool) -> None:
    """Ingest post files or folders (default: posts.dirs from the config).

    Exit status 1 if any file was rejected; the rest are stored all the same.
    """
    from digests.ingest import ingest as run_ingest

    targets = list(paths) or [str(p) for p in ctx.config.posts.dirs]
    with contextlib.ExitStack() as stack:
        bar: Any = None

        def on_total(total: int) -> None:
            nonlocal bar
            if not quiet and total:
                bar = stack.enter_context(
                    click.progressbar(length=total, label="ingesting", file=sys.stderr, show_pos=True)
                )

        def progress(n: int) -> None:
            if bar is not None:
                bar.update(n)

        report = run_ingest(
            ctx.store, targets, tz=ctx.config.posts_tz, workers=workers, progress=progress, on_total=on_total
        )
    click.echo(report.summary_line())
    for path, reason in report.rejected:
        click.echo(f"rejected {path}: {reason}", err=True)
    for path, published in report.future:
        when = published.astimezone(ctx.config.digest.tz).strftime("%Y-%m-%d %H:%M")
        click.echo(f"future {path}: dated {when}; not the newest of its category until then", err=True)
    if report.rejected:
        sys.exit(1)


@cli.command()
@common_options
def fetch(ctx: Context) -> None:
    """Poll every feed source once (sources.feeds and those added with /source add) and store what is new.

    Prints "N new, N updated, N unchanged, N failed" and one line per failed source; exit status 1
    if any failed (the others are stored all the same).
    """
    import asyncio

    from digests.feeds.poll import fetch_all

    report = asyncio.run(fetch_all(ctx.store, ctx.config.sources, tz=ctx.config.posts_tz, clock=clock.utc_now))
    if not report.outcomes:
        click.echo("no feed sources: add [[sources.feeds]] to the config, or /source add in chat", err=True)
    click.echo(report.summary_line())
    for outcome in report.outcomes:
        if outcome.note:
            click.echo(f"cut {outcome.label}: {outcome.note}", err=True)
    for outcome in report.failed:
        click.echo(f"failed {outcome.label} ({outcome.url}): {outcome.error}", err=True)
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("-c", "--category", help="Only this category (slug).")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--newest", is_flag=True, help="Newest first instead of best match first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@common_options
def search(ctx: Context, query: str, category: str | None, limit: int, newest: bool, as_json: bool) -> None:
    """Articles whose title or body contains QUERY (Chinese or Latin, any length).

    Exit status 1 for a blank query, a query with nothing searchable in it, or an unknown category.
    """
    from digests.fts import match_expression

    if not query.strip():
        raise click.ClickException("empty query: give the text to search for")
    if match_expression(query) is None:
        raise click.ClickException(f"nothing to search for in {query!r}: give Chinese characters, letters or digits")
    if category is not None and ctx.store.category(category) is None:
        raise click.ClickException(_unknown_category(ctx, category))
    results = ctx.store.search(query, limit, category=category, order="newest" if newest else "rank")
    tz = ctx.config.digest.tz
    for article in results:
        if as_json:
            click.echo(json.dumps(article_json(article, tz), ensure_ascii=False))
        else:
            when = article.published.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            cats = ",".join(article.categories)
            click.echo(f"{when}  [{cats}] {article.title}  ({article.id})")
    if not results and not as_json:
        click.echo(f"no article contains {query!r}", err=True)


@cli.command()
@common_options
def categories(ctx: Context) -> None:
    """Categories with their display names and article counts."""
    cats = ctx.store.categories()
    if not cats:
        click.echo("no categories yet: run `newsbot ingest` first", err=True)
    width = max((len(c.slug) for c in cats), default=0)
    for cat in cats:
        click.echo(f"{cat.slug:<{width}}  {cat.count:>7}  {cat.display_name}")


@cli.command()
@common_options
def stats(ctx: Context) -> None:
    """Counts of articles, categories and files in the store."""
    for name, value in ctx.store.stats().items():
        click.echo(f"{name}: {value}")
    click.echo(f"database: {ctx.config.store.path}")


@cli.command()
@click.option("-c", "--category", help="Only this category (slug).")
@click.option("-o", "--out", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default stdout).")
@common_options
def export(ctx: Context, category: str | None, out: Any) -> None:
    """Write every article as one JSON object per line (oldest first).

    Exit status 1 for an unknown category, as for search and digest.
    """
    if category is not None and ctx.store.category(category) is None:
        raise click.ClickException(_unknown_category(ctx, category))
    tz = ctx.config.digest.tz
    for article in ctx.store.iter_articles(category):
        out.write(json.dumps(article_json(article, tz), ensure_ascii=False) + "\n")


@cli.command()
@click.argument("source", required=False, default="-", metavar="[FILE|-]")
@click.option("-k", "--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Key sentences.")
@click.option("-m", "--max-chars", type=click.IntRange(10, 100_000), default=None, help="Character budget.")
@click.option(
    "--jsonl",
    "jsonl_in",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    help='Batch: JSON lines with "id", optional "title", "article".',
)
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Batch output (default stdout)."
)
@common_options
def summarize(ctx: Context, source: str, sentences: int, max_chars: int | None, jsonl_in: str | None, out: str) -> None:
    """Print the key sentences of a post (front matter + body) or of plain text.

    With --jsonl, summarize every line of a JSON-lines file and write {"id", "summary"} lines in order.
    """
    from digests.postfiles import MAX_POST_BYTES, PostError, decode_post, read_post_bytes
    from digests.posts import parse_post
    from digests.sentences import paragraphs_of
    from digests.summarizer import summarize as summarize_paragraphs
    from digests.summarizer import summarize_jsonl

    if jsonl_in:
        try:
            written, skipped = summarize_jsonl(jsonl_in, out, sentences, max_chars)
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or out}: {exc.strerror or exc}") from None
        click.echo(f"{written} summarized, {skipped} skipped", err=True)
        if skipped:
            sys.exit(1)
        return
    try:
        # One byte over the limit is enough to refuse it: `< /dev/zero` must not fill memory.
        data = sys.stdin.buffer.read(MAX_POST_BYTES + 1) if source == "-" else read_post_bytes(source)
        text = decode_post(data)
    except OSError as exc:
        raise click.ClickException(f"cannot read {source}: {exc.strerror or exc}") from None
    except PostError as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    title: str | None = None
    lead: str | None = None
    paragraphs: list[str] | tuple[str, ...]
    if text.lstrip().startswith("---"):
        try:
            article = parse_post(text, tz=ctx.config.posts_tz, filename=None if source == "-" else source).article
        except PostError as exc:
            raise click.ClickException(f"{source}: {exc}") from None
        title, paragraphs, lead = article.title, article.paragraphs, article.lead
    else:
        paragraphs = paragraphs_of(text)
    if not any(p.strip() for p in paragraphs):
        raise click.ClickException("no text to summarize")
    for sentence in summarize_paragraphs(paragraphs, title, sentences=sentences, max_chars=max_chars, lead=lead):
        click.echo(sentence)


@cli.command()
@click.option("-c", "--category", required=True, help="Category slug (see `newsbot categories`).")
@click.option("--date", "day", help="Calendar day YYYY-MM-DD in the digest zone (default: the newest article's day).")
@click.option("--format", "fmt", type=click.Choice(["html", "text"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="After the digest, show what each item's score is made of.")
@common_options
def digest(ctx: Context, category: str, day: str | None, fmt: str, explain: bool) -> None:
    """Print the digest of a category for one calendar day (00:00–24:00 in the digest zone)."""
    from digests.digest import UnknownCategory, build_category_digest, newest_day
    from digests.render import render_digest_html, render_digest_text

    tz = ctx.config.digest.tz
    digest_day = parse_date(day) or newest_day(ctx.store, category, tz, now=clock.utc_now())
    if digest_day is None:
        raise click.ClickException(_unknown_category(ctx, category))
    try:
        result = build_category_digest(
            ctx.store,
            category,
            day=digest_day,
            tz=tz,
            top_n=ctx.config.digest.top_n,
            max_chars=ctx.config.digest.max_chars,
        )
    except UnknownCategory:
        raise click.ClickException(_unknown_category(ctx, category)) from None
    render = render_digest_html if fmt == "html" else render_digest_text
    messages = render(result, send_empty=True)
    click.echo("\n\n".join(messages))
    if explain:
        click.echo("\nscore = " + " + ".join(name for name, _ in (result.items[0].score_parts if result.items else ())))
        for number, item in enumerate(result.items, start=1):
            parts = "  ".join(f"{name} {value:g}" for name, value in item.score_parts)
            click.echo(f"{number}. {item.score:.2f}  {parts}  {item.title}")


@cli.command()
@click.option("-c", "--category", required=True, help="Category slug (see `newsbot categories`).")
@click.option("--date", "day", help="Calendar day YYYY-MM-DD in the digest zone (default: the newest article's day).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@common_options
def stories(ctx: Context, category: str, day: str | None, as_json: bool) -> None:
    """Every story of a category's day with its articles and why they were joined (an editor's check)."""
    from digests.digest import day_window, newest_day
    from digests.grouping import find_stories

    tz = ctx.config.digest.tz
    if ctx.store.category(category) is None:
        raise click.ClickException(_unknown_category(ctx, category))
    story_day = parse_date(day) or newest_day(ctx.store, category, tz, now=clock.utc_now())
    if story_day is None:
        raise click.ClickException(_unknown_category(ctx, category))
    since, until = day_window(story_day, tz)
    found = find_stories(ctx.store.in_window(category, since, until))
    found.sort(key=lambda s: (-len(s.articles), s.articles[0].published, s.articles[0].id))
    if not as_json:
        total = sum(len(s.articles) for s in found)
        click.echo(f"{category} · {story_day} · {total} articles in {len(found)} stories")
    for number, story in enumerate(found, start=1):
        members = [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published.astimezone(tz).isoformat(),
                "source_file": a.source_file,
            }
            for a in story.articles
        ]
        links = [{"a": link.a, "b": link.b, "relation": link.relation, "score": link.score} for link in story.links]
        if as_json:
            record = {"story": number, "outlets": list(story.all_outlets), "articles": members, "links": links}
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        outlets = f" · {len(story.all_outlets)} outlets" if len(story.all_outlets) > 1 else ""
        count = f"{len(story.articles)} article" + ("s" if len(story.articles) > 1 else "")
        click.echo(f"\n{number}. [{count}{outlets}] {story.articles[0].title}")
        for a in story.articles:
            when = a.published.astimezone(tz).strftime("%H:%M")
            click.echo(f"   {a.id}  {when}  {a.outlet or '–'}  {a.title}  ({a.source_file or '–'})")
        for link in story.links:
            click.echo(f"   joined: {link.a} ~ {link.b}: {link.why()}")


def _unknown_category(ctx: Context, slug: str) -> str:
    known = ", ".join(c.slug for c in ctx.store.categories()) or "none yet: run `newsbot ingest`"
    return f"unknown category {slug!r} (known: {known})"


def article_json(article: Article, tz: Any) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "topics": list(article.topics),
        "published": article.published.astimezone(tz).isoformat(),
        "categories": list(article.categories),
        "tags": list(article.tags),
        "url": article.url,
        "outlet": article.outlet,
        "byline": article.byline,
        "lead": article.lead,
        "paragraphs": list(article.paragraphs),
        "summary": list(article.summary),
        "source_file": article.source_file,
    }


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None
