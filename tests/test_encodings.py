"""Legacy encodings: detected and named, or refused with advice; written back as they came."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tqa.cli import main
from tqa.errors import UserError
from tqa.text.textio import decode

RUSSIAN = "Министр иностранных дел России Сергей Лавров заявил, что Москва готова к диалогу.\n"
ARTICLE = "Lavrov said the move was «a provocation», - and left, ”the agency wrote.\r\n"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_single_byte_encodings_are_detected(encoding):
    source = decode(RUSSIAN.encode(encoding), "x.txt")
    assert source.encoding == encoding and source.text == RUSSIAN and "detected" in source.notice


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = "\ufeff".encode(codec) + ARTICLE.encode(codec)
    source = decode(data, "x.txt")
    assert source.text == ARTICLE and source.encode(source.text) == data


def test_unknown_encoding_is_refused_with_advice():
    with pytest.raises(UserError) as caught:
        decode("Caf\xe9 au lait, na\xefve.".encode("latin-1"), "x.txt")
    assert "--encoding" in str(caught.value) and caught.value.line == 1


def test_forced_encoding():
    assert decode("Caf\xe9".encode("latin-1"), "x", "latin-1").text == "Café"
    with pytest.raises(UserError, match="unknown encoding"):
        decode(b"x", "x", "no-such-codec")


def test_fix_writes_back_in_the_original_encoding(tmp_path):
    path = tmp_path / "a.txt"
    text = "Он сказал: «Мы готовы». We wait, ”the minister said.\r\n"
    path.write_bytes(text.encode("cp1251"))
    result = CliRunner().invoke(main, ["fix", "--select", "Q101", str(path)])
    assert "read as cp1251" in result.stderr
    assert path.read_bytes() == text.replace(", ”the", ",” the").encode("cp1251")


def test_fix_refuses_to_write_what_the_encoding_cannot_hold(tmp_path):
    path = tmp_path / "a.txt"
    original = "Москва и НАТО: позиция ясна - мы ждем. Ответ ясен - we wait.\n".encode("koi8_r")
    path.write_bytes(original)
    result = CliRunner().invoke(main, ["fix", "--unsafe-fixes", "--select", "P301", str(path)])
    assert result.exit_code == 2 and "koi8_r cannot hold" in result.stderr
    assert path.read_bytes() == original
