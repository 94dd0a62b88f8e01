"""Fill the unfinished entries of a Qt .ts file from a Python dict module (developer tool).

    python tools/ts_fill.py resources/translations/jd_admin_en.ts MAPPING.py

MAPPING.py defines ``EN = {"中文原文": "English", ...}``. Entries already translated are kept;
sources missing from the mapping are listed so nothing is forgotten.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, mapping_path: str) -> int:
    mapping: dict[str, str] = runpy.run_path(mapping_path)["EN"]
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") != "unfinished" and translation.text:
            continue
        if source in mapping:
            translation.text = mapping[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
