"""City districts (bydeler) as reference data, and the one function that writes them.

Oslo (0301) is the municipality whose districts matter to Fagløft: each of its districts runs its
own child welfare service, and a KOSTRA 15F file names each client's district. The list follows
SSB's regional classification of Oslo's districts (region codes 030101–030117), in force since the
district reform of 1 January 2004 (15 districts); Sentrum (16) and Marka (17) are SSB's own codes
for the parts of the city outside the 15 districts, and files use them too.

`ensure_reference_districts` is called by the data migration (with the historical models) and by the
tree import when it creates or updates municipalities (with the live ones), so the districts
exist whichever comes first. It creates only what is missing: running it again changes nothing,
and a name an admin has corrected is kept.
"""

from __future__ import annotations

import datetime
from typing import Any

DISTRICT_REFORM = datetime.date(2004, 1, 1)

REFERENCE_DISTRICTS: dict[str, list[tuple[str, str]]] = {
    "0301": [
        ("01", "Gamle Oslo"),
        ("02", "Grünerløkka"),
        ("03", "Sagene"),
        ("04", "St. Hanshaugen"),
        ("05", "Frogner"),
        ("06", "Ullern"),
        ("07", "Vestre Aker"),
        ("08", "Nordre Aker"),
        ("09", "Bjerke"),
        ("10", "Grorud"),
        ("11", "Stovner"),
        ("12", "Alna"),
        ("13", "Østensjø"),
        ("14", "Nordstrand"),
        ("15", "Søndre Nordstrand"),
        ("16", "Sentrum"),
        ("17", "Marka"),
    ]
}


def ensure_reference_districts(district_model: Any, municipality_model: Any) -> int:
    """Create the reference districts missing for the municipalities that exist. Returns how many.

    Takes the models as arguments so a migration can pass its historical ones."""
    created = 0
    for number, districts in REFERENCE_DISTRICTS.items():
        municipality = municipality_model.objects.filter(number=number).first()
        if municipality is None:
            continue
        existing = set(district_model.objects.filter(municipality=municipality).values_list("number", flat=True))
        missing = [
            district_model(municipality=municipality, number=code, name=name, valid_from=DISTRICT_REFORM)
            for code, name in districts
            if code not in existing
        ]
        district_model.objects.bulk_create(missing)
        created += len(missing)
    return created
