"""Bytes to text: compressed files opened, encodings read where the bytes tell.

News files arrive as UTF-8 mostly, but also as UTF-16 (Windows "Unicode" text, with a
byte order mark), in the legacy Vietnamese code page Windows-1258, and gzip-compressed.
`decode` reads UTF-8 (with or without BOM) silently; a UTF-16/UTF-32 BOM, a `<meta
charset>` of an HTML page, or, failing those, charset-normalizer's detection decide
the rest, and the caller gets a warning saying what was assumed. Bytes that no
encoding explains are an error naming the first bad byte.
"""
from __future__ import annotations

import codecs
import gzip
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"

_BOMS = [  # longest first: the UTF-32 LE BOM begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", None), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Letters only Vietnamese writes: how a guess is told to be Vietnamese text.
_VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


# Bytes below which a non-Vietnamese guess is no better than chance.
_MIN_GUESS_BYTES = 200


class DecodeError(ValueError):
    """Bytes that are no text in any encoding we can tell; the message says where."""


def gunzip(data: bytes) -> bytes:
    """The content of gzip-compressed bytes (several members allowed)."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"not a valid gzip file ({exc})") from None


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def _utf8_error(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    bad = data[exc.start:exc.end].hex(" ")
    return (f"invalid byte(s) 0x{bad} at byte offset {exc.start} "
            f"(line {line}, byte {column} of the line)")


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _detected(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) from charset-normalizer, preferring a Vietnamese reading, then
    Windows-1258 when it gives Vietnamese letters, then (on enough bytes) its best
    guess; None when nothing fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    for match in matches:
        if match.language == "Vietnamese" or _VIETNAMESE.search(str(match)):
            return str(match), match.encoding
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = ""
    if _VIETNAMESE.search(text):
        return text, "cp1258"
    if matches and len(data) >= _MIN_GUESS_BYTES:
        return str(matches[0]), matches[0].encoding
    return None  # too few bytes to tell one encoding from another


def _name(encoding: str) -> str:
    """A codec name as people write it ("windows-1258", "UTF-16")."""
    name = codecs.lookup(encoding).name
    if name.startswith("cp12"):
        return "windows-" + name[2:]
    return name.upper() if name.startswith("utf") else name


def decode(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """(text, warning or None). UTF-8 gives no warning; anything else says what was assumed.

    Raises DecodeError when the bytes are not text (a NUL byte in what would be UTF-8,
    or nothing charset-normalizer recognises).
    """
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {label or 'UTF-8'} byte order mark but is not {label or 'UTF-8'}: "
                                  f"{exc.reason} at byte offset {exc.start + len(bom)}") from None
            return text, (f"read as {label} (its byte order mark says so)" if label else None)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_problem = _utf8_error(data, exc)
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared), f"not UTF-8: read as {_name(declared)}, as its <meta charset> says"
            except UnicodeDecodeError:
                pass
    found = _detected(data)
    if found is None or "\x00" in found[0]:
        raise DecodeError(f"not UTF-8 ({utf8_problem}), and no other text encoding fits: not a text file?")
    text, encoding = found
    return text, (f"not UTF-8 ({utf8_problem}): read as {_name(encoding)}, the encoding charset-normalizer "
                  "detected; check the text, or save the file as UTF-8")
