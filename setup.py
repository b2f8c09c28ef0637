"""Build hook: compiled catalogs and the migrations go inside the package.

The top-level ``translations/`` (the .po sources) and ``migrations/`` stay where they are;
``build_py`` compiles every catalog into ``portal/translations/`` and copies the migrations to
``portal/_migrations/`` in the build directory, so a wheel (``pip install .``) can translate
and run ``flask db upgrade`` without the source tree. Editable installs read the repo folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCatalogsAndMigrations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # development reads translations/ and migrations/ from the checkout
        package = Path(self.build_lib) / "portal"
        self._compile_catalogs(ROOT / "translations", package / "translations")
        self._copy_migrations(ROOT / "migrations", package / "_migrations")

    @staticmethod
    def _compile_catalogs(source: Path, target: Path) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        po_files = sorted(source.glob("*/LC_MESSAGES/*.po"))
        if not po_files:
            raise RuntimeError(f"no catalogs under {source}: the wheel would not translate")
        for po_file in po_files:
            with po_file.open("rb") as handle:
                catalog = read_po(handle, locale=po_file.parent.parent.name)
            mo_file = target / po_file.relative_to(source).with_suffix(".mo")
            mo_file.parent.mkdir(parents=True, exist_ok=True)
            with mo_file.open("wb") as handle:
                write_mo(handle, catalog)  # fuzzy entries are left out, as pybabel compile does

    @staticmethod
    def _copy_migrations(source: Path, target: Path) -> None:
        if not (source / "env.py").is_file():
            raise RuntimeError(f"no migrations under {source}: the wheel could not migrate")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithCatalogsAndMigrations})
