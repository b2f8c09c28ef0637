"""The wheel deploys on its own: compiled catalogs and the migrations ship inside the package.

Builds the wheel, installs it into a clean virtualenv and, from a directory outside the
checkout, migrates a fresh SQLite database and renders the home page in Dutch. Slow (a build
and an install with dependencies): `pytest -m "not package"` leaves it out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parent.parent

RENDER_HOME = """
import sys
from pathlib import Path

import portal

assert "site-packages" in portal.__file__, portal.__file__
assert not (Path(portal.__file__).parent.parent / "translations").exists()
app = portal.create_app()
response = app.test_client().get("/", headers={"Accept-Language": "nl"})
assert response.status_code == 200, response.status_code
sys.stdout.write(response.get_data(as_text=True))
"""


def _run(command: list[str | Path], **kwargs: object) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_installed_wheel_migrates_and_speaks_dutch(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT])
    (wheel,) = wheels.glob("klankbord-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "portal/translations/nl/LC_MESSAGES/messages.mo" in names
    assert "portal/_migrations/env.py" in names
    assert any(name.startswith("portal/_migrations/versions/") for name in names)

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv])
    _run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel])

    work = tmp_path / "elsewhere"  # not the checkout: nothing may come from the source tree
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KLANKBORD_", "FLASK_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        KLANKBORD_DATABASE_URL=f"sqlite:///{work / 'klankbord.sqlite3'}",
        KLANKBORD_INSTANCE_PATH=str(work / "instance"),
        KLANKBORD_SECRET_KEY="package-test-secret-key-0123456789abcdef",
    )
    flask = venv / "bin" / "flask"
    _run([flask, "--app", "portal:create_app", "db", "upgrade"], cwd=work, env=env)
    _run([flask, "--app", "portal:create_app", "questionnaires", "sync"], cwd=work, env=env)

    page = _run([venv / "bin" / "python", "-c", RENDER_HOME], cwd=work, env=env)
    assert "Naar de inhoud" in page
    assert 'lang="nl"' in page
