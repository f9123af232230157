"""werkbrug: an open-source platform for van-werk-naar-werk (job-to-job) programmes."""

__version__ = "0.1.0"
