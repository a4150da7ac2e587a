#!/usr/bin/env python3
"""Time from asking tmux to start a program to tmux having its first screen.

usage: scripts/tmux_first_frame.py RUNS WORDS CMD [CMD ...]

Each CMD (a command line) runs RUNS times, alternating with the others, in
a fresh tmux server (own socket) with one 120x40 pane, started as `ttff`
starts it (`respawn-pane` on a pane that ran `sleep`). A control-mode
client is attached, so tmux reports the pane's output as it parses it; the
time counts from the `respawn-pane` call to the output that completes
WORDS. Unlike `ttff`, which polls `capture-pane` every few milliseconds,
there is no polling step: about 5 ms of it is tmux starting the pane, the
rest is the program and tmux reading its output. Prints each command's
median and quartiles in ms. Example, in the folder `scripts/big_files.py`
writes:

    scripts/tmux_first_frame.py 20 'The Ninth Circle' 'less 10k.txt' 'folio 10k.txt'
"""
import os
import select
import statistics
import subprocess
import sys
import time


def tmux(socket, *args):
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True)


def start_to_words_ms(command, words, socket):
    """Milliseconds from `respawn-pane` to tmux having `words`, or None."""
    tmux(socket, "new-session", "-d", "-x", "120", "-y", "40", "sleep 1000")
    client = subprocess.Popen(
        ["tmux", "-L", socket, "-C", "attach"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
    )
    try:
        time.sleep(0.2)
        fd = client.stdout.fileno()
        os.set_blocking(fd, False)
        try:
            while os.read(fd, 1 << 16):
                pass
        except BlockingIOError:
            pass
        started = time.perf_counter()
        tmux(socket, "respawn-pane", "-k", "-t", "0", command)
        seen, at = b"", None
        while at is None and time.perf_counter() - started < 5:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                seen += os.read(fd, 1 << 20)
            except BlockingIOError:
                continue
            if words in seen:
                at = time.perf_counter()
        return None if at is None else (at - started) * 1000
    finally:
        client.kill()
        client.wait()
        tmux(socket, "kill-server")
        time.sleep(0.2)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, words, commands = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    times = {command: [] for command in commands}
    for run in range(runs):
        for k, command in enumerate(commands if run % 2 == 0 else commands[::-1]):
            socket = f"first-frame-{os.getpid()}-{run}-{k}"
            times[command].append(start_to_words_ms(command, words, socket))
    for command, found in times.items():
        ok = sorted(t for t in found if t is not None)
        if not ok:
            print(f"   never  {command}")
            continue
        q1, q3 = ok[len(ok) // 4], ok[(3 * len(ok)) // 4]
        print(f"{statistics.median(ok):6.2f} ms  (quartiles {q1:.2f}–{q3:.2f}, {len(ok)}/{len(found)} runs)  {command}")


if __name__ == "__main__":
    main()
