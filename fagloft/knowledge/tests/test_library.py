"""The library: a contributor proposes, the network's coordinator approves, versions stay in the
history; files are checked and served only with access."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from fagloft.knowledge import services
from fagloft.knowledge.models import LibraryCoordinator, LibraryItem, LibraryVersion
from fagloft.lib.refusals import Refused
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.tests.factories import build_tree, login, make_user

pytestmark = pytest.mark.django_db


def pdf(name: str = "mal.pdf", body: bytes = b"innhold") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body, content_type="application/pdf")


def docx(name: str = "mal.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tree = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    coordinator = tree.users["coordinator_x"]
    LibraryCoordinator.objects.create(network=network, user=coordinator)
    return tree, network, coordinator


def test_a_proposal_is_published_only_when_the_coordinator_approves(setup, client):
    tree, network, coordinator = setup
    leader = tree.users["leader_ab"]
    item = services.create_library_item(
        leader, network, title="Undersøkelsesmal", kind="investigation", owner_name="Alvik", licence="cc_by"
    )
    first = services.add_version(leader, item, upload=pdf(), note="Første utgave")
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.SUBMITTED and item.published_version is None
    # Readers who are not owner or coordinator see nothing yet.
    login(client, tree.users["employee_ab"])
    assert client.get(f"/kunnskap/bibliotek/{item.pk}/").status_code == 404
    assert client.get(f"/kunnskap/bibliotek/versjoner/{first.pk}/fil/").status_code == 404

    with pytest.raises(PermissionDenied):
        services.approve_version(leader, first)  # the owner is no coordinator
    services.approve_version(coordinator, first)
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.PUBLISHED and item.published_version == first

    second = services.add_version(leader, item, upload=docx(), note="Nye spørsmål")
    item.refresh_from_db()
    assert item.published_version == first  # the published one stays until the next approval
    services.approve_version(coordinator, second)
    item.refresh_from_db()
    assert item.published_version == second
    assert list(item.versions.values_list("number", "state")) == [(2, "approved"), (1, "approved")]

    response = client.get(f"/kunnskap/bibliotek/versjoner/{second.pk}/fil/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    item.refresh_from_db()
    assert item.downloads == 1


def test_a_coordinator_of_another_network_cannot_approve(setup):
    tree, network, coordinator = setup
    other = make_network(tree.county_x, [tree.municipality_a], "Annet nettverk")
    stranger = make_user("koordinator2", "network_coordinator", tree.county_x)
    LibraryCoordinator.objects.create(network=other, user=stranger)
    item = services.create_library_item(tree.users["leader_ab"], network, title="Rutine", owner_name="Alvik")
    version = services.add_version(tree.users["leader_ab"], item, upload=pdf())
    with pytest.raises(PermissionDenied):
        services.approve_version(stranger, version)
    services.reject_version(coordinator, version)
    version.refresh_from_db()
    assert version.state == LibraryVersion.State.REJECTED
    with pytest.raises(Refused):
        services.approve_version(coordinator, version)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("skript.exe", b"MZ..."),
        SimpleUploadedFile("falsk.pdf", b"<html>not a pdf</html>"),
        SimpleUploadedFile("falsk.docx", b"PK\x03\x04 broken zip"),
        SimpleUploadedFile("tom.pdf", b""),
    ],
    ids=["type", "pdf-content", "docx-content", "empty"],
)
def test_files_are_checked_by_name_and_content(setup, upload):
    tree, network, _coordinator = setup
    item = services.create_library_item(tree.users["leader_ab"], network, title="Mal", owner_name="Alvik")
    with pytest.raises(Refused) as error:
        services.add_version(tree.users["leader_ab"], item, upload=upload)
    assert error.value.field == "file"
    assert not item.versions.exists()


def test_the_national_library_is_written_by_bufdir_only(setup):
    tree, _network, _coordinator = setup
    with pytest.raises(PermissionDenied):
        services.create_library_item(tree.users["leader_ab"], None, title="Nasjonal", owner_name="X")
    item = services.create_library_item(tree.users["national"], None, title="Nasjonal veileder", owner_name="Bufdir")
    version = services.add_version(tree.users["national"], item, upload=pdf())
    services.approve_version(tree.users["national"], version)
    item.refresh_from_db()
    assert item.status == "published"
