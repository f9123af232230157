"""The werkbrug command itself: help, language, and passing other commands to Django."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkbrug import cli

pytestmark = pytest.mark.django_db


def test_without_a_command_it_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    for command in ("import", "export", "deliveries", "demo"):
        assert command in out


def test_messages_are_dutch_by_default(
    capsys: pytest.CaptureFixture[str], delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WERKBRUG_LANG", raising=False)
    assert cli.main(["import", str(delivery_dir)]) == 0
    assert "Levering 'proef' geïmporteerd: 2 projecten" in capsys.readouterr().out


def test_english_on_request(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["import", str(tmp_path / "nergens"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "nergens: not found; give a folder of CSV files" in err


def test_a_bad_option_value_exits_with_status_2_and_says_why(
    capsys: pytest.CaptureFixture[str], delivery_dir: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["import", str(delivery_dir), "--delivered-on", "gisteren"])
    assert exit_info.value.code == 2
    assert "'gisteren' is not a date; use YYYY-MM-DD" in capsys.readouterr().err


def test_other_commands_go_to_django(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check"]) == 0
    assert "System check identified no issues" in capsys.readouterr().out


EVIL = "evil\x1b]0;owned\x07\x1b[2J\u202ecod.exe"
SHOWN = "evil\\x1b]0;owned\\x07\\x1b[2J\\u202ecod.exe"


def _raw_controls(text: str) -> list[str]:
    import unicodedata

    return [c for c in text if c not in "\t\n" and unicodedata.category(c) in {"Cc", "Cf"}]


def _legacy_evil_delivery(capsys: pytest.CaptureFixture[str], delivery_dir: Path) -> None:
    from werkbrug.deliveries.models import Delivery

    assert cli.main(["import", str(delivery_dir), "--name", "tijdelijk", "--lang=en"]) == 0
    capsys.readouterr()
    Delivery.objects.filter(name="tijdelijk").update(name=EVIL)


def test_listings_show_control_characters_in_names_as_escapes(
    capsys: pytest.CaptureFixture[str], delivery_dir: Path, tmp_path: Path
) -> None:
    # A delivery stored before names were checked may be called anything.
    _legacy_evil_delivery(capsys, delivery_dir)

    assert cli.main(["deliveries", "--lang=en"]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith(SHOWN + "\t")
    assert _raw_controls(listing) == []

    assert cli.main(["report", "--delivery", "nope", "--lang=en"]) == 1
    err = capsys.readouterr().err
    assert f"No delivery named 'nope'; stored: {SHOWN}" in err
    assert _raw_controls(err) == []

    assert cli.main(["export", EVIL, str(tmp_path / "out"), "--lang=en"]) == 0
    out = capsys.readouterr().out
    assert f"Exported '{SHOWN}'" in out
    assert _raw_controls(out) == []


def test_the_import_summary_and_an_unexpected_error_show_control_characters_as_escapes(
    capsys: pytest.CaptureFixture[str], delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["import", str(delivery_dir), "--name", EVIL, "--lang=en"]) == 2
    err = capsys.readouterr().err
    assert f"--name: '{SHOWN}' cannot be the name of a delivery" in err
    assert _raw_controls(err) == []

    from werkbrug.deliveries import selectors

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"no delivery {EVIL}\nsecond line")

    monkeypatch.setattr(selectors, "delivery_list", broken)
    assert cli.main(["deliveries"]) == 1
    err = capsys.readouterr().err
    assert f"werkbrug: error: no delivery {SHOWN} second line\n" in err
    assert _raw_controls(err) == []
