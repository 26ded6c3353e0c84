from fagloft.tests import walk

test_walk = walk.app_walk_test(
    "fagloft.programmes",
    (
        "/programmer/",
        "/api/v1/programmes",
        "/api/v1/study-places",
        "/api/v1/study-place-years",
        "/api/v1/enrolments",
        "/api/v1/programme-rounds",
        "/api/v1/programme-progress",
    ),
)
