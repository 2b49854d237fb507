"""Reading activities from a watch's or phone's files: FIT, GPX, TCX and Strava exports.

No Textual, Rich or store here (an import-linter contract): `read_paths` turns the PATHs a
runner gives into `ImportedActivity` values and a list of what could not be read, and
`tui.store.imported.save_activities` saves them. The CLI (`footpain log import`) and the Log
tab both go through these two calls:

    batch = read_paths(paths, tz=clock.local_tz(), today=clock.today(), progress=callback)
    saved = save_activities(store.db, batch.activities, clock.local_tz())

The parsing libraries (fitdecode, gpxpy, defusedxml) are imported when a file of their kind
is read, never at start-up. With many files the reading is spread over worker processes
(one per core), since the parsers are pure Python and hold the GIL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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
    single_file: bool = False
    """One PATH naming one file: any problem with it fails the whole import."""


def read_paths(
    paths: list[str], *, tz: tzinfo, today: date,
    progress: Callable[[int, int], None] | None = None, workers: int | None = None,
) -> Batch:
    """Read every activity under the PATHs. Raises InputError for a PATH that is missing or
    of no kind footpain reads; a bad file inside a folder or archive is listed in `skipped`.

    `progress(done, total)` is called as files are read (from this thread). `workers`: how
    many processes read files (default: one per core, for PARALLEL_FROM files or more)."""
    from tui.importers.reading import checked, read_job

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
    for done, (found, skipped) in enumerate(_results(read, plan.jobs, workers), start=1):
        batch.activities.extend(found)
        batch.skipped.extend(skipped)
        if progress is not None:
            progress(done, total)
    return batch


def _results(read, jobs, workers):  # type: ignore[no-untyped-def]
    """Each job's outcome, in order: in worker processes when asked for, else here."""
    if workers <= 1 or len(jobs) < 2:
        yield from map(read, jobs)
        return
    import multiprocessing

    try:
        # forkserver: the Log tab calls this from a thread, and fork after threads is unsafe
        context = multiprocessing.get_context("forkserver")
        pool = context.Pool(workers)
    except (OSError, ValueError):  # no processes here (a sandbox): read them in this one
        yield from map(read, jobs)
        return
    with pool:
        yield from pool.imap(read, jobs, chunksize=4)
