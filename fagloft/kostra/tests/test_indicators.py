"""Every figure derived from a 15F file, from small documents whose answer is known."""

from __future__ import annotations

import datetime

from fagloft.kostra.tests import builders as b
from fagloft.kostra.validation.engine import validate_file
from fagloft.kostra.validation.indicators import DEFINITIONS, add_months, within_months

Y = b.YEAR


def _figures(tmp_path, *individer):
    return validate_file(b.write(tmp_path, *individer)).indicators


def _pair(figures, code):
    return figures[code]["numerator"], figures[code]["denominator"]


def test_every_definition_documents_its_xml_fields_and_is_reported():
    assert all(d.fields and d.name and d.numerator for d in DEFINITIONS)
    assert len({d.code for d in DEFINITIONS}) == len(DEFINITIONS)


def test_referrals_reviewed_within_a_week_count_seven_days_as_in_time_and_eight_as_a_breach(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(
            b.melding(Id="M1", StartDato=f"{Y}-03-01", SluttDato=f"{Y}-03-08"),  # 7 days: in time
            b.melding(Id="M2", StartDato=f"{Y}-03-01", SluttDato=f"{Y}-03-09"),  # 8 days: breach
            b.melding(Id="M3", StartDato=f"{Y}-03-01", SluttDato=None, Konklusjon=None),  # open: not counted
            b.melding(Id="M4", StartDato=f"{Y - 1}-12-28", SluttDato=f"{Y}-01-02"),  # concluded in the year
        ),
    )
    assert _pair(figures, "kostra-meldinger-innen-frist") == (2, 3)
    assert figures["kostra-meldinger-innen-frist"]["value"] == 66.7
    assert figures["kostra-meldinger-mottatt"]["numerator"] == 3


def test_investigations_within_three_and_six_months(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(
            b.melding(b.undersokelse(Id="U1", StartDato=f"{Y}-01-31", SluttDato=f"{Y}-04-30"), Id="M1"),  # 3 months
            b.melding(
                b.undersokelse(Id="U2", StartDato=f"{Y}-02-01", SluttDato=f"{Y}-05-02"), Id="M2"
            ),  # 3 months + 1 day
            b.melding(
                b.undersokelse(Id="U3", StartDato=f"{Y}-02-01", SluttDato=f"{Y}-09-01"), Id="M3"
            ),  # over 6 months
            StartDato=f"{Y}-01-02",
        ),
    )
    assert _pair(figures, "kostra-undersokelser-innen-frist") == (1, 3)
    assert _pair(figures, "kostra-undersokelser-innen-6-mnd") == (2, 3)
    assert figures["kostra-barn-med-undersokelse"]["numerator"] == 1


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(datetime.date(2024, 11, 30), 3) == datetime.date(2025, 2, 28)
    for start, end in [
        (datetime.date(2024, 11, 30), datetime.date(2025, 2, 28)),
        (datetime.date(2024, 11, 30), datetime.date(2025, 3, 1)),
        (datetime.date(2024, 1, 15), datetime.date(2024, 4, 15)),
    ]:
        assert within_months(start, end, 3) == (end <= add_months(start, 3))


def test_children_with_measures_during_the_year_and_at_year_end(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(b.tiltak(SluttDato=f"{Y}-06-30")),  # during the year only
        b.individ(b.tiltak()),  # still open at year end
        b.individ(b.tiltak(StartDato=f"{Y - 1}-03-01", SluttDato=f"{Y}-12-31"), StartDato=f"{Y - 1}-01-01"),
        b.individ(),  # no measure
    )
    assert figures["kostra-barn-med-tiltak"]["numerator"] == 3
    assert figures["kostra-barn-med-tiltak-3112"]["numerator"] == 2


def test_measures_plan_share_counts_children_in_support_measures_only(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(b.tiltak(), b.plan(EvaluertDato=f"{Y}-09-01")),  # support measure, plan, evaluated
        b.individ(b.tiltak(), b.plan()),  # plan, not evaluated
        b.individ(b.tiltak(), b.plan(Plantype="4")),  # a care plan is no measures plan
        b.individ(b.tiltak(kode="2.1"), b.plan()),  # placed: not a support-measure child
    )
    assert _pair(figures, "kostra-tiltaksplan-andel") == (2, 3)
    assert _pair(figures, "kostra-tiltaksplan-evaluert") == (1, 2)


def test_placements_by_kind_at_year_end(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(b.tiltak(kode="2.1")),  # foster home in the family's network
        b.individ(b.tiltak(kode="2.6")),  # temporary home in the network
        b.individ(b.tiltak(kode="2.2")),  # other foster home
        b.individ(b.tiltak(kode="1.1")),  # institution
        b.individ(b.tiltak(kode="2.2", SluttDato=f"{Y}-05-01")),  # ended before year end
    )
    assert _pair(figures, "kostra-plasseringer-fosterhjem-familie") == (2, 3)
    assert figures["kostra-plasseringer-fosterhjem-ellers"]["numerator"] == 1
    assert figures["kostra-plasseringer-institusjon"]["numerator"] == 1


def test_moves_per_placed_child(tmp_path, kostra_dir):
    figures = _figures(
        tmp_path,
        b.individ(
            b.tiltak(kode="2.2"),
            b.flytting(Id="F1", SluttDato=f"{Y}-04-01"),
            b.flytting(Id="F2", SluttDato=f"{Y}-08-01"),
        ),
        b.individ(b.tiltak(kode="1.1")),
        b.individ(b.tiltak(kode="3.9")),  # not placed: not in the denominator
    )
    assert _pair(figures, "kostra-flyttinger-per-plassert-barn") == (2, 2)
    assert figures["kostra-flyttinger-per-plassert-barn"]["value"] == 1.0


def test_a_share_without_a_denominator_has_no_value(tmp_path, kostra_dir):
    figures = _figures(tmp_path, b.individ())
    assert figures["kostra-plasseringer-fosterhjem-familie"]["value"] is None


def test_clients_that_fail_the_schema_are_not_counted(tmp_path, kostra_dir):
    figures = _figures(tmp_path, b.individ(b.tiltak()), b.individ(b.tiltak(), Saksbehandler=None))
    assert figures["kostra-barn-med-tiltak"]["numerator"] == 1
