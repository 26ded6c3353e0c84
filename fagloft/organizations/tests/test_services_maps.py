"""Map colouring by value classes, for the county map and other apps' maps."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from fagloft.organizations import maps
from fagloft.organizations.models import Municipality


def _m(pk: int) -> Municipality:
    return Municipality(pk=pk, number=f"91{pk:02d}", name=f"Kommune {pk}")


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def test_values_fall_into_classes_with_text_labels_and_counts():
    colour, legend = maps.value_classes({1: 5, 2: 15, 3: 25, 4: None}, [10, 20], unit="barn")
    assert [(c.label, c.count) for c in legend] == [
        ("under 10 barn", 1),
        ("10 – under 20 barn", 1),
        ("20 eller mer barn", 1),
        ("Ingen verdi", 1),
    ]
    assert colour(_m(1))[0] != colour(_m(3))[0]
    assert colour(_m(2)) == (legend[1].fill, "15 barn")
    assert colour(_m(4)) == (maps.NO_VALUE_FILL, "ingen verdi")


def test_a_value_on_a_limit_belongs_to_the_class_above():
    colour, legend = maps.value_classes({1: 10}, [10, 20])
    assert colour(_m(1))[0] == legend[1].fill


def test_too_many_classes_for_the_palette_are_refused():
    with pytest.raises(ValueError, match="colours"):
        maps.value_classes({}, [1, 2, 3, 4, 5, 6])


def test_nice_breaks_are_rounded_and_increasing():
    breaks = maps.nice_breaks([103, 487, 1220, 2310, 5120, 8010, 12444, 30111])
    assert breaks == sorted(breaks) and len(breaks) == 3
    assert all(b == round(b, -1) for b in breaks)


def test_the_legend_names_every_class_in_text():
    _colour, legend = maps.value_classes({1: 5, 2: 25}, [10])
    html = render_to_string("organizations/_map_legend.html", {"legend": legend, "legend_title": "Barn"})
    assert "under 10" in html and "10 eller mer" in html and "(1 kommune)" in html
    assert 'aria-hidden="true"' in html  # the swatch is decoration; the text carries the meaning
