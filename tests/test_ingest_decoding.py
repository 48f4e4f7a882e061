"""Tests of transforms/ingest/decoding.py: bytes to normalised text, and the binary inputs it rejects."""

import pytest

from transforms.ingest import InputRejected, QuarantineReason, decode_text


def test_decode_utf8_with_bom():
    assert decode_text("\ufeffDéfense talks".encode("utf-8")) == "Défense talks"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(codec):
    data = "\ufeffNaval drill ‘Sea Shield’\r\nends".encode(codec)
    assert decode_text(data) == "Naval drill ‘Sea Shield’\nends"


def test_decode_cp1252_falls_back_from_utf8():
    data = b"The minister said \x93we agree\x94 \x96 caf\xe9"
    assert decode_text(data) == "The minister said “we agree” – café"


def test_decode_normalises_line_ends_and_drops_stray_nul_bytes():
    data = b"First line\r\nsecond\x00 line\rthird"
    assert decode_text(data) == "First line\nsecond line\nthird"


def test_decode_rejects_binary():
    with pytest.raises(InputRejected) as rejected:
        decode_text(bytes(range(256)) * 10)
    assert rejected.value.reason == QuarantineReason.BINARY


def test_decode_rejects_utf16_without_bom_as_binary():
    with pytest.raises(InputRejected) as rejected:
        decode_text("A plain English sentence about drills.".encode("utf-16-le"))
    assert rejected.value.reason == QuarantineReason.BINARY
