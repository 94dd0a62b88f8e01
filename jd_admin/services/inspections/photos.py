"""Photos of inspections and rectifications: checked by content (JPEG or PNG, whatever the file
is called), turned upright by their EXIF orientation, downscaled to at most
:data:`MAX_SIDE` pixels on the long side and stored as JPEG."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import _

MAX_INPUT_BYTES = 15 * 1024 * 1024
MAX_SIDE = 1600
JPEG_QUALITY = 85
ACCEPTED = ("JPEG", "PNG")
#: Decompression bombs: more pixels than this is refused before decoding.
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class StoredPhoto:
    content: bytes  # JPEG
    width: int
    height: int
    sha256: str


def check_size(size: int) -> None:
    """A photo file of ``size`` bytes is refused when too large — checked by the program
    before it reads the file, and again on its content by :func:`normalise`."""
    if size > MAX_INPUT_BYTES:
        raise InvalidInput(_("照片文件过大（{size} MB），不能超过 {limit} MB",
                             size=f"{size / 1024 / 1024:.1f}",
                             limit=MAX_INPUT_BYTES // 1024 // 1024))


def normalise(data: bytes) -> StoredPhoto:
    """The photo as stored; a file that is not a JPEG/PNG image, or too large, is refused."""
    check_size(len(data))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ACCEPTED:
                raise InvalidInput(_("照片须为 JPEG 或 PNG 图片（该文件是 {format}）",
                                     format=image.format or "?"))
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(_("照片像素过多（{w}×{h}）", w=image.width, h=image.height))
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(_("该文件不是可识别的 JPEG 或 PNG 图片")) from exc
    if upright.mode not in ("RGB", "L"):
        background = Image.new("RGB", upright.size, "white")
        rgba = upright.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        upright = background
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    content = out.getvalue()
    return StoredPhoto(content, upright.width, upright.height,
                       hashlib.sha256(content).hexdigest())
