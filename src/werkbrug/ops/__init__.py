"""Running werkbrug as a service: the production server (``werkbrug serve``), its health and
readiness checks, Prometheus metrics, JSON logs with a request id, and backup and restore.

See docs/deployment.md. Nothing here holds a rule about the programmes themselves.
"""

# Where prometheus-client keeps the values of several processes. Here, not in ops.metrics:
# it must be set before prometheus-client is first imported (werkbrug.ops.server).
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
