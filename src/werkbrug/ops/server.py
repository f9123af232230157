"""``werkbrug serve``: the production server, gunicorn with werkbrug's settings.

- Workers are gunicorn's sync workers, each with the WSGI application
  (``werkbrug.wsgi``), loaded in the worker rather than in the master: ``kill -HUP`` on the
  master starts new workers with the code and configuration now installed, lets the old
  ones finish their requests, then stops them (a graceful restart). ``SIGTERM`` stops
  gracefully too, within ``--graceful-timeout`` seconds.
- Metrics of all workers: ``PROMETHEUS_MULTIPROC_DIR`` is set to ``<data folder>/metrics``
  before anything imports prometheus-client, emptied when the server starts, and a worker
  that exits is marked dead (werkbrug.ops.metrics).
- Logs are JSON (WERKBRUG_LOG_FORMAT=json unless set), gunicorn's own lines too. gunicorn's
  access log stays off: werkbrug's own (werkbrug.ops.middleware) has the request id and no
  query strings.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkbrug.ops import MULTIPROCESS_ENV

DEFAULT_BIND = "127.0.0.1:8000"


@dataclass(frozen=True)
class ServeOptions:
    bind: str = DEFAULT_BIND
    workers: int = 2
    # A delivery uploaded through the web is imported inside the request (until the jobs
    # arrive): a large one takes minutes (docs/deployment.md).
    timeout: int = 300
    graceful_timeout: int = 30


def default_workers() -> int:
    """One per core plus one (docs/deployment.md, "How large a server")."""
    return (os.cpu_count() or 1) + 1


def prepare_environment(data_dir: Path) -> Path:
    """Set what must be set before Django or prometheus-client is imported: the metrics
    folder of this server (emptied: values of an earlier run would be added to this one's)
    and JSON logs unless the operator chose otherwise. Returns the metrics folder."""
    folder = data_dir / "metrics"
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700)
    os.environ[MULTIPROCESS_ENV] = str(folder)
    os.environ.setdefault("WERKBRUG_LOG_FORMAT", "json")
    return folder


def _child_exit(server: Any, worker: Any) -> None:  # noqa: ARG001 (gunicorn's hook signature)
    from werkbrug.ops.metrics import worker_exited

    worker_exited(worker.pid)


def _log_config() -> dict[str, Any]:
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "werkbrug.ops.logs.JsonFormatter"}},
        "handlers": {"console": handler, "error_console": handler},
        "root": {"level": "WARNING", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
    }


def run(options: ServeOptions) -> None:
    """Serve until stopped; gunicorn's master exits with its own status (0 after SIGTERM)."""
    from gunicorn.app.base import BaseApplication

    settings: dict[str, Any] = {
        "bind": [options.bind],
        "workers": options.workers,
        "worker_class": "sync",
        "timeout": options.timeout,
        "graceful_timeout": options.graceful_timeout,
        "proc_name": "werkbrug",
        "child_exit": _child_exit,
        "accesslog": None,
        # gunicorn's control socket (gunicornc) would be made in the user's home folder;
        # werkbrug is controlled by signals (systemd's reload sends HUP).
        "control_socket_disable": True,
        "logconfig_dict": _log_config() if os.environ.get("WERKBRUG_LOG_FORMAT") == "json" else {},
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from werkbrug.wsgi import application

            return application

    Server().run()
