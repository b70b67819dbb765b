"""The ``newsbot`` command line for the core: ingest, search, categories, stats, export, summarize, digest.

The Telegram commands (``run``, ``chat``) are added by :mod:`bot.cli`; this module never imports telegram.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from digests.config import Config, ConfigError, load_config
from digests.records import Article
from digests.store import Store

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command needs: the configuration and (lazily) the store."""

    def __init__(self, config_path: str | None, db_path: str | None) -> None:
        try:
            self.config: Config = load_config(config_path)
        except ConfigError as exc:
            raise click.ClickException(f"configuration: {exc}") from None
        self.db_path = Path(db_path) if db_path else self.config.store.path
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path, display_names=self.config.categories)
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
    bar_holder: dict[str, Any] = {}

    def on_total(total: int) -> None:
        if not quiet and total:
            bar = click.progressbar(length=total, label="ingesting", file=sys.stderr, show_pos=True)
            bar_holder["bar"] = bar.__enter__()

    def progress(n: int) -> None:
        if "bar" in bar_holder:
            bar_holder["bar"].update(n)

    try:
        report = run_ingest(
            ctx.store, targets, tz=ctx.config.digest.tz, workers=workers, progress=progress, on_total=on_total
        )
    finally:
        if "bar" in bar_holder:
            bar_holder["bar"].__exit__(None, None, None)
    click.echo(report.summary_line())
    for path, reason in report.rejected:
        click.echo(f"rejected {path}: {reason}", err=True)
    if report.rejected:
        sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("-c", "--category", help="Only this category (slug).")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--newest", is_flag=True, help="Newest first instead of best match first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@common_options
def search(ctx: Context, query: str, category: str | None, limit: int, newest: bool, as_json: bool) -> None:
    """Articles whose title or body contains QUERY (Chinese or Latin, any length)."""
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
    click.echo(f"database: {ctx.db_path}")


@cli.command()
@click.option("-c", "--category", help="Only this category (slug).")
@click.option("-o", "--out", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default stdout).")
@common_options
def export(ctx: Context, category: str | None, out: Any) -> None:
    """Write every article as one JSON object per line (oldest first)."""
    tz = ctx.config.digest.tz
    for article in ctx.store.iter_articles(category):
        out.write(json.dumps(article_json(article, tz), ensure_ascii=False) + "\n")


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


def main() -> None:
    cli()
