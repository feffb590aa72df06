# Demo-data generator behind `relais demo` and the benchmarks (included by CMakeLists.txt).
set(HOUSING_DEMO_SOURCES demo_data.cc)
set(HOUSING_DEMO_TESTS demo_data_test.cc demo_data_upsert_test.cc)
