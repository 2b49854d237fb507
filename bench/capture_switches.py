"""Save the bytes of each tab switch, to read what a switch costs (a tool, not a figure).

    python bench/capture_switches.py OUT_DIR [--bare]

Writes OUT_DIR/switch-N-KEY.bin for two cycles of 2, 3, 4, 1 and prints a summary per switch:
bytes, escape sequences, SGR (colour) sequences, cursor moves and printed characters.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import bare_argv, footpain_argv, pty_env, scratch  # noqa: E402
from ptyterm import PtyProgram  # noqa: E402
from session import TAB_KEYS  # noqa: E402

ESC = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def summary(data: bytes) -> str:
    """Bytes, escapes by kind, printable characters left."""
    seqs = [m.group(0) for m in ESC.finditer(data)]
    sgr = sum(1 for s in seqs if s.endswith(b"m"))
    moves = sum(1 for s in seqs if s.endswith(b"H"))
    text = ESC.sub(b"", data)
    return (f"{len(data):6d} B  {len(seqs):4d} esc ({sum(map(len, seqs)):5d} B)  {sgr:4d} SGR  "
            f"{moves:3d} moves  {len(text.decode('utf-8', 'replace')):5d} chars")


def main() -> None:
    """Launch, switch twice round, save and summarise."""
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    bare = "--bare" in sys.argv
    with scratch(None) as (data, config):
        argv = bare_argv() if bare else footpain_argv(data)
        program = PtyProgram(argv, pty_env(config), cwd=str(config.parent))
        try:
            first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3)
            (out / "start.bin").write_bytes(bytes(first.text))
            print("start      ", summary(bytes(first.text)))
            program.count_bytes(0.5)
            for n in range(2 * len(TAB_KEYS)):
                key = TAB_KEYS[n % len(TAB_KEYS)]
                burst = program.wait_frame(program.send(key), quiet=0.25, limit=10.0,
                                           keep_text=True, silent_limit=2.0)
                data_ = bytes(burst.text)
                (out / f"switch-{n}-{key.decode()}.bin").write_bytes(data_)
                print(f"switch {n} {key.decode()}", summary(data_))
        finally:
            program.close()


if __name__ == "__main__":
    main()
