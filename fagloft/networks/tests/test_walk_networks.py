"""The permission walk over this app's pages and API (the project-wide walk covers them too; this
runs only this app's URLs, through the shared helper in `fagloft/tests/walk.py`)."""

from fagloft.tests import walk

test_walk = walk.app_walk_test(
    "fagloft.networks", ("/nettverk/", "/api/v1/networks", "/api/v1/gatherings", "/api/v1/projects")
)
