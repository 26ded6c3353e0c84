from fagloft.tests import walk

test_walk = walk.app_walk_test("fagloft.organising", ("/organisering/", "/api/v1/organising/"))
