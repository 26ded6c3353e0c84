"""The permission walk over this app's pages and API (the project-wide walk covers them too; this
runs only this app's URLs, through the shared helper in `fagloft/tests/walk.py`)."""

from fagloft.tests import walk

test_walk = walk.app_walk_test(
    "fagloft.assessments", ("/vurderinger/", "/api/v1/assessments", "/api/v1/guidance-engagements")
)
