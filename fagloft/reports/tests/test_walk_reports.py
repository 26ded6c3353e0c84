from fagloft.tests import walk

test_walk = walk.app_walk_test("fagloft.reports", ("/rapporter/", "/api/v1/reports"))
