"""werkbrug as an operator runs it: ``werkbrug serve``, ``backup`` and ``restore`` in child
processes with an environment of their own (settings are read once per process)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of an installation in ``data_dir`` with every default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WERKBRUG_", "PROMETHEUS"))}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="werkbrug.settings", WERKBRUG_DATA_DIR=str(data_dir))
    env.update(extra)
    return env


def werkbrug(env: dict[str, str], *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "werkbrug", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    log_path: Path

    def get(
        self,
        path: str,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        body: str | None = None,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read().decode("utf-8", "replace"),
            )
        finally:
            connection.close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def stop(self) -> int:
        """SIGTERM, as systemd stops it; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[object]:
    """Start ``werkbrug serve`` on a free port of 127.0.0.1; stopped at the end in any case."""
    started: list[Server] = []

    def start(env: dict[str, str], *args: str) -> Server:
        port = free_port()
        log_path = tmp_path / f"serve-{port}.log"
        handle = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (the child writes it)
        process = subprocess.Popen(
            [sys.executable, "-m", "werkbrug", "serve", "--bind", f"127.0.0.1:{port}", *args],
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            text=True,
        )
        handle.close()
        server = Server(process, port, log_path)
        started.append(server)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"serve stopped at start:\n{server.log()}")
            try:
                if server.get("/healthz").status == 200:
                    return server
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"serve did not answer /healthz:\n{server.log()}")

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=30)
