#!/usr/bin/env python3
"""bench/ttytime.py: a terminal program's first paint and keypress latency,
measured in tmux, for bench/compare.sh.

  ttytime.py paint  --marker TEXT [--runs N] -- CMD...
  ttytime.py keys   --ready TEXT [--pre KEY] [--presses N] -- CMD...

paint starts a shell in a new 120x40 tmux session that waits for a line
and then execs CMD; it sends that line and polls capture-pane until the
screen shows TEXT, and prints the median time from the line to TEXT in
ms: the program's start to its first paint, without tmux's own start
(about 100 ms here, which is what a bare `echo` costs when timed from a
new session).

keys starts CMD, waits until the screen shows TEXT, sends --pre (such as
Enter, to open a feed) and lets the screen settle; then, through
pipe-pane, it times each of --presses keys (j and k in turn, so that the
screen always changes) from sending it to the first byte the program
writes back, and prints the median and the 90th percentile in ms. The
time includes one `tmux send-keys` (about a millisecond); compare tools
within a run.

Each session runs on a tmux socket of its own, killed at the end.
"""
import argparse
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

SOCKET = "sokbo-ttytime-%d" % os.getpid()


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout


def start(cmd):
    env = "env LANG=C.UTF-8 TERM=xterm-256color "
    tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "40", env + " ".join(cmd))


def screen():
    return tmux("capture-pane", "-p", "-t", "t", check=False)


def stop():
    tmux("kill-server", check=False)
    time.sleep(0.3)


def wait_for(text, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in screen():
            return True
    return False


def paint(args):
    times = []
    for _ in range(args.runs):
        start(["sh", "-c", "'read go && exec \"$0\" \"$@\"'"] + args.cmd)
        time.sleep(0.3)  # the shell waits in read
        t0 = time.monotonic()
        tmux("send-keys", "-t", "t", "Enter")
        ok = wait_for(args.marker)
        t = time.monotonic() - t0
        last = screen()
        stop()
        if not ok:
            sys.exit("ttytime: %r never showed %r; the screen:\n%s" % (args.cmd, args.marker, last))
        times.append(t * 1000)
    print(round(statistics.median(times)))


def drain(fd, quiet):
    """Read until nothing comes for quiet seconds."""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return
        if not os.read(fd, 1 << 16):
            return


def keys(args):
    start(args.cmd)
    try:
        if not wait_for(args.ready):
            sys.exit("ttytime: %r never showed %r" % (args.cmd, args.ready))
        if args.pre:
            tmux("send-keys", "-t", "t", args.pre)
        time.sleep(1.0)
        d = tempfile.mkdtemp()
        fifo = os.path.join(d, "out")
        os.mkfifo(fifo)
        tmux("pipe-pane", "-o", "-t", "t", "cat > " + fifo)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        drain(fd, 0.3)
        times = []
        for i in range(args.presses):
            key = "j" if i % 2 == 0 else "k"
            t0 = time.monotonic()
            subprocess.run(["tmux", "-L", SOCKET, "send-keys", "-t", "t", key], check=True)
            r, _, _ = select.select([fd], [], [], 2.0)
            if not r:
                sys.exit("ttytime: no output after key %d" % i)
            times.append((time.monotonic() - t0) * 1000)
            drain(fd, 0.05)
        os.close(fd)
        times.sort()
        print("%.1f %.1f" % (statistics.median(times), times[int(len(times) * 0.9) - 1]))
    finally:
        stop()


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="what", required=True)
    a = sub.add_parser("paint")
    a.add_argument("--marker", required=True)
    a.add_argument("--runs", type=int, default=10)
    a.add_argument("cmd", nargs="+")
    b = sub.add_parser("keys")
    b.add_argument("--ready", required=True)
    b.add_argument("--pre", default="")
    b.add_argument("--presses", type=int, default=40)
    b.add_argument("cmd", nargs="+")
    args = p.parse_args()
    {"paint": paint, "keys": keys}[args.what](args)


if __name__ == "__main__":
    main()
