"""Import scale: `footpain log import` of a 500-activity folder (issue 17: "a few seconds").

    python bench/importscale.py            # median of 3 imports, each into a fresh data folder
    python bench/importscale.py --quick    # one of each
    python bench/importscale.py --fresh    # make the folder again first

The folder holds two years of a runner's recordings as a watch and a phone leave them:
300 FIT files (a watch recording a point every 3 s, "smart" recording), 125 GPX (a phone app,
a point every 2 s) and 75 gzipped TCX (a point every 2 s), each 25 to 75 minutes, all
different activities (so every one is added). FIT files are written with fit-tool, which
takes a few minutes; the folder is kept in the user's cache folder
(`~/.cache/footpain-bench/`) and reused.

Figures:
- import 500 (CLI, wall time): `python -m tui log import DIR` into an empty data folder,
  Python start-up included, as a runner pays it; the budget is the issue's "a few seconds",
  read as 5 s;
- import again: the same folder into the folder just filled (every activity already there);
- read in one process: `tui.importers.read_paths` with `workers=1` (no worker processes),
  in this process, to show what the workers save and what each format costs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))  # first: the tests package here, not any other "tests"

from common import PYTHON, compile_bytecode, median  # noqa: E402

COUNTS = {"fit": 300, "gpx": 125, "tcx.gz": 75}
STEP_S = {"fit": 3, "gpx": 2, "tcx.gz": 2}
VERSION = "v1"
BUDGET_S = 5.0


def cache_dir() -> Path:
    """Where the generated folder is kept between runs."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "footpain-bench" / f"import-500-{VERSION}"


def _plan() -> list[tuple[str, str, datetime, float, float]]:
    """(file name, kind, start, seconds, metres) for every activity, the same each time."""
    rng = random.Random(17)
    kinds = [k for k, n in COUNTS.items() for _ in range(n)]
    rng.shuffle(kinds)
    start = datetime(2024, 3, 1, 6, 30, tzinfo=UTC)
    plan = []
    for number, kind in enumerate(kinds):
        when = start + timedelta(days=number * 730 / len(kinds), minutes=rng.randint(0, 600))
        seconds = rng.uniform(25, 75) * 60
        metres = seconds * rng.uniform(2.4, 3.4)
        plan.append((f"{number:03d}.{kind}", kind, when, seconds, metres))
    return plan


def _write(item: tuple[str, str, datetime, float, float], folder: str) -> None:
    """Write one activity file (runs in a worker process)."""
    import gzip

    from tests.activity_files import fit_bytes

    name, kind, when, seconds, metres = item
    points = max(2, int(seconds / STEP_S[kind]))
    if kind == "fit":
        data = fit_bytes(when, seconds=seconds, metres=metres, records=points)
    elif kind == "gpx":
        data = _dense_gpx(when, metres, seconds, points)
    else:
        data = gzip.compress(_dense_tcx(when, metres, seconds, points))
    Path(folder, name).write_bytes(data)


def _dense_gpx(when: datetime, metres: float, seconds: float, points: int) -> bytes:
    """A GPX track with a point every few seconds (the test helper's has 61)."""
    from tests.activity_files import gpx_text, track_points

    text = gpx_text(when, km=metres / 1000, seconds=seconds)
    head, _, rest = text.partition("<trkseg>")
    _, _, tail = rest.partition("</trkseg>")
    pts = track_points(when, km=metres / 1000, seconds=seconds, points=points)
    body = "".join(
        f'<trkpt lat="{la:.7f}" lon="{lo:.7f}"><ele>12.0</ele>'
        f"<time>{t:%Y-%m-%dT%H:%M:%SZ}</time><extensions><hr>140</hr></extensions></trkpt>"
        for la, lo, t in pts)
    return f"{head}<trkseg>{body}</trkseg>{tail}".encode()


def _dense_tcx(when: datetime, metres: float, seconds: float, points: int) -> bytes:
    """A one-lap TCX activity with a track point every few seconds."""
    from tests.activity_files import tcx_text

    text = tcx_text(when, laps=((seconds, metres),))
    head, _, rest = text.partition("<Track>")
    _, _, tail = rest.partition("</Track>")
    stamps = (when + timedelta(seconds=seconds * i / (points - 1)) for i in range(points))
    body = "".join(
        f"<Trackpoint><Time>{t:%Y-%m-%dT%H:%M:%SZ}</Time>"
        f"<DistanceMeters>{metres * i / (points - 1):.1f}</DistanceMeters>"
        "<HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>"
        for i, t in enumerate(stamps))
    return f"{head}<Track>{body}</Track>{tail}".encode()


def make_folder(fresh: bool) -> Path:
    """The 500-activity folder, made once (in parallel) and kept in the cache folder."""
    folder = cache_dir()
    done = folder / ".complete"
    if done.exists() and not fresh:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    plan = _plan()
    started = time.perf_counter()
    print(f"making {len(plan)} activity files in {folder} (once; a few minutes)...",
          file=sys.stderr)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write, plan, [str(folder)] * len(plan), chunksize=8))
    done.write_text(f"{len(plan)}\n")
    print(f"made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return folder


def cli_import(folder: Path, data: Path) -> tuple[float, str]:
    """Wall time of `python -m tui log import FOLDER` into a data folder, and its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTPAIN_")}
    env.update(PYTHONPATH=str(ROOT), FOOTPAIN_CONFIG_DIR=str(data.parent / "config"))
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "tui", "--data-dir", str(data), "log", "import",
                           str(folder)], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=600)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr.strip()}")
    return took, done.stdout.strip()


def main() -> int:
    """Make the folder, time the imports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument("--fresh", action="store_true", help="make the folder again")
    args = parser.parse_args()
    folder = make_folder(args.fresh)
    compile_bytecode()
    runs = 1 if args.quick else 3
    first, again, said = [], [], ""
    for _ in range(runs):
        top = Path(tempfile.mkdtemp(prefix="fp-bench-import-"))
        try:
            took, said = cli_import(folder, top / "data")
            first.append(took)
            again.append(cli_import(folder, top / "data")[0])
        finally:
            shutil.rmtree(top, ignore_errors=True)
    from tui.importers import read_paths

    started = time.perf_counter()
    batch = read_paths([str(folder)], tz=UTC, today=datetime.now(UTC).date(), workers=1)
    serial = time.perf_counter() - started
    per_kind: dict[str, list[float]] = {}
    for kind in COUNTS:
        names = sorted(folder.glob(f"*.{kind}"))[:20]
        started = time.perf_counter()
        read_paths([str(p) for p in names], tz=UTC, today=datetime.now(UTC).date(), workers=1)
        per_kind[kind] = [(time.perf_counter() - started) / len(names)]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average {load}")
    print(f"footpain says: {said}")
    wall = median(first) or 0.0
    rows = [
        ("import 500 activities (CLI, wall time, empty log)", f"{wall:.2f} s",
         f"<= {BUDGET_S:g} s", "pass" if wall <= BUDGET_S else "FAIL"),
        ("import the same 500 again (all already there)", f"{median(again):.2f} s", "-", "-"),
        ("read 500 in one process (no workers)", f"{serial:.2f} s", "-", "-"),
        *((f"read one {kind} file (mean of 20)", f"{per_kind[kind][0] * 1000:.0f} ms", "-",
           "-") for kind in COUNTS),
    ]
    print(f"{'figure':<52}  {'footpain':>9}  {'budget':<8}  result")
    for figure, value, budget, result in rows:
        print(f"{figure:<52}  {value:>9}  {budget:<8}  {result}")
    assert len(batch.activities) == sum(COUNTS.values()), batch.skipped[:3]
    return 0 if wall <= BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
