"""Allow ``python -m werkbrug``."""

from werkbrug.cli import main

raise SystemExit(main())
