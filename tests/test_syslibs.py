"""The system-library check that runs before anything is installed (connector_app/syslibs.py)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from connector_app import syslibs

SCRIPT = Path(__file__).resolve().parents[1] / "connector_app" / "syslibs.py"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is a no-op off Linux")


def run_script(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CONNECTOR_SYSLIBS_")}
    environ.update(env)
    # -I -S: isolated, no site-packages, so the script can only use the standard library,
    # as on a fresh machine before `make` has installed anything.
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )


def test_imports_only_the_standard_library():
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "syslibs.py must not use relative imports"
            imported.add(node.module.split(".")[0])
    not_stdlib = sorted(name for name in imported if name not in sys.stdlib_module_names)
    assert not_stdlib == []


def test_this_machine_passes_silently():
    # The test suite itself needs Qt, so the machine running it must pass the check.
    result = run_script()
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    packages = run_script("--packages")
    assert (packages.returncode, packages.stdout.strip()) == (0, "")


@linux_only
def test_missing_libraries_give_one_line_with_the_install_command():
    result = run_script(CONNECTOR_SYSLIBS_PRETEND_MISSING="libEGL,libxkbcommon")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Qt needs system libraries that are missing: libEGL, libxkbcommon.")
    assert "install -y libegl1 libxkbcommon0" in line
    assert "Traceback" not in result.stderr


@linux_only
def test_packages_mode_names_what_apt_should_install():
    result = run_script("--packages", CONNECTOR_SYSLIBS_PRETEND_MISSING="libglib,libGL")
    assert result.returncode == 0
    assert result.stdout.split() == ["libgl1", "libglib2.0-0"]  # in QT_LIBS order


@linux_only
def test_too_old_glibc_is_named_clearly():
    result = run_script(CONNECTOR_SYSLIBS_PRETEND_GLIBC="2.31")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "glibc 2.34 or newer" in lines[0] and "glibc 2.31" in lines[0]


def test_new_enough_glibc_passes(monkeypatch):
    monkeypatch.setenv("CONNECTOR_SYSLIBS_PRETEND_GLIBC", "2.34")
    assert syslibs.glibc_version() == (2, 34)
    assert syslibs.glibc_problem() is None
    monkeypatch.setenv("CONNECTOR_SYSLIBS_PRETEND_GLIBC", "2.33")
    assert (syslibs.glibc_problem() is None) == (not sys.platform.startswith("linux"))


def test_unknown_argument_is_a_usage_error():
    result = run_script("--bogus")
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_package_mapping_for_a_fake_missing_list():
    missing = ["libEGL", "libxkbcommon", "libfontconfig", "libX11", "libglib", "libGL"]
    assert syslibs.packages_for(missing) == [
        "libegl1",
        "libxkbcommon0",
        "libfontconfig1",
        "libx11-6",
        "libglib2.0-0",
        "libgl1",
    ]
    assert syslibs.packages_for(["libEGL", "libEGL"]) == ["libegl1"]
    assert syslibs.packages_for([]) == []
    assert syslibs.packages_for(["libEGL"], flavour="rpm") == ["mesa-libEGL"]
    assert syslibs.packages_for(["libxcb-icccm"], syslibs.XCB_LIBS) == ["libxcb-icccm4"]
    with pytest.raises(KeyError):
        syslibs.packages_for(["libNotAThing"])


def test_every_qt_library_is_checked_by_its_soname():
    sonames = {soname for soname, _deb, _rpm in syslibs.QT_LIBS.values()}
    assert sonames == {
        "libEGL.so.1",
        "libGL.so.1",
        "libxkbcommon.so.0",
        "libfontconfig.so.1",
        "libX11.so.6",
        "libglib-2.0.so.0",
    }


@linux_only
def test_a_library_the_loader_cannot_open_is_missing(monkeypatch):
    monkeypatch.delenv("CONNECTOR_SYSLIBS_PRETEND_MISSING", raising=False)
    table = {"libnope": ("libconnector-app-does-not-exist.so.9", "nope-deb", "nope-rpm")}
    assert syslibs.missing_libs(table) == ["libnope"]
    assert syslibs.missing_libs() == []
