#!/usr/bin/env python3
"""Time from starting a program on a pseudo-terminal to its first screen.

usage: scripts/pty_first_frame.py RUNS WORDS CMD [CMD ...]

Each CMD (a command line, split on spaces) runs RUNS times, alternating with
the others, on a fresh 120x40 pseudo-terminal with TERM=tmux-256color and no
terminal emulator at all; the time counts from the fork to the bytes that
complete WORDS in what the program wrote. Unlike `ttff` and
`scripts/tmux_first_frame.py`, tmux plays no part: this is the program's own
start-up and first frame. Prints each command's median, min and max in ms.
Example, in the folder `scripts/big_files.py` writes:

    scripts/pty_first_frame.py 30 'Ninth' 'folio 10k.txt' 'less 10k.txt'
"""
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def start_to_words_ms(argv, words):
    """Milliseconds from the fork to `words` in the output, or None."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["TERM"] = "tmux-256color"
        os.execvp(argv[0], argv)
    seen, at = b"", None
    try:
        while at is None:
            ready, _, _ = select.select([fd], [], [], 5)
            if not ready:
                break
            try:
                seen += os.read(fd, 1 << 16)
            except OSError:
                break
            if words in seen:
                at = (time.perf_counter() - started) * 1000
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return at


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, words, commands = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    times = {c: [] for c in commands}
    for _ in range(runs):
        for command in commands:
            ms = start_to_words_ms(command.split(), words)
            if ms is not None:
                times[command].append(ms)
    for command, found in times.items():
        if not found:
            print(f"  never saw the words ({runs} runs)  {command}")
            continue
        print(
            f"  {statistics.median(found):6.2f} ms  (min {min(found):.2f}, "
            f"max {max(found):.2f}, {len(found)}/{runs} runs)  {command}"
        )


if __name__ == "__main__":
    main()
