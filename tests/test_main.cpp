// The Catch2 test runner's entry point; every other tests/*_test.cpp adds cases.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
