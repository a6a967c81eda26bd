# Test layers, each a ctest label (run one with `ctest -L unit`):
#   unit     pure rules and services, no sockets, no PostgreSQL;
#   server   the HTTP server in process, on loopback sockets, no PostgreSQL;
#   storage  one body per test, run on SQLite and on PostgreSQL;
#   api      the real `voronka` binary over HTTP, on both back ends.
# Storage and api tests need the `postgres` fixture: ctest starts a private PostgreSQL cluster
# (scripts/test-postgres.sh) before them and stops it after.
#
# Every test of voronka_add_test logs the statements it runs into ${VORONKA_STATEMENT_LOG_DIR}
# (tests/support/test_run_log.cpp), and `statement_coverage` runs after all of them and fails on
# an embedded statement that no test ran: see voronka_add_statement_coverage and docs/testing.md.
include(GoogleTest)

set(VORONKA_STATEMENT_LOG_DIR ${CMAKE_BINARY_DIR}/statement-log)
# An OBJECT library, so that its static registration is linked into every test binary.
add_library(voronka_test_run_log OBJECT ${PROJECT_SOURCE_DIR}/tests/support/test_run_log.cpp)
target_link_libraries(voronka_test_run_log PRIVATE GTest::gtest)
target_compile_definitions(voronka_test_run_log PRIVATE
    VORONKA_STATEMENT_LOG_DIR="${VORONKA_STATEMENT_LOG_DIR}")

# voronka_add_test(NAME LABEL unit|server|storage|api SOURCES ... LIBS ...)
function(voronka_add_test name)
    cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS} voronka_test_run_log GTest::gtest GTest::gmock
                          GTest::gtest_main)
    set(properties LABELS ${ARG_LABEL})
    # One fixture each (gtest_discover_tests cannot pass a list): `postgres` and
    # `statement_log` both have the statement log's start as setup and the coverage as cleanup.
    if(ARG_LABEL STREQUAL "storage" OR ARG_LABEL STREQUAL "api")
        list(APPEND properties
            FIXTURES_REQUIRED postgres
            ENVIRONMENT "VORONKA_TEST_PG_DIR=${VORONKA_TEST_PG_DIR}")
    else()
        list(APPEND properties FIXTURES_REQUIRED statement_log)
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

# statement_coverage: after every test of voronka_add_test, lists each embedded statement (the
# lists that voronka_embed_sql writes) that no test ran, per back end, and fails when there is
# one not named in tests/statement_coverage_allowed.txt. It judges only a run in which every
# such test ran: after a subset (`ctest -L unit`, `-R x`) it reports itself skipped.
# statement_log_start empties the log before the first test. Call once, after every
# voronka_embed_sql (at the end of the top-level CMakeLists.txt).
function(voronka_add_statement_coverage)
    find_package(Python3 REQUIRED COMPONENTS Interpreter)
    get_property(lists GLOBAL PROPERTY VORONKA_STATEMENT_LISTS)
    set(script ${PROJECT_SOURCE_DIR}/tests/statement_coverage.py)
    add_test(NAME statement_log_start
             COMMAND Python3::Interpreter ${script} start --log ${VORONKA_STATEMENT_LOG_DIR})
    add_test(NAME statement_coverage
             COMMAND Python3::Interpreter ${script} check --log ${VORONKA_STATEMENT_LOG_DIR}
                     --ctest ${CMAKE_CTEST_COMMAND} --build ${CMAKE_BINARY_DIR}
                     --allowed ${PROJECT_SOURCE_DIR}/tests/statement_coverage_allowed.txt
                     ${lists})
    set_tests_properties(statement_log_start PROPERTIES
        LABELS coverage FIXTURES_SETUP "statement_log;postgres")
    set_tests_properties(statement_coverage PROPERTIES
        LABELS coverage FIXTURES_CLEANUP "statement_log;postgres" SKIP_RETURN_CODE 77 TIMEOUT 120)
endfunction()
