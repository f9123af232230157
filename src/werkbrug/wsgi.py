"""WSGI entry point for a production server (e.g. ``gunicorn werkbrug.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
application = get_wsgi_application()

# Production mode serves no account whose password is public (the demo's): the server stops
# here, before its first request, with a message that names the accounts and the fix.
from werkbrug.accounts.checks import refuse_public_demo_passwords  # noqa: E402

refuse_public_demo_passwords()
