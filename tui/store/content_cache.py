"""The validated knowledge base, kept between starts so a start need not import pydantic.

Validating `content/*.toml` means building pydantic's validators, which costs more than the
rest of start-up before the first frame. The content only changes when the app is upgraded
or someone edits it, so the validated `Content` is pickled into the user's cache folder under
a key made of every content file's bytes, the code that shapes and checks them, and the
Python version. Any change to any of those misses the cache and validates again; an edit
that breaks a file is reported exactly as without the cache.

The cache is the user's own: the folder is 0700, the file 0600, and a file that is not
owned by the user or that others could write is ignored (unpickling runs code).
"""

from __future__ import annotations

import logging
import os
import pickle
import stat
import sys
from collections.abc import Callable
from pathlib import Path

try:  # CPython's built-in BLAKE2: `import hashlib` also sets up OpenSSL's digests, which
    # left 0.5 MiB more of libcrypto resident for the whole session (issue 16)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from tui.domain import content as content_module
from tui.domain import content_models
from tui.domain.content import Content, content_dir, load_content

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
"""Bump to throw away every cache written before (also thrown away when the code changes)."""
FILES = (
    "vocabulary.toml", "red_flags.toml", "causes.toml", "first_aid.toml", "conditions.toml",
    "drills.toml", "routines.toml",
)
"""The content files `load_content` reads, in a fixed order for the key."""
PREFIX = "content-"


def cache_key(directory: Path) -> str | None:
    """A digest of everything the validated content depends on; None if a file is unreadable
    (then the normal load reports it)."""
    digest = blake2b(f"{CACHE_FORMAT} {sys.version_info[:2]}".encode(), digest_size=16)
    code = (
        content_models.__file__, content_module.__file__,
        str(Path(content_models.__file__).with_name("content_files.py")),
        str(Path(content_models.__file__).with_name("frozen.py")),  # the pickled state's shape
    )
    try:
        for path in [*(Path(name) for name in code), *(directory / name for name in FILES)]:
            data = path.read_bytes()
            digest.update(f"\0{path.name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()[:32]


def _trusted(st: os.stat_result) -> bool:
    """Owned by this user and not writable by anyone else."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path) -> Content | None:
    """The cached content at path, or None if absent, untrusted or unreadable."""
    try:
        if not _trusted(path.parent.stat()):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            if not _trusted(os.fstat(handle.fileno())):
                log.warning("ignoring %s: not private to this user", path)
                return None
            value = pickle.load(handle)
    except Exception as exc:  # noqa: BLE001 - a bad cache is only a slower start
        log.warning("ignoring the content cache %s: %s", path, exc)
        return None
    return value if isinstance(value, Content) else None


def _write(folder: Path, path: Path, content: Content) -> None:
    """Save content at path and remove caches of older content; failures are only logged."""
    from tui.store.files import StoreError, atomic_write, private_folder

    try:
        private_folder(folder)  # parents 0700 too, whatever the umask; refused if not ours
        if not _trusted(folder.stat()):
            return
        atomic_write(path, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, StoreError) as exc:
        log.warning("could not save the content cache in %s: %s", folder, exc)


def load_content_cached(cache_folder: Path, directory: Path | None = None) -> Content:
    """`load_content`, from the cache when nothing it depends on has changed.

    Raises ContentError like `load_content` when the content is broken (never cached).
    """
    base = Path(directory) if directory is not None else content_dir()
    key = cache_key(base)
    if key is None:
        return load_content(base)
    path = cache_folder / f"{PREFIX}{key}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    content = load_content(base)
    _write(cache_folder, path, content)
    return content


def start_content(cache_folder: Path, directory: Path | None = None) -> Callable[[], Content]:
    """Begin `load_content_cached`; call the function it returns for the content.

    A cache hit is read at once. A miss (the first start, an upgrade, an edit) means about
    200 ms of pydantic, as long as importing Textual and the app, which start-up does next.
    So on a machine with two cores a forked child validates the content and writes the cache
    while this process imports, and the function returned reads the child's result: the
    pickle of the validated content over a pipe, from our own child, so nothing is trusted
    that the cache would not trust. If the child fails in any way (broken content, no fork,
    a signal), the function loads the content here as before, so a broken file is reported
    exactly as without the child. Issue 16: a cold start went from 1.4-1.6x the bare app to
    about what a warm one costs.
    """
    base = Path(directory) if directory is not None else content_dir()
    key = cache_key(base)
    if key is not None and (cached := _read(cache_folder / f"{PREFIX}{key}.pickle")):
        return lambda: cached
    if key is None or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return lambda: load_content_cached(cache_folder, base)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: load_content_cached(cache_folder, base)
    if pid == 0:  # the child: validate, save the cache, hand the result over, leave
        code = 1
        try:
            os.close(read_end)
            content = load_content(base)
            _write(cache_folder, cache_folder / f"{PREFIX}{key}.pickle", content)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing the parent's buffers twice
    os.close(write_end)

    def finish() -> Content:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                value = pickle.loads(data)
            except Exception as exc:  # noqa: BLE001 - then validate here instead
                log.warning("the content child sent something unreadable: %s", exc)
            else:
                if isinstance(value, Content):
                    return value
        return load_content_cached(cache_folder, base)

    return finish


def load_app_content() -> Content:
    """The content for the app and its commands, through the user's cache folder."""
    from tui.paths import cache_dir

    return load_content_cached(cache_dir())
