"""Hostile or broken input is refused with a clear Norwegian message, before anything is expanded."""

from __future__ import annotations

from pathlib import Path

import pytest

from fagloft.kostra.tests import builders as b
from fagloft.kostra.validation.engine import validate_file
from fagloft.lib.safexml import UnsafeXmlError, check_file, sniff

AVGIVER = '<Avgiver Organisasjonsnummer="944117784" Versjon="2024" Kommunenummer="3401" Kommunenavn="K"/>'


def _write(tmp_path: Path, content: bytes | str, name: str = "fil.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("TOPPHEMMELIG")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE Barnevern [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f'<Barnevern>{AVGIVER}<Individ Id="&xxe;"/></Barnevern>'
    )
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "DOCTYPE" in report.error
    assert "TOPPHEMMELIG" not in str(report.as_json())


def test_entity_expansion_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">' for i in range(1, 10)
    )
    xml = f'<?xml version="1.0"?><!DOCTYPE Barnevern [{entities}]><Barnevern>&lol9;</Barnevern>'
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "entitetsutvidelse" in report.error


def test_any_doctype_is_refused_even_without_entities(tmp_path):
    xml = f'<?xml version="1.0"?><!-- kommentar --><!DOCTYPE Barnevern SYSTEM "http://example.invalid/x.dtd"><Barnevern>{AVGIVER}</Barnevern>'
    assert validate_file(_write(tmp_path, xml)).exit_code == 2


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    path = b.write(tmp_path, b.individ())
    report = validate_file(path, max_bytes=100)
    assert report.exit_code == 2
    assert "for stor" in report.error


def test_the_size_limit_comes_from_the_settings_by_default(tmp_path, settings):
    settings.FAGLOFT_MAX_UPLOAD_BYTES = 50
    path = b.write(tmp_path, b.individ())
    with pytest.raises(UnsafeXmlError, match="for stor"):
        check_file(path)


def test_a_wrong_root_element_is_refused(tmp_path):
    xml = f'<?xml version="1.0"?><Kostra>{AVGIVER}</Kostra>'
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "rotelementet" in report.error and "<Kostra>" in report.error


def test_a_root_without_any_records_is_refused_with_the_root_named(tmp_path):
    report = validate_file(_write(tmp_path, "<html><body>hei</body></html>"))
    assert report.exit_code == 2 and "<html>" in report.error


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "tom"),
        (b"   \n  ", "tom"),
        (b"Journalnummer;Fodselsnummer\n1;123", "ikke en XML-fil"),
        (b"\x00\x01\x02binary\xff", "binære data"),
        (b"%PDF-1.4 ...", "ikke en XML-fil"),
    ],
)
def test_empty_files_csv_and_binary_junk_are_not_xml(tmp_path, content, words):
    report = validate_file(_write(tmp_path, content))
    assert report.exit_code == 2
    assert words in report.error


def test_xml_that_is_not_well_formed_names_the_line(tmp_path):
    xml = f'<?xml version="1.0"?>\n<Barnevern>\n{AVGIVER}\n<Individ>\n</Barnevern>'
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "ikke gyldig XML (linje" in report.error


def test_a_byte_order_mark_is_fine(tmp_path, kostra_dir):
    content = b"\xef\xbb\xbf" + b.document(b.individ()).replace(b"ISO-8859-1", b"UTF-8")
    assert validate_file(_write(tmp_path, content)).exit_code == 0


def test_sniffing_refuses_utf16_files():
    with pytest.raises(UnsafeXmlError):
        sniff("<?xml version='1.0'?>".encode("utf-16"))


def test_schema_error_messages_never_quote_an_identity_number(tmp_path, kostra_dir):
    number = b.fnr(seed=5)
    path = b.write(tmp_path, b.individ(Fodselsnummer=number, Avslutta3112="9"))
    report = validate_file(path)
    assert [f["rule"] for f in report.findings].count("Individ01") == 1, report.error
    assert number not in str(report.as_json())


def test_a_doctype_hidden_behind_64_kb_of_comments_is_refused(tmp_path):
    padding = "<!-- " + "x" * (70 * 1024) + " -->"
    xml = (
        f'<?xml version="1.0"?>{padding}<!DOCTYPE Barnevern [<!ENTITY e "ekspandert">]>'
        f"<Barnevern>{AVGIVER}<Individ Id='1'>&e;</Individ></Barnevern>"
    )
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "DOCTYPE" in report.error
    assert "ekspandert" not in str(report.as_json())


def test_an_undeclared_entity_in_text_is_a_clear_error_with_line_and_column(tmp_path):
    xml = f'<?xml version="1.0"?>\n<Barnevern>{AVGIVER}\n<Individ Id="1">&fnr;</Individ></Barnevern>'
    report = validate_file(_write(tmp_path, xml))
    assert report.exit_code == 2
    assert "linje 3" in report.error and "kolonne" in report.error
    assert "&fnr;" in report.error
    assert "line 0" not in report.error and "no element found" not in report.error


def test_file_level_refusals_are_shown_in_the_readers_language(tmp_path):
    from django.utils import translation

    from fagloft.kostra.validation.rules import localize

    report = validate_file(_write(tmp_path, f"<Barnevern>{AVGIVER}<Individ></Barn></Barnevern>"))
    (finding,) = report.findings
    with translation.override("en"):
        english = localize([finding])[0]["message"]
    with translation.override("nb"):
        norwegian = localize([finding])[0]["message"]
    assert norwegian.startswith("Filen er ikke gyldig XML (linje 1")
    assert english != norwegian and "XML" in english and "<Individ>" in english
