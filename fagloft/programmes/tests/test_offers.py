"""Publishing and changing offers: a provider for its own environment only, Bufdir for any; audited,
versioned, bounded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.networks.tests.factories import make_environment
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.programmes import services
from fagloft.programmes.models import Offer
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_tree()


def _post(provider, **extra):
    data = {
        "kind": "further_education",
        "title": "Traumebevisst praksis",
        "description": "Videreutdanning for ansatte i barnevernet.",
        "provider": provider.pk,
        "level": "master",
        "ects": "30",
        "length": "To semestre",
        "delivery": "blended",
        "places": "40",
        "cost": "0",
        "requirement_route": "bachelor",
        "is_published": "on",
    }
    data.update(extra)
    return data


def test_a_provider_creates_and_edits_its_own_offer(client, tree):
    provider = f.provider_for(tree)
    login(client, tree.users["competence_env"])
    assert 'href="/programmer/tilbud/nytt/"' in client.get(reverse("programmes:index")).content.decode()

    response = client.post(reverse("programmes:offer-create"), _post(provider))
    offer = Offer.objects.get(title="Traumebevisst praksis")
    assert response.status_code == 302
    assert response.url == reverse("programmes:offer", args=[offer.pk])
    assert offer.provider == provider
    assert offer.code == "traumebevisst-praksis"
    created = AuditEvent.objects.get(
        verb=AuditEvent.Verb.CREATE, object_type="programmes.offer", object_id=str(offer.pk)
    )
    assert created.actor == tree.users["competence_env"]
    assert created.object_type == "programmes.offer"

    page = client.get(reverse("programmes:offer", args=[offer.pk])).content.decode()
    assert reverse("programmes:offer-edit", args=[offer.pk]) in page

    edit = reverse("programmes:offer-edit", args=[offer.pk])
    response = client.post(edit, _post(provider, title="Traumebevisst praksis 2", places="45", version=offer.version))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.places, offer.version) == ("Traumebevisst praksis 2", 45, 2)
    updated = AuditEvent.objects.get(
        verb=AuditEvent.Verb.UPDATE, object_type="programmes.offer", object_id=str(offer.pk)
    )
    assert updated.changes["places"] == [40, 45]

    # A stale version (the page loaded before the save above) is refused, not overwritten.
    response = client.post(edit, _post(provider, title="Gammel side", version=1))
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.title == "Traumebevisst praksis 2"


def test_a_provider_cannot_edit_another_environments_offer_nor_publish_for_it(client, tree):
    own = f.provider_for(tree)
    other = make_environment("RBUP Øst")
    offer = Offer.objects.create(code="annen", kind="leadership", title="Annen tilbyders tilbud", provider=other)
    login(client, tree.users["competence_env"])

    page = client.get(reverse("programmes:offer", args=[offer.pk])).content.decode()
    assert reverse("programmes:offer-edit", args=[offer.pk]) not in page
    edit = reverse("programmes:offer-edit", args=[offer.pk])
    assert client.get(edit).status_code in (403, 404)
    assert client.post(edit, _post(own, version=offer.version)).status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.title == "Annen tilbyders tilbud"

    # The page lists only its own environment, and the use case refuses another's by itself.
    response = client.post(reverse("programmes:offer-create"), _post(other))
    assert response.status_code == 200
    assert not Offer.objects.filter(title="Traumebevisst praksis").exists()
    with pytest.raises(Refused, match="eget kompetansemiljø"):
        services.create_offer(tree.users["competence_env"], {"kind": "leadership", "title": "X", "provider": other})
    # Nor may it hand its own offer over to another environment.
    mine = services.create_offer(tree.users["competence_env"], {"kind": "leadership", "title": "Y", "provider": own})
    with pytest.raises(Refused, match="eget kompetansemiljø"):
        services.update_offer(tree.users["competence_env"], mine, {"provider": other}, mine.version)


def test_bufdir_publishes_for_any_provider_and_an_employee_cannot_create(client, tree):
    other = make_environment("NUBU")
    login(client, tree.users["national"])
    assert client.post(reverse("programmes:offer-create"), _post(other)).status_code == 302
    assert Offer.objects.get(title="Traumebevisst praksis").provider == other

    login(client, tree.users["employee_ab"])
    assert 'href="/programmer/tilbud/nytt/"' not in client.get(reverse("programmes:index")).content.decode()
    assert client.get(reverse("programmes:offer-create")).status_code == 403
    assert client.post(reverse("programmes:offer-create"), _post(other, title="Fra ansatt")).status_code == 403
    assert not Offer.objects.filter(title="Fra ansatt").exists()


def test_bounds_are_refused_in_norwegian(client, tree):
    provider = f.provider_for(tree)
    login(client, tree.users["competence_env"])
    url = reverse("programmes:offer-create")

    response = client.post(url, _post(provider, ects="500", title="T" * 201))
    assert response.status_code == 200
    page = response.content.decode()
    assert "mindre enn eller lik 120" in page
    assert "200 eller færre tegn" in page

    response = client.post(url, _post(provider, starts_on="2031-08-15", ends_on="2031-06-01"))
    assert "Tilbudet kan ikke slutte før det starter." in response.content.decode()
    response = client.post(url, _post(provider, ects=""))
    assert "Videreutdanning må ha studiepoeng." in response.content.decode()
    assert not Offer.objects.filter(title="Traumebevisst praksis").exists()
