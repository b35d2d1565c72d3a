"""Check that this machine has the system libraries Qt needs, before installing anything.

Run as a plain script (standard library only, no imports from the package, no
third-party imports), so ``make run``/``make test`` and ``.ci/run`` can call it
before the virtual environment exists::

    python3 connector_app/syslibs.py             # silent, exit 0 when all is well;
                                                 # else ONE line on stderr, exit 1
    python3 connector_app/syslibs.py --packages  # Debian package names of what is
                                                 # missing, space separated (may be empty)
    python3 connector_app/syslibs.py --desktop   # also warn (never fail) about the xcb
                                                 # libraries a real X11 window needs

PySide6 6.12's Linux wheels need glibc 2.34 or newer and a handful of shared
libraries that every desktop has but a bare server or container lacks; without
them ``import PySide6.QtWidgets`` fails with an unhelpful loader error (for
example "file too short"). Each library is found by asking the dynamic loader
to open it (``ctypes.CDLL``), which is exactly what Qt will do, so a library
found through ``LD_LIBRARY_PATH`` counts and an empty stub file does not. On
macOS and Windows the wheels carry everything, so the check reports OK.

For testing, two environment variables pretend the machine is worse than it is
(Linux only):

``CONNECTOR_SYSLIBS_PRETEND_MISSING``
    comma-separated short names from ``QT_LIBS`` (``libEGL,libxkbcommon``)
    that are reported missing even if present.
``CONNECTOR_SYSLIBS_PRETEND_GLIBC``
    a glibc version (``2.31``) to use instead of the real one.
"""

from __future__ import annotations

import ctypes
import os
import platform
import shutil
import sys

# short name -> (soname the loader must open, Debian/Ubuntu package, Fedora package)
QT_LIBS = {
    "libEGL": ("libEGL.so.1", "libegl1", "mesa-libEGL"),
    "libGL": ("libGL.so.1", "libgl1", "mesa-libGL"),
    "libxkbcommon": ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    "libfontconfig": ("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    "libX11": ("libX11.so.6", "libx11-6", "libX11"),
    # On Debian 13 / Ubuntu 24.04 the real package is libglib2.0-0t64; apt selects it
    # by itself when asked for libglib2.0-0, its only provider.
    "libglib": ("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
}

# Only needed for a real window on X11 (the xcb platform plugin); offscreen and
# Wayland work without them. Reported as a warning by --desktop, never a failure.
XCB_LIBS = {
    "libxcb-cursor": ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm": ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms": ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
}

MIN_GLIBC = (2, 34)


def _pretend_missing() -> set:
    raw = os.environ.get("CONNECTOR_SYSLIBS_PRETEND_MISSING", "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libs(table: dict | None = None) -> list:
    """Short names (keys of ``table``, default ``QT_LIBS``) the loader cannot open."""
    table = QT_LIBS if table is None else table
    if not sys.platform.startswith("linux"):
        return []
    pretend = _pretend_missing()
    return [name for name, (soname, _deb, _rpm) in table.items() if name in pretend or not _loads(soname)]


def packages_for(missing, table: dict | None = None, flavour: str = "deb") -> list:
    """Package names (``deb`` or ``rpm``) that provide the given short names, in order, no repeats."""
    table = QT_LIBS if table is None else table
    column = 1 if flavour == "deb" else 2
    packages = []
    for name in missing:
        if name not in table:
            raise KeyError("unknown library %r" % (name,))
        package = table[name][column]
        if package not in packages:
            packages.append(package)
    return packages


def glibc_version():
    """(major, minor) of the running glibc, or None if unknown or not glibc (e.g. musl)."""
    pretend = os.environ.get("CONNECTOR_SYSLIBS_PRETEND_GLIBC")
    text = None
    if pretend:
        text = pretend
    else:
        try:
            confstr = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
        except (AttributeError, ValueError, OSError):
            confstr = None
        if confstr and confstr.startswith("glibc "):
            text = confstr.split()[1]
        else:
            lib, version = platform.libc_ver()
            if lib == "glibc" and version:
                text = version
    if not text:
        return None
    try:
        parts = [int(p) for p in text.split(".")[:2]]
    except ValueError:
        return None
    while len(parts) < 2:
        parts.append(0)
    return tuple(parts)


def glibc_problem() -> str | None:
    """One sentence if glibc is known to be too old, else None."""
    if not sys.platform.startswith("linux"):
        return None
    version = glibc_version()
    if version is None or version >= MIN_GLIBC:
        return None
    return (
        "Qt 6 (PySide6) needs glibc %d.%d or newer, but this system has glibc %d.%d; "
        "use a newer Linux such as Debian 12 or Ubuntu 22.04." % (MIN_GLIBC + version)
    )


def install_hint(missing, table: dict | None = None) -> str:
    """The command that installs ``missing`` on this machine, as one phrase."""
    table = QT_LIBS if table is None else table
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    if shutil.which("apt-get") or not shutil.which("dnf"):
        return "Install them with: %sapt-get install -y %s" % (sudo, " ".join(packages_for(missing, table, "deb")))
    return "Install them with: %sdnf install -y %s" % (sudo, " ".join(packages_for(missing, table, "rpm")))


def problem() -> str | None:
    """The one line to show when Qt cannot start here, or None if all is well."""
    too_old = glibc_problem()
    if too_old:
        return too_old
    missing = missing_libs()
    if not missing:
        return None
    return "Qt needs system libraries that are missing: %s. %s" % (", ".join(missing), install_hint(missing))


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0])
        print("usage: syslibs.py [--packages | --desktop]")
        return 0
    if args == ["--packages"]:
        # Only what apt can fix; a too-old glibc is not one of those.
        print(" ".join(packages_for(missing_libs())))
        return 0
    if args not in ([], ["--desktop"]):
        sys.stderr.write("usage: syslibs.py [--packages | --desktop]\n")
        return 2
    line = problem()
    if line:
        sys.stderr.write(line + "\n")
        return 1
    if args == ["--desktop"]:
        missing_xcb = missing_libs(XCB_LIBS)
        if missing_xcb and os.environ.get("XDG_SESSION_TYPE") != "wayland":
            sys.stderr.write(
                "Warning: a window on X11 also needs %s. %s\n"
                % (", ".join(missing_xcb), install_hint(missing_xcb, XCB_LIBS))
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
