#!/usr/bin/env python3
"""tcpdump-check.py: the golden NAME.lines beside NAME.pcap, against tcpdump.

A developer tool (see make-pcaps.sh), not run by the tests. For each capture
it runs `tcpdump -r NAME.pcap -nn -S` (real sequence numbers), makes the
numbers relative to each direction's SYN as Wireshark counts (SYN = 0),
writes each packet the way the decoder does, without the payload, and
compares that with NAME.lines. ICMP lines are shown side by side: their
wording is the shell's own. Exit status 1 when a TCP or UDP line differs.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ["tcp-lifecycle", "tcp-rst", "udp-unreach", "tcp6", "tcp-bytes",
         "udp6-unreach"]


def end(a):
    """tcpdump's 127.0.0.1.40000 or ::1.40000, as packet_addr() writes it."""
    host, port = a.rsplit(".", 1)
    return "[%s]:%s" % (host, port) if ":" in host else "%s:%s" % (host, port)


def from_tcpdump(path):
    out = subprocess.run(["tcpdump", "-r", path, "-nn", "-S"],
                         capture_output=True, text=True, check=True).stdout
    base = {}
    for line in out.splitlines():
        m = re.match(r"\S+ \S+\s+\S+\s+IP6? (\S+) > (\S+): (.*)$", line)
        if not m:
            yield None, line
            continue
        src, dst, rest = m.group(1), m.group(2).rstrip(":"), m.group(3)
        if not rest.startswith("Flags"):
            if rest.startswith("UDP"):
                src, dst = end(src), end(dst)
            yield rest.startswith("UDP"), "%s → %s  %s" % (src, dst, rest)
            continue
        flags, tail = re.match(r"Flags \[(.*?)\], (.*)$", rest).groups()
        s, d = end(src), end(dst)
        seq = re.search(r"seq (\d+)(?::(\d+))?", tail)
        ack = re.search(r"ack (\d+)", tail)
        if "S" in flags:
            base[s] = int(seq.group(1))
        parts = []
        if seq:
            text = "seq %d" % ((int(seq.group(1)) - base[s]) % 2**32)
            if seq.group(2):
                text += ":%d" % ((int(seq.group(2)) - base[s]) % 2**32)
            parts.append(text)
        if ack:
            parts.append("ack %d" % ((int(ack.group(1)) - base[d]) % 2**32))
        parts.append("win " + re.search(r"win (\d+)", tail).group(1))
        if "S" in flags:
            opts = re.search(r"options \[(.*?)\]", tail).group(1)
            parts.append("options [%s]" % re.sub(r"TS val \d+ ecr \d+", "TS", opts))
        parts.append("length " + re.search(r"length (\d+)", tail).group(1))
        yield True, "%s → %s  [%s] %s" % (s, d, flags, ", ".join(parts))


def main():
    bad = 0
    for name in sys.argv[1:] or NAMES:
        with open(os.path.join(HERE, name + ".lines"), encoding="utf-8") as f:
            ours = f.read().splitlines()
        theirs = list(from_tcpdump(os.path.join(HERE, name + ".pcap")))
        print("== " + name)
        if len(ours) != len(theirs):
            print("  %d lines, tcpdump says %d packets" % (len(ours), len(theirs)))
            bad += 1
        for (strict, t), o in zip(theirs, ours):
            o = re.sub(r' "(?:[^"\\]|\\.)*"(\.\.\.)?$', "", o)
            if t == o:
                print("  same     " + o)
            elif strict:
                print("  DIFFERS  %s\n  tcpdump  %s" % (o, t))
                bad += 1
            else:
                print("  ours     %s\n  tcpdump  %s" % (o, t))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
