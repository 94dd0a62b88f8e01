"""Keep the gettext catalogs of the texts below ui/ in step with the code.

    python tools/messages.py            add new source texts (untranslated) to the catalogs
    python tools/messages.py --prune    also drop entries no longer in the code
    python tools/messages.py --check    exit 1 when an entry is missing or untranslated
    python tools/messages.py --fill FILE.json   translations for untranslated entries
                                        ({"中文": "English"}); the interface's .ts is used too

Texts are the ``_("…")`` calls under jd_admin/ (outside ui/, which uses Qt's ``tr``). Each new
text goes to the catalog of the feature that uses it (``resources/translations/en/<feature>.po``,
``shared.po`` for the rest); translate it there (``msgstr``).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

import polib
from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jd_admin"
CATALOGS = ROOT / "resources" / "translations" / "en"
FEATURES = ("accounts", "recruitment", "register", "agreements", "vouchers", "demo",
            "settlement")
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def feature_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    for part in parts:
        if part in FEATURES:
            return part
    return "shared"


def extract() -> dict[str, tuple[str, str]]:
    """Source text -> (feature, "file:line") of its first use."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("ui", "migrations"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value,
                                 (feature_of(path), f"jd_admin/{rel.as_posix()}:{node.lineno}"))
    return found


def interface_translations() -> dict[str, str]:
    """Chinese -> English as the interface's Qt catalog already has it (first one wins)."""
    ts = ROOT / "resources" / "translations" / "jd_admin_en.ts"
    out: dict[str, str] = {}
    for message in ElementTree.parse(ts).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        if source and translation and placeholders(source) == placeholders(translation):
            out.setdefault(source, translation)
    return out


def placeholders(s: str) -> set[str]:
    return set(PLACEHOLDER.findall(s))


def load() -> dict[str, polib.POFile]:
    CATALOGS.mkdir(parents=True, exist_ok=True)
    files = {p.stem: polib.pofile(str(p)) for p in sorted(CATALOGS.glob("*.po"))}
    for feature in (*FEATURES, "shared"):
        if feature not in files:
            po = polib.POFile()
            po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
            files[feature] = po
    return files


def problems(found: dict[str, tuple[str, str]], files: dict[str, polib.POFile]) -> list[str]:
    out = []
    known: dict[str, str] = {}
    for name, po in files.items():
        for entry in po:
            if entry.msgid in known:
                out.append(f"{name}.po: “{entry.msgid}” is also in {known[entry.msgid]}.po")
            known[entry.msgid] = name
            if entry.msgid not in found:
                out.append(f"{name}.po: “{entry.msgid}” is no longer used (run --prune)")
            elif not entry.msgstr:
                out.append(f"{name}.po: “{entry.msgid}” has no translation")
            elif placeholders(entry.msgid) != placeholders(entry.msgstr):
                out.append(f"{name}.po: “{entry.msgid}” and its translation differ in placeholders")
    for msgid, (_feature, where) in found.items():
        if msgid not in known:
            out.append(f"{where}: “{msgid}” is not in any catalog")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prune", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", type=Path, help="JSON object: source text -> English")
    args = parser.parse_args()
    found = extract()
    files = load()
    if args.check:
        issues = problems(found, files)
        print("\n".join(issues) or "catalogs complete")
        return 1 if issues else 0
    known = {e.msgid for po in files.values() for e in po}
    for msgid, (feature, _where) in found.items():
        if msgid not in known:
            files[feature].append(polib.POEntry(msgid=msgid, msgstr=""))
    known_english = interface_translations()
    if args.fill:
        known_english.update(json.loads(args.fill.read_text(encoding="utf-8")))
    for po in files.values():
        for entry in po:
            if not entry.msgstr and entry.msgid in known_english:
                entry.msgstr = known_english[entry.msgid]
    for name, po in files.items():
        if args.prune:
            for entry in [e for e in po if e.msgid not in found]:
                po.remove(entry)
        po.wrapwidth = 0
        if len(po):
            po.save(str(CATALOGS / f"{name}.po"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
