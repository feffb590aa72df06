# Import of the stock and households CSV files (relais import stock|households FILE): included
# by this folder's CMakeLists. housing_import.cc needs relais_csv (src/platform/CMakeLists.txt).
set(HOUSING_IMPORT_SOURCES housing_import.cc)
set(HOUSING_IMPORT_TESTS housing_import_test.cc)
