"""Bytes to text: byte-order marks, encodings, binary files, stray control characters and line ends."""

from __future__ import annotations

import codecs
import re

from transforms.ingest.records import InputRejected, QuarantineReason


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")


def decode_text(data: bytes, by_line: bool = False) -> str:
    """Bytes to text with "\\n" line ends; raises InputRejected(binary). With `by_line` (a .jsonl feed, one
    record a line), each line without a BOM is decoded on its own, so a stray byte that makes one line
    cp1252 leaves the UTF-8 of every other record as written."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    else:
        sample = data[:_BINARY_SAMPLE]
        controls = sum(byte in _CONTROL_BYTES for byte in sample)
        if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
            raise InputRejected(
                QuarantineReason.BINARY,
                f"{controls} control bytes in the first {len(sample)}: not a text file",
            )
        text = "\n".join(_decode_without_bom(line) for line in data.split(b"\n")) if by_line else _decode_without_bom(data)
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """"\n" line ends, no stray control characters, no lone surrogates (as JSON "\\ud800" gives)."""
    text = _LONE_SURROGATES.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return _STRAY_CONTROLS.sub("", text)


# UTF-8, else cp1252 (Windows' Western European code page, what an English text that is not UTF-8 is
# written in), rather than charset-normalizer's guess: asked about the 35 articles of dev, dev2 and
# three written corpora that hold a letter past ASCII, encoded in cp1252, it named another code page
# (cp1250, Big5, mac_latin2) for 13 of them and so garbled their accented names.
def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


def clean_field(value: object) -> str | None:
    return (" ".join(normalise_text(value).split()) or None) if isinstance(value, str) else None
