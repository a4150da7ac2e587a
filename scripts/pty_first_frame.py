#!/usr/bin/env python3
"""Time from starting a program to its first screen, in a pseudo-terminal.

usage: scripts/pty_first_frame.py RUNS WORDS CMD [CMD ...]

Each CMD (a command line; leading NAME=VALUE words set the environment) is
started RUNS times, alternating with the others, in a fresh 120x40
pseudo-terminal; the time counts from the fork to the moment WORDS appear
in what the program wrote. Prints each command's median and minimum in ms.
Unlike `ttff`, no terminal emulator or screen polling sits in between: it
measures the program alone (fork and exec included), at sub-millisecond
resolution. Example, in the folder `scripts/big_files.py` writes:

    scripts/pty_first_frame.py 20 'The Ninth Circle' 'less 10m.txt' 'folio 10m.txt'
"""
import fcntl
import os
import pty
import select
import shlex
import signal
import statistics
import struct
import sys
import termios
import time


def first_frame_ms(argv, words):
    """Milliseconds until `words` appear in the output of `argv`, or None."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ.setdefault("TERM", "xterm-256color")
        while argv and "=" in argv[0] and not argv[0].startswith("/"):
            name, value = argv.pop(0).split("=", 1)
            os.environ[name] = value
        os.execvp(argv[0], argv)
    seen, elapsed = b"", None
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if words in seen:
            elapsed = (time.perf_counter() - started) * 1000
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, words, commands = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    times = {command: [] for command in commands}
    for run in range(runs):
        for command in commands if run % 2 == 0 else commands[::-1]:
            times[command].append(first_frame_ms(shlex.split(command), words))
            time.sleep(0.05)
    for command, found in times.items():
        ok = [t for t in found if t is not None]
        if not ok:
            print(f"   never  {command}")
            continue
        print(f"{statistics.median(ok):6.2f} ms  (min {min(ok):.2f}, {len(ok)}/{len(found)} runs)  {command}")


if __name__ == "__main__":
    main()
