"""Start the full-screen app: load content, open the store, run, and report fatal errors."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable

from tui import paths


def launch(data_dir_override: str | None) -> int:
    """Run the TUI and return the process exit code."""
    gc.disable()  # see `_collect_after_first_frame`
    from tui.domain.content import ContentError
    from tui.paths import cache_dir
    from tui.store.content_cache import start_content

    content_ready = start_content(cache_dir())  # validated meanwhile if the cache is cold
    from tui.store.files import StoreError, private_folder

    data = paths.data_dir(data_dir_override)
    try:
        private_folder(data)
    except StoreError as error:
        print(f"footpain: cannot use the data folder: {error}", file=sys.stderr)
        return 1
    log_path = paths.log_file(data)
    _log_to(log_path)
    from tui.app import FootpainApp

    try:
        content = content_ready()
    except ContentError as error:
        print(f"footpain: the built-in content is broken: {error}", file=sys.stderr)
        return 1
    app = FootpainApp(data, content=content, after_first_frame=_collect_after_first_frame())
    app.run()
    return app.return_code or 0


def _log_to(path: os.PathLike[str]) -> None:
    """Send the app's diagnostics to its log file (it names the user's files: 0600 when
    footpain creates it). A symlink there is never followed, and a file that cannot be
    opened only means no log: the app itself still runs."""
    handler: logging.Handler
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o600)
    except OSError:
        handler = logging.NullHandler()
    else:
        handler = logging.StreamHandler(open(fd, "a", encoding="utf-8", errors="replace"))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _collect_after_first_frame() -> Callable[[], None]:
    """The one place that tunes the garbage collector, and why.

    Start-up allocates a great deal and frees almost nothing, so cyclic collections then only
    walk live objects: one full collection cost ~40 ms before the first frame. `launch`
    turns collection off before the imports; this freezes what the imports built (later
    collections never walk it again) and returns what turns collection back on, which the
    app calls once its first frame is out."""
    gc.freeze()
    return gc.enable
