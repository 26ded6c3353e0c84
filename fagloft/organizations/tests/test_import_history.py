"""Finnmark as it was: the history file and the 2020–2024 crosswalk of municipality numbers."""

from __future__ import annotations

import datetime

import pytest

from fagloft.lib.importing import ImportProblem
from fagloft.organizations.importers.run import import_crosswalk, import_geo, import_history
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality
from fagloft.organizations.tests.shared_files import geo_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(db):
    for year in (2020, 2024):
        import_geo(geo_file(f"fylker-{year}.geojson"))
        import_geo(geo_file(f"kommuner-{year}.geojson"))


def numbers_in(county: str, day: datetime.date) -> set[str]:
    periods = CountyMembershipPeriod.objects.valid_on(day).filter(county__number=county)
    return set(periods.values_list("municipality__number", flat=True))


def test_finnmark_had_19_municipalities_until_2019_and_each_has_its_2020_successor(structure):
    import_history()
    finnmark = County.objects.get(number="20")
    assert finnmark.valid_to == datetime.date(2019, 12, 31)
    assert len(numbers_in("20", datetime.date(2019, 12, 31))) == 19
    assert numbers_in("20", datetime.date(2020, 1, 1)) == set()
    alta_2012 = Municipality.objects.get(number="2012")
    assert list(alta_2012.successors.values_list("number", flat=True)) == ["5403"]
    # Kvalsund and Hammerfest merged into Hammerfest 5406.
    hammerfest = Municipality.objects.get(number="5406")
    assert set(hammerfest.predecessors.values_list("number", flat=True)) == {"2004", "2017"}


def test_alta_is_in_troms_og_finnmark_in_2021_and_in_finnmark_in_2025(structure):
    import_history()
    import_crosswalk(geo_file("kommunenummer-2020-2024.csv"))
    assert "2012" in numbers_in("20", datetime.date(2019, 6, 1))
    assert "5403" in numbers_in("54", datetime.date(2021, 6, 1))
    assert "5601" in numbers_in("56", datetime.date(2025, 6, 1))
    chain = Municipality.objects.get(number="2012").successors.get().successors.get()
    assert (chain.number, chain.county.number) == ("5601", "56")


def test_the_crosswalk_links_renumbered_and_split_municipalities_once(structure):
    first = import_crosswalk(geo_file("kommunenummer-2020-2024.csv"))
    assert first.counts == {"links": 115, "unchanged": 242}
    alesund = Municipality.objects.get(number="1507")
    assert set(alesund.successors.values_list("number", flat=True)) == {"1508", "1580"}
    again = import_crosswalk(geo_file("kommunenummer-2020-2024.csv"))
    assert again.counts == {"links": 0, "unchanged": 357}
    assert Municipality.successors.through.objects.count() == 115


def test_history_names_a_missing_successor_with_line_and_field(db):
    with pytest.raises(ImportProblem) as error:
        import_history()
    assert str(error.value) == (
        "finnmark-til-2019.csv, linje 3, felt «etterfolgere»: ukjent etterfølger 5404; "
        "importer kommunene for året etter først"
    )
    assert not County.objects.exists()


def test_a_crosswalk_with_an_unknown_number_is_refused_and_nothing_is_linked(structure, tmp_path):
    path = tmp_path / "omnummerering.csv"
    path.write_text(
        "kommunenummer_2020,kommunenavn_2020,kommunenummer_2024,kommunenavn_2024,change\n"
        "5403,Alta,5601,Alta,renumbered\n5499,Ingen,5699,Ingen,renumbered\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ImportProblem, match="omnummerering.csv, linje 3, felt «kommunenummer_2020»: ukjent kommunenummer 5499"
    ):
        import_crosswalk(path)
    assert not Municipality.successors.through.objects.exists()


def test_a_renumbered_municipality_gets_its_predecessors_population_but_a_split_one_does_not(structure):
    from fagloft.organizations.importers.run import carry_population, import_population
    from fagloft.organizations.models import Population
    from fagloft.organizations.tests.shared_files import population_file

    import_crosswalk(geo_file("kommunenummer-2020-2024.csv"))
    import_population(population_file())
    first = carry_population()
    assert first.counts["created"] == 113 * 17  # 113 renumbered municipalities, 17 years each
    alta = Population.objects.get(municipality__number="5601", year=2020)
    assert (alta.total, alta.by_age) == (
        Population.objects.get(municipality__number="5403", year=2020).total,
        Population.objects.get(municipality__number="5403", year=2020).by_age,
    )
    assert "overført fra kommunenummer 5403" in alta.source
    assert not Population.objects.filter(municipality__number__in=["1508", "1580"]).exists()  # Ålesund was split
    assert carry_population().counts == {"created": 0, "updated": 0}
