"""Actions on indicators and their values.

Statistics for a municipality are readable by everyone who may see that municipality; county
values by everyone who may see the county; national values by every role that reads statistics
(`queries.visible_values` applies this through the tree's own SCOPE_PATHS).
"""

from fagloft.accounts.access import READ_ROLES, define, register_object_actions
from fagloft.accounts.roles import Role

VIEW_STATISTICS = define("statistics.view", "See indicators, values and comparisons", READ_ROLES)
VIEW_COUNTY_TABLE = define("statistics.view_county_table", "See the county table and map of an indicator", READ_ROLES)
EXPORT_STATISTICS = define("statistics.export", "Export indicator values to CSV and Excel", READ_ROLES)
API_INDICATORS = define("statistics.api_indicators", "Read the indicator catalogue through the API", READ_ROLES)
API_VALUES = define("statistics.api_values", "Read indicator values through the API", READ_ROLES)
ENTER_AREA_VALUES = define(
    "statistics.enter_area_values",
    "Enter values for a county or its municipalities by hand",
    [Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR],
)
ENTER_OWN_VALUES = define(
    "statistics.enter_own_values",
    "Enter the service's own-registration indicators by hand",
    [Role.ADMIN, Role.SERVICE_LEADER],
)
# The nation's own figures: Bufdir and admins only (a county advisor enters their county's).
ENTER_NATIONAL_VALUES = define(
    "statistics.enter_national_values",
    "Enter values for the whole country by hand",
    [Role.ADMIN, Role.NATIONAL],
)
IMPORT_SSB = define(
    "statistics.import_ssb",
    "Upload an SSB statistics-bank export as values of one indicator",
    [Role.ADMIN, Role.NATIONAL],
)

# What the statistics pages of a unit offer (export, hand entry), asked with permitted_actions.
register_object_actions("organizations.municipality", EXPORT_STATISTICS)
register_object_actions("organizations.county", EXPORT_STATISTICS, ENTER_AREA_VALUES)
register_object_actions("organizations.service", ENTER_OWN_VALUES)
