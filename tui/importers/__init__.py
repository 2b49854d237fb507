"""Reading activities from a watch's or phone's files: FIT, GPX, TCX and Strava exports.

No Textual, Rich or store here (an import-linter contract): `read_paths` turns the PATHs a
runner gives into `ImportedActivity` values and a list of what could not be read, and
`tui.store.imported.save_activities` saves them. The CLI (`footpain log import`) and the Log
tab both go through these two calls:

    batch = read_paths(paths, tz=clock.local_tz(), today=clock.today(),
                       known=known_hashes(store.db), progress=callback)
    saved = save_activities(store.db, batch.activities, clock.local_tz())
    # added: len(saved.added); already in the log: saved.already + batch.already

The parsing libraries (fitdecode, gpxpy, defusedxml) are imported when a file of their kind
is read, never at start-up. With many files the reading is spread over worker processes
(one per core), since the parsers are pure Python and hold the GIL. A file whose hash is
already in the log is counted without being parsed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, tzinfo
from functools import partial

from tui.domain.activities import ImportedActivity
from tui.importers.sources import InputError, collect

__all__ = ["Batch", "InputError", "read_paths"]

PARALLEL_FROM = 24
"""Fewer files than this are read in this process: starting workers costs more."""


@dataclass
class Batch:
    """What reading the PATHs gave."""

    activities: list[ImportedActivity] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(name, reason) for each file or activity that cannot be imported."""
    files: int = 0
    """How many files were read."""
    already: int = 0
    """Files already in the log (by their hash): counted, not parsed."""
    single_file: bool = False
    """One PATH naming one file: any problem with it fails the whole import."""


def read_paths(
    paths: list[str], *, tz: tzinfo, today: date, known: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None, workers: int | None = None,
) -> Batch:
    """Read every activity under the PATHs. Raises InputError for a PATH that is missing or
    of no kind footpain reads; a bad file inside a folder or archive is listed in `skipped`.

    `known`: hashes of files already in the log (`tui.store.imported.known_hashes`).
    `progress(done, total)` is called as files are read (from this thread). `workers`: how
    many processes read files (default: one per core, for PARALLEL_FROM files or more)."""
    from tui.importers.reading import checked, close_archives, read_job, remember_known

    plan = collect(paths)
    batch = Batch(skipped=list(plan.skipped), files=len(plan.jobs),
                  single_file=plan.single_file and len(plan.jobs) == 1)
    kept, dropped = checked(plan.ready, "activities.csv", tz, today)
    batch.activities.extend(kept)
    batch.skipped.extend(dropped)
    total = len(plan.jobs)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if total >= PARALLEL_FROM else 1
    read = partial(read_job, tz=tz, today=today)
    hashes = frozenset(known)
    remember_known(hashes)
    try:
        outcomes = _results(read, plan.jobs, workers, hashes)
        for done, (found, skipped, already) in enumerate(outcomes, start=1):
            batch.activities.extend(found)
            batch.skipped.extend(skipped)
            batch.already += already
            if progress is not None:
                progress(done, total)
    finally:
        close_archives()
        remember_known(frozenset())
    return batch


PARSERS = ("fitdecode", "gpxpy", "gpxpy.gpx", "defusedxml.ElementTree")
"""Imported once in the fork server, so every worker starts with them loaded."""


def _worker_init(known: frozenset[str]) -> None:
    """A worker process's start: the hashes of the files already in the log, and silence.
    Its stderr is the terminal, which the app may be drawing on: no library warning or log
    record may reach it (a file's problems come back as reasons)."""
    import logging
    import warnings

    from tui.importers.reading import remember_known

    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())
    remember_known(known)


def _results(read, jobs, workers, known):  # type: ignore[no-untyped-def]
    """Each job's outcome, in order: in worker processes when asked for, else here. A pool
    that cannot start, or loses a worker, leaves the rest to this process."""
    done = 0
    if workers > 1 and len(jobs) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            # forkserver: the Log tab calls this from a thread; fork after threads is unsafe
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tui.importers.reading", *PARSERS])
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                                       initargs=(known,))
            try:
                for outcome in pool.map(read, jobs, chunksize=4):
                    done += 1
                    yield outcome
            finally:  # Ctrl+C, or the caller gave up: drop the files not yet read
                pool.shutdown(wait=True, cancel_futures=True)
        except (BrokenProcessPool, OSError, ValueError):
            pass  # no processes here (a sandbox), or one died: read the rest in this one
    yield from map(read, jobs[done:])
