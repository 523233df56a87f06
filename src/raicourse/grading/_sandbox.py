"""The grader's sandbox on Linux: bubblewrap (``bwrap``, the sandbox Flatpak uses).

Each notebook's whole grading worker (nbclient and the kernel it starts) runs inside
one ``bwrap`` call:

- its own network namespace: no network at all; its loopback is a fresh one, where the
  kernel and the worker talk over ZMQ, and nothing of the host's 127.0.0.1 is reachable;
- its own PID, IPC and UTS namespaces; when the worker ends, every process it left ends;
- a read-only view of the system folders (``/usr``, ``/etc``...), of Python and of the
  course package, and nothing else of the host: no home, no other folder of the trainer;
- the learner's folder mounted read-only; the worker copies it into a ``/tmp`` that is a
  fresh in-memory file system of limited size (the only writable place, with ``/dev/shm``);
- a cleared environment (no token or secret of the trainer's shell reaches the notebook);
- a cap on the number of processes (``RLIMIT_NPROC``, set by the worker). Linux does not
  enforce that cap on root, so when the grader runs as root the sandbox drops to an
  unused user id first (``setpriv``); as a regular user, bwrap's own user namespace does.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Size of the sandbox's writable /tmp, in megabytes.
DEFAULT_DISK_MB = 512
#: Most processes and threads a sandboxed notebook may run at once (kernel and worker included).
DEFAULT_MAX_PROCESSES = 256
#: Where the learner's folder appears, read-only, inside the sandbox.
SUBMISSION_MOUNT = "/submission"
_SHM_MB = 64
_SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
# When the grader runs as root, each sandbox runs as its own unused user id, so that the
# process cap of one notebook never counts another notebook's processes.
_UID_BASE = 0x40000000


def bwrap_path() -> str | None:
    """The ``bwrap`` program, or None where bubblewrap is not installed."""
    return shutil.which("bwrap") if sys.platform.startswith("linux") else None


@functools.cache
def sandbox_problem() -> str | None:
    """None if the sandbox works on this machine, else a short reason why not."""
    bwrap = bwrap_path()
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed" if sys.platform.startswith("linux") else f"the sandbox needs Linux, not {sys.platform}"
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        return "setpriv (util-linux) is missing"
    probe = _bwrap_options(bwrap, Path("/"), slot=0, disk_mb=8, environment={})
    try:
        done = subprocess.run([*probe, sys.executable, "-c", "pass"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not start ({error})"
    if done.returncode != 0:
        return f"bwrap could not start ({done.stderr.decode(errors='replace').strip()[:200]})"
    return None


def _readable_python_folders() -> list[Path]:
    """The folders Python and the course package need, as few and as high as possible."""
    import raicourse

    wanted = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.exec_prefix), Path(raicourse.__file__).resolve().parents[1]}
    wanted |= {Path(p) for p in sys.path if p and "site-packages" in p}
    system = [Path(folder) for folder in _SYSTEM_FOLDERS]
    wanted = {p.resolve() for p in wanted if p.exists()}
    wanted = {p for p in wanted if not any(p == folder or folder in p.parents for folder in system)}
    return sorted(p for p in wanted if not any(other != p and other in p.parents for other in wanted))


def _bwrap_options(bwrap: str, learner_dir: Path, *, slot: int, disk_mb: int, environment: dict[str, str]) -> list[str]:
    command = [bwrap, "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid", "--unshare-ipc",
               "--unshare-uts", "--unshare-cgroup-try"]
    as_root = os.geteuid() == 0
    # Dropping to another user id needs these two capabilities for one instant (setpriv);
    # bwrap sets "no new privileges", so no setuid program can bring any back.
    command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if as_root else ["--unshare-user"]
    for folder in _SYSTEM_FOLDERS:
        if os.path.islink(folder):
            command += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            command += ["--ro-bind", folder, folder]
    command += ["--proc", "/proc", "--dev", "/dev",
                "--size", str(disk_mb * 1024 * 1024), "--perms", "1777", "--tmpfs", "/tmp",
                "--size", str(_SHM_MB * 1024 * 1024), "--perms", "1777", "--tmpfs", "/dev/shm"]
    made: set[Path] = set()
    for folder in _readable_python_folders():
        # bwrap would create the folders above a mount point readable by root only.
        for parent in reversed(folder.parents[:-1]):
            if parent not in made:
                made.add(parent)
                command += ["--perms", "0755", "--dir", str(parent)]
        command += ["--ro-bind", str(folder), str(folder)]
    command += ["--ro-bind", str(learner_dir), SUBMISSION_MOUNT, "--chdir", "/tmp", "--clearenv"]
    base = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp/home", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
    for name, value in {**base, **environment}.items():
        command += ["--setenv", name, value]
    if as_root:
        uid = str(_UID_BASE + (os.getpid() % 65536) * 256 + slot % 256)
        command += ["--", "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all"]
    return command


def sandboxed(command: list[str], learner_dir: Path, *, slot: int, disk_mb: int, environment: dict[str, str]) -> list[str]:
    """``command`` wrapped to run inside the sandbox, with ``learner_dir`` read-only at /submission."""
    bwrap = bwrap_path()
    if bwrap is None:
        raise RuntimeError("bubblewrap (bwrap) is not installed")
    options = _bwrap_options(bwrap, learner_dir, slot=slot, disk_mb=disk_mb, environment=environment)
    return [*options, *([] if "--" in options else ["--"]), *command]
