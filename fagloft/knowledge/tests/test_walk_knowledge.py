from fagloft.tests import walk

test_walk = walk.app_walk_test(
    "fagloft.knowledge",
    (
        "/kunnskap/",
        "/api/v1/interventions",
        "/api/v1/offers",
        "/api/v1/coverage",
        "/api/v1/library",
        "/api/v1/technology",
        "/api/v1/deadlines",
    ),
)
