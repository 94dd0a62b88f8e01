"""What the desktop bundle carries besides Python modules: shared by packaging/jd_admin.spec and
tests/test_bundle_spec.py (which checks it against what the program looks for, without
building anything). No PyInstaller import here.

At run time the program finds these files through :func:`jd_admin.resources.resource_path`
(``sys._MEIPASS/resources/...``: the fonts, the interface translation ``.qm``, the gettext
catalogs ``.po``) and through ``importlib.resources.files("jd_admin") / "migrations"``
(:func:`jd_admin.db._script_location`: alembic reads ``env.py`` and ``versions/*.py`` as
files, and two revisions read ``sql/*.sql`` and load earlier revisions by path).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The Qt modules the program imports (tests/test_bundle_spec.py checks this against the code).
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPdf", "QtPdfWidgets",
                   "QtPrintSupport")

#: Qt modules never used, kept out even when a hook or a dependency would pull them in.
QT_MODULES_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets",
    "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets",
    "QtNetworkAuth", "QtNfc", "QtPdfQuick", "QtPositioning", "QtQml", "QtQuick",
    "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
    "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore",
    "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
    "QtAxContainer", "QtCanvasPainter",
    # pulled in by plugins below (the virtual keyboard, the embedded-Linux platforms)
    "QtVirtualKeyboard", "QtVirtualKeyboardQml", "QtQmlMeta", "QtQmlModels", "QtQmlWorkerScript",
    "QtEglFSDeviceIntegration", "QtEglFsKmsSupport",
)

#: Python bindings of Qt modules the code never imports; their Qt libraries stay when a kept
#: library needs them (QtCharts links QtOpenGL and QtOpenGLWidgets; plugins link QtDBus; QtPdf,
#: the PDF preview's, links QtNetwork).
QT_BINDINGS_EXCLUDED = ("QtOpenGL", "QtOpenGLWidgets", "QtNetwork", "QtDBus")

#: Qt plugins of no use on an office desktop: (plugin directory, file name start without
#: "lib"). Kept: the platforms windows, xcb, wayland, offscreen, minimal; the image formats;
#: the compose and ibus input methods (Chinese input on Linux); the xdg portal theme; tls.
QT_PLUGINS_EXCLUDED = (
    ("platforminputcontexts", "qtvirtualkeyboardplugin"),  # needs QtQuick; not for a desk
    ("egldeviceintegrations", ""),  # embedded Linux without a window system
    ("platforms", "qeglfs"), ("platforms", "qlinuxfb"), ("platforms", "qminimalegl"),
    ("platforms", "qvkkhrdisplay"), ("platforms", "qvnc"),
    ("generic", ""),  # evdev/tuio input for kiosk devices
    ("platformthemes", "qgtk3"),  # would load the host's GTK 3 against the bundled GLib
)

#: Python packages of the development environment that must not end up in the bundle.
PYTHON_EXCLUDED = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff",
    "importlinter", "grimp", "pypdf", "IPython", "numpy", "matplotlib", "PyQt5", "PyQt6",
    "PySide2", "sqlalchemy.testing", "alembic.testing", "setuptools", "pip", "pkg_resources",
)

#: Qt's own translations kept (the program is Chinese, with English as the other language).
QT_TRANSLATION_SUFFIXES = ("_zh_CN.qm", "_en.qm")


def resource_files(root: Path = ROOT) -> list[Path]:
    """The files under ``resources/`` the program reads: the fonts (and their licence), the
    compiled interface translation and the service-text catalogs (not the ``.ts`` source)."""
    resources = root / "resources"
    files = sorted((resources / "fonts").glob("*.ttf"))
    files += [resources / "fonts" / "OFL.txt", resources / "fonts" / "README.md"]
    files.append(resources / "translations" / "jd_admin_en.qm")
    files += sorted((resources / "translations").glob("*/*.po"))
    return files


def migration_files(root: Path = ROOT) -> list[Path]:
    """Every file of the migration scripts (``jd_admin/migrations``), bytecode caches aside."""
    base = root / "jd_admin" / "migrations"
    return sorted(p for p in base.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file, destination directory in the bundle)."""
    missing = [p for p in resource_files(root) if not p.is_file()]
    if missing:
        raise SystemExit("missing resources (run `make translations` for the .qm): "
                         + ", ".join(str(p) for p in missing))
    return [(str(p), str(p.parent.relative_to(root)))
            for p in [*resource_files(root), *migration_files(root)]]


def keep_qt_file(destination: str) -> bool:
    """Whether a file collected by the PySide6 hooks stays: no Qt translations but Chinese and
    English, nothing of the excluded modules (their libraries, plugins, QML, resources)."""
    name = destination.replace("\\", "/")
    if "/translations/" in name and name.endswith(".qm") and "PySide6" in name:
        return name.endswith(QT_TRANSLATION_SUFFIXES)
    base = name.rsplit("/", 1)[-1]
    for directory, start in QT_PLUGINS_EXCLUDED:
        if (f"/plugins/{directory}/" in name
                and (base.startswith(start) or base.startswith(f"lib{start}"))):
            return False
    for module in QT_MODULES_EXCLUDED:
        short = module[2:]  # "QtQuick" -> libQt6Quick.so.6, Qt6Quick.dll, QtQuick.abi3.so
        if (base.startswith((f"libQt6{short}.", f"Qt6{short}.", f"{module}.", f"lib{module}."))
                or f"/qml/{module}/" in name):
            return False
    return True
