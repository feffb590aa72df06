# CSV export of stock and households rows in the import format (relais demo --csv DIR), with its
# round-trip test through the importer (included by CMakeLists.txt; needs import_sources.cmake).
set(HOUSING_EXPORT_SOURCES housing_export.cc)
set(HOUSING_EXPORT_TESTS housing_export_test.cc)
