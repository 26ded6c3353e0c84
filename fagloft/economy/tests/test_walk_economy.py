from fagloft.tests import walk

test_walk = walk.app_walk_test("fagloft.economy", ("/okonomi/", "/api/v1/economy/"))
