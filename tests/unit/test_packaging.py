"""The wheel carries the whole knowledge base, and an installed copy finds it from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once for this module (no network: the build backend is installed)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("footpain-*.whl")
    return found


def test_wheel_carries_every_content_file(wheel: Path) -> None:
    """Each TOML file under content/ is inside the wheel as tui/content/<name>."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = sorted(p.name for p in (ROOT / "content").glob("*.toml"))
    assert expected, "no content files found in the checkout"
    for name in expected:
        assert f"tui/content/{name}" in names
    assert "tui/app.tcss" in names


def test_installed_wheel_loads_content_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    """Installed (not editable) and run from another folder, the app finds its content."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import tui.domain.content as c; from pathlib import Path; "
        f"assert Path(c.__file__).is_relative_to(Path(r'{target}')), c.__file__; "
        "k = c.load_content(); print(c.content_dir(), len(k.conditions))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    folder, count = result.stdout.split()
    assert Path(folder) == target / "tui" / "content"
    assert int(count) >= 10
