"""Take the README's screenshot: log in to a running demo and capture the deliveries page.

Usage: start ``werkbrug demo`` in another shell, then
``python scripts/screenshot.py docs/img/deliveries.png`` (needs the ``docs`` extra and
Debian's Chromium at /usr/bin/chromium; no browser is downloaded).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = "http://127.0.0.1:8000"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(target: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 560}, locale="nl-NL")
        page.goto(f"{BASE}/admin/login/")
        page.fill("#id_username", "funder")
        page.fill("#id_password", "demo-funder")
        page.click("input[type=submit]")
        page.goto(f"{BASE}/admin/deliveries/delivery/")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/deliveries.png"))
