"""`werkbrug demo` serves with a background worker next to it, and takes it along when it
stops (SIGTERM, as a terminal closing or a process manager would)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True)
    return [int(p) for p in found.stdout.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_demo_runs_a_worker_and_stops_it(tmp_path: Path) -> None:
    env = {**os.environ, "WERKBRUG_DATA_DIR": str(tmp_path), "WERKBRUG_LANG": "en"}
    env.pop("DATABASE_URL", None)  # the demo's own SQLite database in the data folder
    port = free_port()
    demo = subprocess.Popen(
        [sys.executable, "-m", "werkbrug", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        else:
            raise AssertionError("the demo did not start serving")
        workers = [
            p for p in children(demo.pid) if b"worker" in Path(f"/proc/{p}/cmdline").read_bytes()
        ]
        assert len(workers) == 1
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=60) == 0
        deadline = time.monotonic() + 30
        while alive(workers[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(workers[0])
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
