"""Background jobs: long work (a report of a big delivery, …) that runs in a worker process
with progress, instead of inside a request. The one module around django-tasks (docs/jobs.md)."""
