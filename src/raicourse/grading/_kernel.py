"""Start an IPython kernel with a memory cap (``python -m raicourse.grading._kernel``).

Used as the command of the grader's kernel spec::

    python -m raicourse.grading._kernel --memory-mb 2048 -f {connection_file}

It limits the kernel's address space (``RLIMIT_AS``), asks Linux to kill the kernel
when the grading worker that started it dies, points its standard input and output at
``/dev/null`` (the worker's standard output carries the grading summary: the learner's
code must not be able to write there), then becomes the kernel itself.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import signal
import sys

_PR_SET_PDEATHSIG = 1


def limit_memory(megabytes: int) -> None:
    """Cap this process's (and its children's) address space."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def die_with_parent() -> None:
    """On Linux, have the kernel killed when its parent (the worker) ends."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: ipykernel's own parent poller remains
        pass


def detach_standard_streams() -> None:
    """Replace file descriptors 0, 1 and 2 by /dev/null (what the notebook prints still
    reaches the worker: ipykernel sends it over its own channels)."""
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(null, descriptor)
    os.close(null)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("-f", dest="connection_file", required=True)
    args = parser.parse_args(argv)
    die_with_parent()
    limit_memory(args.memory_mb)
    detach_standard_streams()
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", args.connection_file])


if __name__ == "__main__":
    main()
