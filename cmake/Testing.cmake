# Test layers, each a ctest label (run one with `ctest -L unit`):
#   unit     pure rules and services, no sockets, no PostgreSQL;
#   server   the HTTP server in process, on loopback sockets, no PostgreSQL;
#   storage  one body per test, run on SQLite and on PostgreSQL;
#   api      the real `voronka` binary over HTTP, on both back ends.
# Storage and api tests need the `postgres` fixture: ctest starts a private PostgreSQL cluster
# (scripts/test-postgres.sh) before them and stops it after.
include(GoogleTest)

# voronka_add_test(NAME LABEL unit|server|storage|api SOURCES ... LIBS ...)
function(voronka_add_test name)
    cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
    set(properties LABELS ${ARG_LABEL})
    if(ARG_LABEL STREQUAL "storage" OR ARG_LABEL STREQUAL "api")
        list(APPEND properties
            FIXTURES_REQUIRED postgres
            ENVIRONMENT "VORONKA_TEST_PG_DIR=${VORONKA_TEST_PG_DIR}")
    endif()
    if(ARG_LABEL STREQUAL "api")
        # gtest_discover_tests flattens PROPERTIES, so a value must not be a `;` list: this
        # variable goes through ENVIRONMENT_MODIFICATION. Naming the binary makes the test wait
        # for it to build, which only api tests need.
        list(APPEND properties
            ENVIRONMENT_MODIFICATION "VORONKA_BINARY=set:$<TARGET_FILE:voronka>")
    endif()
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${properties})
endfunction()

function(voronka_add_unit_test name)
    cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
    voronka_add_test(${name} LABEL unit SOURCES ${ARG_UNPARSED_ARGUMENTS} LIBS ${ARG_LIBS})
endfunction()
