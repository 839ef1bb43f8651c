"""What benchmarks/scaling.py and benchmarks/serial_time.py share: one-line errors with the
project's exit codes (2 for bad input, 1 for a run-time failure) and the host's steal time."""
import argparse
import os
import sys


def fail(prog, message, code):
    """One line on stderr, naming the tool, then exit with `code`."""
    print(f"{prog}: {message}", file=sys.stderr)
    sys.exit(code)


class OneLineArguments(argparse.ArgumentParser):
    """argparse whose errors are one line on stderr and exit 2 (its own print usage and more)."""

    def error(self, message):
        fail(self.prog, f"{message} (see --help)", 2)


def steal_seconds():
    """Steal time of all CPUs so far (the hypervisor running others on this machine's CPUs), in
    seconds: /proc/stat's eighth field of the "cpu" line; 0 where there is none."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        ticks = int(fields[8]) if fields[0] == "cpu" and len(fields) > 8 else 0
    except (OSError, ValueError, IndexError):
        return 0.0
    return ticks / os.sysconf("SC_CLK_TCK")
