"""Start the full-screen app: load content, open the store, run, and report fatal errors."""

from __future__ import annotations

import gc
import logging
import os
import sys

from tui import paths


def launch(data_dir_override: str | None) -> int:
    """Run the TUI and return the process exit code."""
    # Start-up allocates a great deal and frees almost nothing: cyclic collections then only
    # walk live objects (one full collection cost ~40 ms before the first frame). Collection
    # stays off until the first frame is out (`FootpainApp.finish_start` turns it back on),
    # and what the imports built is frozen, so later collections never walk it again.
    gc.disable()
    from tui.content_cache import load_app_content
    from tui.domain.content import ContentError

    try:
        content = load_app_content()
    except ContentError as error:
        print(f"footpain: the built-in content is broken: {error}", file=sys.stderr)
        return 1
    data = paths.data_dir(data_dir_override)
    try:
        data.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(data, 0o700)
    except OSError as error:
        print(f"footpain: cannot use the data folder {data}: {error}", file=sys.stderr)
        return 1
    log_path = paths.log_file(data)
    os.close(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    os.chmod(log_path, 0o600)  # it names the user's files; keep it as private as they are
    logging.basicConfig(
        filename=log_path,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from tui.app import FootpainApp

    gc.freeze()
    app = FootpainApp(data, content=content)
    result = app.run()
    return int(result or 0)
