"""What `footpain log import PATH...` was given, as a list of files to read.

A PATH is a FIT, GPX or TCX file (each may be gzipped), a folder of them (searched in
full, symbolic links not followed), a `.zip` of them, or a Strava bulk export: a folder or
`.zip` with `activities.csv` at its top (or one folder down). Other files in a folder or
archive are passed over; a PATH named on the command line that is none of these is an
error. Nothing is extracted to disk: archive members are read in memory, so a member
called `../../x` is only a name.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tui.domain.activities import ImportedActivity
from tui.importers.strava import (
    CSV_NAME,
    StravaProblem,
    StravaRow,
    read_activities_csv,
    row_activity,
)

MAX_BYTES = 64 * 1024 * 1024
"""The most one file may hold, uncompressed: ten hours of one-second GPX is about 10 MB.
A larger file (or a compressed one that would grow past this) is refused, not read."""
EXTENSIONS = (".fit", ".gpx", ".tcx")


class InputError(ValueError):
    """A PATH that cannot be imported at all (missing, not a kind footpain reads)."""


@dataclass(frozen=True)
class Job:
    """One file to read: on disk, or a member of a zip; with its Strava row, if any."""

    name: str
    """How the user knows it: the path given, or the archive's path and the member's."""
    source_name: str
    """What the entry keeps as its file: the base name, or the path inside an export."""
    path: str
    member: str | None = None
    row: StravaRow | None = None


@dataclass
class Plan:
    """The files to read, activities already known from a CSV, and problems found."""

    jobs: list[Job] = field(default_factory=list)
    ready: list[ImportedActivity] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    single_file: bool = False
    """One PATH, a single file: anything wrong with it fails the import."""


def is_activity_name(name: str) -> bool:
    """Whether a file name is one footpain reads ("run.fit", "x.GPX.gz"; not "._run.fit",
    the resource fork a Mac leaves in archives)."""
    base = name.rsplit("/", 1)[-1].lower()
    if base.startswith("._") or "__macosx/" in name.lower():
        return False
    base = base.removesuffix(".gz")
    return base.endswith(EXTENSIONS)


def read_file(path: str) -> bytes:
    """A file's bytes, at most MAX_BYTES (ValueError past that)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def collect(paths: list[str]) -> Plan:
    """Every file to read under the PATHs given. Raises InputError for a PATH that is
    missing or of no kind footpain reads."""
    plan = Plan(single_file=len(paths) == 1)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            plan.single_file = False
            _add_folder(plan, path)
        elif path.is_file():
            if zipfile.is_zipfile(path):
                plan.single_file = False
                _add_zip(plan, path)
            elif is_activity_name(given) or _looks_like_activity(given):
                plan.jobs.append(Job(name=given, source_name=path.name, path=given))
            else:
                raise InputError(f"{given}: not a FIT, GPX or TCX file, a folder or a zip")
        elif path.exists() or path.is_symlink():
            raise InputError(f"{given}: not a file or folder footpain can read")
        else:
            raise InputError(f"{given}: no such file or folder")
    if not plan.jobs and not plan.ready and not plan.skipped:
        shown = paths[0] if len(paths) == 1 else "the paths given"
        raise InputError(f"{shown}: no FIT, GPX or TCX files there")
    return plan


def _looks_like_activity(path: str) -> bool:
    """A file whose name does not say, but whose first bytes do (a FIT header, a GPX or
    TCX root)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head[8:12] == b".FIT" or b"<gpx" in head or b"TrainingCenterDatabase" in head


def _add_folder(plan: Plan, root: Path) -> None:
    """A folder: a Strava export if it has activities.csv, else every activity file in it
    and below (a Strava export found inside is read as one)."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        here = Path(folder)
        if CSV_NAME in files and _add_strava_folder(plan, here):
            dirs.clear()
            continue
        for name in sorted(files):
            full = here / name
            if full.is_symlink() or not full.is_file():
                continue
            if is_activity_name(name):
                plan.jobs.append(Job(name=str(full), source_name=name, path=str(full)))
            elif name.lower().endswith(".zip") and zipfile.is_zipfile(full):
                _add_zip(plan, full)


def _add_strava_folder(plan: Plan, root: Path) -> bool:
    """An unpacked Strava export: the CSV's rows, their files, and any file it misses.
    False (nothing added) if its activities.csv is not Strava's: a plain folder, then."""
    csv_path = root / CSV_NAME
    try:
        rows = read_activities_csv(read_file(str(csv_path)))
    except StravaProblem:
        return False
    except (OSError, ValueError) as error:
        plan.skipped.append((str(csv_path), _reason(error)))
        return True
    named: set[str] = set()
    for row in rows:
        if not row.filename:
            _add_row(plan, row, f"{csv_path} row {row.line}")
            continue
        relative = PurePosixPath(row.filename.replace("\\", "/"))
        full = root.joinpath(*relative.parts)
        named.add(str(relative))
        if ".." in relative.parts or relative.is_absolute():
            plan.skipped.append((f"{csv_path} row {row.line}",
                                 f"its Filename {row.filename!r} points outside the export"))
        elif full.is_file() and not full.is_symlink():
            plan.jobs.append(Job(name=str(full), source_name=str(relative), path=str(full),
                                 row=row))
        else:
            plan.skipped.append((str(full), "named in activities.csv but not in the export"))
    folder = root / "activities"
    if folder.is_dir() and not folder.is_symlink():
        for name in sorted(os.listdir(folder)):
            relative = f"activities/{name}"
            full = folder / name
            if relative not in named and is_activity_name(name) and full.is_file() \
                    and not full.is_symlink():
                plan.jobs.append(Job(name=str(full), source_name=relative, path=str(full)))
    return True


def _add_row(plan: Plan, row: StravaRow, name: str) -> None:
    """A CSV row with no file (an activity typed on Strava): imported from the row."""
    try:
        plan.ready.append(row_activity(row))
    except StravaProblem as error:
        plan.skipped.append((name, str(error)))


def _add_zip(plan: Plan, path: Path) -> None:
    """A zip: a Strava export if it holds activities.csv at its top (or one folder down),
    else every activity file in it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            names = {i.filename for i in members}
            top = next((n for n in sorted(names, key=len)
                        if n.rsplit("/", 1)[-1] == CSV_NAME and n.count("/") <= 1), None)
            if top is not None:
                _add_strava_zip(plan, path, archive, top, names)
                return
            for info in members:
                if is_activity_name(info.filename):
                    plan.jobs.append(Job(name=f"{path}/{info.filename}",
                                         source_name=info.filename, path=str(path),
                                         member=info.filename))
                elif info.filename.lower().endswith(".zip"):
                    plan.skipped.append((f"{path}/{info.filename}",
                                         "a zip inside a zip: unzip the outer one first"))
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        plan.skipped.append((str(path), f"cannot be read as a zip ({_reason(error)})"))


def _add_strava_zip(plan: Plan, path: Path, archive: zipfile.ZipFile, csv_member: str,
                    names: set[str]) -> None:
    prefix = csv_member[: -len(CSV_NAME)]
    info = archive.getinfo(csv_member)
    if info.file_size > MAX_BYTES:
        plan.skipped.append((f"{path}/{csv_member}", "activities.csv is too large"))
        return
    try:
        rows = read_activities_csv(archive.read(csv_member))
    except (StravaProblem, zipfile.BadZipFile, OSError, EOFError) as error:
        plan.skipped.append((f"{path}/{csv_member}", _reason(error)))
        return
    named: set[str] = set()
    for row in rows:
        if not row.filename:
            _add_row(plan, row, f"{path}/{csv_member} row {row.line}")
            continue
        relative = row.filename.replace("\\", "/").lstrip("/")
        member = prefix + relative
        named.add(member)
        if member in names:
            plan.jobs.append(Job(name=f"{path}/{member}", source_name=relative,
                                 path=str(path), member=member, row=row))
        else:
            plan.skipped.append((f"{path}/{member}",
                                 "named in activities.csv but not in the export"))
    for member in sorted(names - named):
        if member.startswith(prefix + "activities/") and is_activity_name(member):
            plan.jobs.append(Job(name=f"{path}/{member}", source_name=member[len(prefix):],
                                 path=str(path), member=member))


def _reason(error: BaseException) -> str:
    """A short reason from an exception: the OS's words, or the message's first line."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
