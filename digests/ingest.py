"""Ingest post files into the store: discover, skip unchanged, parse + summarize in parallel, write.

Parsing and summarizing (jieba) are CPU-bound, so large batches run in worker
processes while the parent only writes to SQLite; rescans compare size and
mtime with the ``files`` table first, so unchanged posts are never re-read.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

from digests import hanzi, ingest_log
from digests.clock import running_from
from digests.posts import PARSER_VERSION, POST_SUFFIXES, ParsedPost, PostError, read_post
from digests.records import Article
from digests.store import Store, article_tokens
from digests.summarizer import SUMMARIZER_VERSION, summarize
from digests.word_vectors import warm_up

SUMMARY_SENTENCES = 3
_PARALLEL_THRESHOLD = 64  # below this, starting worker processes costs more than it saves
_CHUNK = 32
_COMMIT_EVERY = 200


log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # Stored posts dated after the run (path, publication time): kept out of "newest" until then.
    future: list[tuple[str, datetime]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + len(self.rejected)

    def summary_line(self) -> str:
        line = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {len(self.rejected)} rejected"
        return line + (f", {len(self.future)} dated in the future" if self.future else "")


@dataclass(frozen=True)
class _Job:
    path: str
    size: int
    mtime_ns: int
    known: bool = True  # the store has seen this path before
    # The path as found (absolute, links not followed): what reports name. ``path`` is the
    # resolved file, the store's identity, which for a link to /dev/zero says /dev/zero.
    shown: str = ""


@dataclass(frozen=True)
class _Outcome:
    job: _Job
    parsed: ParsedPost | None = None
    tokens: tuple[str, str] | None = None  # full-text tokens, computed in the worker
    error: str | None = None


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Post files under ``paths`` (folders recursively, in name order) and paths that do not exist."""
    found: list[Path] = []
    missing: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(root, f) for f in sorted(files) if f.lower().endswith(POST_SUFFIXES) and not f.startswith(".")
                )
        elif path.exists():
            found.append(path)  # a FIFO or device is refused with its reason when read
        else:
            missing.append((str(path), "no such file or folder"))
    return found, missing


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    tz: ZoneInfo,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every post under ``paths``; a broken post is reported and skipped, never fatal.

    The run and its rejects are recorded (digests.ingest_log) for health checks and the dashboard.
    """
    started = now = store.clock()  # a post dated after it is "in the future" (kept, counted)
    files, missing = discover(paths)
    report = IngestReport(rejected=list(missing))
    if on_total:
        on_total(len(files))
    known = store.files.states(parsed_by=PARSER_VERSION)
    jobs: list[_Job] = []
    for path in files:
        try:
            stat = path.stat()
        except OSError as exc:
            report.rejected.append((str(path), f"cannot read file: {exc.strerror or exc}"))
            continue
        key = str(path.resolve())
        if known.get(key) == (stat.st_size, stat.st_mtime_ns):
            report.unchanged += 1
            if progress:
                progress(1)
            continue
        jobs.append(_Job(key, stat.st_size, stat.st_mtime_ns, known=key in known, shown=os.path.abspath(path)))

    outcomes = _process(jobs, tz, workers)
    accepted: list[str] = []
    while True:
        # Commit in batches: one transaction per post would make SQLite's commit the bottleneck.
        batch = list(islice(outcomes, _COMMIT_EVERY))
        if not batch:
            break
        with store.transaction():
            for outcome in batch:
                if outcome.error is not None:
                    report.rejected.append((outcome.job.shown or outcome.job.path, outcome.error))
                else:
                    _store(store, outcome, report)
                    accepted.append(outcome.job.shown or outcome.job.path)
                    assert outcome.parsed is not None
                    if (published := outcome.parsed.article.published) > now:
                        report.future.append((outcome.job.shown or outcome.job.path, published))
        if progress:
            progress(len(batch))
    refresh_summaries(store)
    ingest_log.record_run(
        store.db.conn,
        started_at=started,
        finished_at=store.clock(),
        new=report.new,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
        accepted=accepted,
    )
    return report


async def ingest_in_background(store: Store, paths: Iterable[str | Path], *, tz: ZoneInfo) -> IngestReport:
    """:func:`ingest` from an event loop, in a child process: its own interpreter and GIL, so a
    big or hostile folder costs the loop nothing (a thread would share the GIL with it). The child
    writes through its own connection and may fork parse workers of its own; an in-memory store
    has no file to share and is ingested in a thread instead."""
    path = store.database_file()
    folders = [str(p) for p in paths]
    if path is None:
        return await asyncio.to_thread(ingest, store, folders, tz=tz)
    at = store.clock().isoformat()  # the child's clock goes on from the store's, never its own system clock
    # forkserver: a clean child, never a fork of a process that runs threads and an event loop.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("forkserver"))
    try:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, _ingest_file, str(path), folders, tz.key, store.display_names, at)
    except BrokenProcessPool as exc:
        # The child could not start or died (e.g. killed for memory): the posts still get ingested.
        log.warning("ingest process failed (%s); ingesting in a thread instead", exc)
        return await asyncio.to_thread(_ingest_file, str(path), folders, tz.key, store.display_names, at)
    finally:
        pool.shutdown(wait=False)


def _ingest_file(path: str, folders: list[str], tz_name: str, display_names: dict[str, str], at: str) -> IngestReport:
    store = Store(path, display_names=display_names, clock=running_from(datetime.fromisoformat(at)))
    try:
        return ingest(store, folders, tz=ZoneInfo(tz_name))
    finally:
        store.close()


def _store(store: Store, outcome: _Outcome, report: IngestReport) -> None:
    parsed, job = outcome.parsed, outcome.job
    assert parsed is not None
    result = store.upsert(
        parsed.article, content_hash=parsed.content_hash, summary_version=SUMMARIZER_VERSION, tokens=outcome.tokens
    )
    store.record_file(job.path, job.size, job.mtime_ns, parsed.content_hash, parsed.article.id, known=job.known)
    if result == "new":
        report.new += 1
    elif result == "updated":
        report.updated += 1
    else:
        report.unchanged += 1


def _process(jobs: Sequence[_Job], tz: ZoneInfo, workers: int | None) -> Iterator[_Outcome]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    # Worker processes are forked, and forking a process that runs other threads (the bot's /ingest
    # runs in one) can deadlock them: there, and for small batches, parse in this process.
    fork = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or len(jobs) < _PARALLEL_THRESHOLD or not fork:
        for job in jobs:
            yield _parse_job(job, tz)
        return
    # Load jieba's dictionary (and the script fold table) before forking so the workers share them
    # instead of each loading a copy; gc.freeze keeps the collector from touching (and so copying) those pages.
    warm_up()
    hanzi.warm()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
            # map keeps input order, so reports and ids are deterministic whatever the scheduling.
            for outcomes in pool.map(_parse_chunk, chunks, [tz] * len(chunks)):
                yield from outcomes
    finally:
        gc.unfreeze()


def _parse_chunk(jobs: Sequence[_Job], tz: ZoneInfo) -> list[_Outcome]:
    return [_parse_job(job, tz) for job in jobs]


def _parse_job(job: _Job, tz: ZoneInfo) -> _Outcome:
    try:
        parsed = read_post(Path(job.path), tz)
    except PostError as exc:
        return _Outcome(job, error=str(exc))
    except Exception as exc:
        return _Outcome(job, error=f"unexpected parse error: {type(exc).__name__}: {exc}")
    article = summarized(parsed.article)
    return _Outcome(job, parsed=replace(parsed, article=article), tokens=article_tokens(article))


def summarized(article: Article) -> Article:
    """The article with its key sentences filled in."""
    sentences = summarize(article.paragraphs, title=article.title, sentences=SUMMARY_SENTENCES, lead=article.lead)
    return replace(article, summary=tuple(sentences))


def refresh_summaries(store: Store, batch: int = 500) -> int:
    """Recompute stored summaries made by an older summarizer version; returns how many."""
    done = 0
    while True:
        stale = store.stale_summaries(SUMMARIZER_VERSION, limit=batch)
        if not stale:
            return done
        with store.transaction():
            for article in stale:
                store.set_summary(article.id, summarized(article).summary, SUMMARIZER_VERSION)
        done += len(stale)
