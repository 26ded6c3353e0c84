from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from fagloft.organizations.tests.factories import build_tree
from fagloft.statistics.catalogue import CATALOGUE
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.services import NewValue, record_values

REQUIRED = [
    "kostra-undersokelser-innen-frist",  # investigations concluded within the deadline
    "kostra-meldinger-innen-frist",  # notifications reviewed within a week
    "kostra-tiltaksplan-andel",  # children in support measures with a measures plan
    "kostra-barn-per-arsverk",  # children with investigation or measures per FTE
    "ssb-fagstillinger-per-1000",  # FTE with relevant education per 1,000 children 0–17
    "kostra-barn-med-tiltak-per-1000",  # children with measures per 1,000 children 0–17
    "kostra-plasseringer-fosterhjem-familie",  # placements in the family's own network
    "ssb-utgifter-per-barn-i-barnevernet",  # spending per child
]


@pytest.mark.django_db
def test_the_migration_seeds_the_catalogue_with_the_monitor_indicators():
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert set(REQUIRED) <= codes
    assert len(codes) >= len(CATALOGUE)


@pytest.mark.django_db
def test_every_indicator_has_names_in_three_languages_a_unit_and_levels():
    for indicator in Indicator.objects.filter(code__in=[entry["code"] for entry in CATALOGUE]):
        assert indicator.name_nb and indicator.name_nn and indicator.name_en, indicator.code
        assert indicator.unit and indicator.levels and indicator.definition, indicator.code
        assert set(indicator.levels) <= set(Indicator.LEVELS), indicator.code


@pytest.mark.django_db
def test_ratio_indicators_name_their_numerator_and_denominator():
    for indicator in Indicator.objects.filter(aggregation__in=["ratio", "per_children"]):
        assert indicator.numerator and indicator.denominator, indicator.code


@pytest.mark.django_db
def test_the_seed_command_restores_a_changed_indicator_only_with_update():
    Indicator.objects.filter(code="kostra-barn-per-arsverk").update(name_nb="Endret")
    call_command("seed_indicators")
    assert Indicator.objects.get(code="kostra-barn-per-arsverk").name_nb == "Endret"
    call_command("seed_indicators", "--update")
    assert (
        Indicator.objects.get(code="kostra-barn-per-arsverk").name_nb
        == "Barn med undersøkelse eller tiltak per årsverk"
    )


@pytest.mark.django_db
def test_kostra_derived_indicators_are_marked_by_their_code():
    from fagloft.kostra.validation.indicators import DEFINITIONS

    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {d.code for d in DEFINITIONS} <= codes
    assert all(code.startswith("kostra-") for code in codes if Indicator.objects.get(code=code).source == "kostra_15f")


@pytest.mark.django_db
def test_the_same_unit_period_and_source_cannot_be_stored_twice():
    tree = build_tree()
    indicator = Indicator.objects.get(code="kostra-barn-per-arsverk")
    IndicatorValue.objects.create(indicator=indicator, year=2023, is_national=True, value=1, source="ssb")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=indicator, year=2023, is_national=True, value=2, source="ssb")
    IndicatorValue.objects.create(
        indicator=indicator, year=2023, municipality=tree.municipality_a, value=1, source="ssb"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(
            indicator=indicator, year=2023, municipality=tree.municipality_a, value=3, source="ssb"
        )


@pytest.mark.django_db
def test_recording_a_value_again_replaces_it_and_is_audited():
    from fagloft.audit.models import AuditEvent

    tree = build_tree()
    value = NewValue("kostra-barn-per-arsverk", 2023, 12, municipality_id=tree.municipality_a.pk)
    record_values(None, [value], "ssb", "test")
    record_values(
        None, [NewValue("kostra-barn-per-arsverk", 2023, 14, municipality_id=tree.municipality_a.pk)], "ssb", "test"
    )
    stored = IndicatorValue.objects.get(municipality=tree.municipality_a)
    assert stored.value == 14 and stored.unit_key == f"m:{tree.municipality_a.pk}"
    assert AuditEvent.objects.filter(object_type="statistics.indicator").count() == 2


@pytest.mark.django_db
def test_an_unknown_indicator_code_writes_nothing():
    tree = build_tree()
    good = NewValue("kostra-barn-per-arsverk", 2023, 12, municipality_id=tree.municipality_a.pk)
    bad = NewValue("finnes-ikke", 2023, 12, municipality_id=tree.municipality_a.pk)
    with pytest.raises(Indicator.DoesNotExist):
        record_values(None, [good, bad], "ssb")
    assert not IndicatorValue.objects.exists()
