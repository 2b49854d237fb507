"""Reading one file: its bytes (from disk or a zip, gunzipped), its format, its activities.

The format comes from the content where it is plain (a FIT header, a GPX or TCX root
element) and from the name otherwise, so `run.gpx` holding TCX is still read, and a broken
`run.fit` is reported as a broken FIT file. Any problem becomes a short reason for that file
alone: a parser library given a hostile file may raise anything, and one bad file must not
stop a folder.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
import zlib
from datetime import date, tzinfo

from tui.domain.activities import ImportedActivity, problem
from tui.domain.journal import ImportSource
from tui.importers.sources import MAX_BYTES, Job, read_file
from tui.importers.strava import with_row

Outcome = tuple[list[ImportedActivity], list[tuple[str, str]], int]
"""The activities read, (name, reason) for what could not be, and 1 for a file already in
the log (recognised by its hash, so not parsed again)."""

_KNOWN: frozenset[str] = frozenset()
"""Hashes of the files already in the log (`remember_known`)."""


def remember_known(hashes: frozenset[str]) -> None:
    """The hashes of files already imported: such a file is counted, not parsed again (a
    Strava export re-imported each month then costs only its new files). Set once per
    process (a worker's initializer)."""
    global _KNOWN
    _KNOWN = hashes


class FileProblem(ValueError):
    """The file's bytes cannot be had (too large, not gzip, unreadable)."""


_ARCHIVES: dict[str, zipfile.ZipFile] = {}
"""Zips kept open while their members are read (a Strava export is read member by member)."""


def _archive(path: str) -> zipfile.ZipFile:
    """The open zip at this path (opened on first use)."""
    archive = _ARCHIVES.get(path)
    if archive is None:
        archive = _ARCHIVES[path] = zipfile.ZipFile(path)
    return archive


def close_archives() -> None:
    """Close the zips kept open for reading (the app lives on after an import)."""
    while _ARCHIVES:
        _ARCHIVES.popitem()[1].close()


def job_bytes(job: Job) -> bytes:
    """The file's uncompressed bytes, at most MAX_BYTES. Raises FileProblem."""
    too_big = FileProblem(f"larger than {MAX_BYTES // (1024 * 1024)} MB uncompressed")
    try:
        if job.member is None:
            data = read_file(job.path)
        else:
            archive = _archive(job.path)
            if archive.getinfo(job.member).file_size > MAX_BYTES:
                raise too_big
            with archive.open(job.member) as handle:
                data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileProblem((error.strerror or str(error)).lower()) from error
    except (zipfile.BadZipFile, EOFError, zlib.error, KeyError) as error:
        raise FileProblem(f"cannot be read from the zip ({error})") from error
    except ValueError as error:
        raise too_big from error
    if len(data) > MAX_BYTES:
        raise too_big
    if job.source_name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = _gunzip(data, too_big)
    return data


def _gunzip(data: bytes, too_big: FileProblem) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_BYTES + 1)
    except EOFError as error:
        raise FileProblem("truncated: the compressed file ends early") from error
    except (gzip.BadGzipFile, zlib.error, OSError) as error:
        raise FileProblem("not a readable gzip file") from error
    if len(out) > MAX_BYTES:
        raise too_big
    return out


def sniff(data: bytes, name: str) -> str | None:
    """"fit", "gpx" or "tcx" from the content, else from the name; None if neither says."""
    if data[8:12] == b".FIT":
        return "fit"
    head = data[:4096]
    if b"TrainingCenterDatabase" in head:
        return "tcx"
    if b"<gpx" in head:
        return "gpx"
    base = name.lower().removesuffix(".gz")
    for kind in ("fit", "gpx", "tcx"):
        if base.endswith("." + kind):
            return kind
    return None


def read_activities(data: bytes, kind: str, source: ImportSource) -> list[ImportedActivity]:
    """The activities in a file of a known format. Raises ValueError with the reason."""
    if kind == "fit":
        from tui.importers.fit import read_fit

        return read_fit(data, source)
    if kind == "gpx":
        from tui.importers.gpx import read_gpx

        return read_gpx(data, source)
    from tui.importers.tcx import read_tcx

    return read_tcx(data, source)


def read_job(job: Job, tz: tzinfo, today: date) -> Outcome:
    """One file's activities (with its Strava row laid over them), or why not."""
    try:
        data = job_bytes(job)
        if not data.strip():
            raise FileProblem("the file is empty")
        kind = sniff(data, job.source_name)
        if kind is None:
            raise FileProblem("not a FIT, GPX or TCX file")
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in _KNOWN:
            return [], [], 1
        source = ImportSource(file=job.source_name[:1000] or "?", format=kind,  # type: ignore[arg-type]
                              sha256=sha256)
        found = read_activities(data, kind, source)
    except ValueError as error:  # FileProblem, FitProblem, XmlProblem
        return [], [(job.name, _first_line(error))], 0
    except RecursionError:
        return [], [(job.name, "nested too deeply to read")], 0
    except Exception as error:  # a parser on a hostile file: any error is that file's
        return [], [(job.name, f"cannot be read ({type(error).__name__}: "
                               f"{_first_line(error)})")], 0
    if job.row is not None:
        found = with_row(found, job.row)
    return (*checked(found, job.name, tz, today), 0)


def checked(found: list[ImportedActivity], name: str, tz: tzinfo,
            today: date) -> tuple[list[ImportedActivity], list[tuple[str, str]]]:
    """The activities that can be entries, and why the others cannot."""
    kept, skipped = [], []
    for activity in found:
        reason = problem(activity, today, tz)
        if reason is None:
            kept.append(activity)
        else:
            skipped.append((name, reason))
    return kept, skipped


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__
