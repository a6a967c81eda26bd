# Embeds text files into C++ at build time.
#
# voronka_embed_sql(TARGET NAMESPACE ns DIR dir) turns every `dir/NAME.sql` into a constant
# `ns::kName` of type voronka::store::Query, whose label is NAME. A statement whose text differs
# between the back ends is written as `NAME.sqlite.sql` plus `NAME.pg.sql`; a plain `NAME.sql`
# serves both. The generated header is HEADER (default `<target>_sql.hpp`) on the target's
# include path; with LIST it also defines `ns::kAll`, every statement in file-name order.
#
# A sorted list is one file (or one per dialect) that declares its closed set of orders:
#     -- @sort c.id c.name c.updated_at
#     -- @after $11
#     SELECT ... WHERE ... AND {{after}} ORDER BY {{order}} LIMIT $10
# Each column is generated into ascending and descending statements `NAME_by_KEY[_desc]` (the
# first page: `{{after}}` is `1 = 1`) and `NAME_by_KEY[_desc]_after` (after a cursor: the keyset
# condition `(col, id) > ($11, $12)`, or `<` descending, or `id > $11` when the key is the id),
# ORDER BY the column then the id of the same table alias, and a table `ns::kNameOrders` of
# store::SortedQuery (store/query.hpp) to pick them by key and direction. Each column needs an
# index on (column, id): see src/store/migrations/0007_list_orders.sql.
#
# A statement may use named SQL fragments, `/*@ name(arg, ...) @*/`, declared in the
# `src/*/*.fragments.sql` files and expanded per dialect: see embed_fragments.cmake.
#
# Each call also writes `<header>.statements.txt` beside the header, a line `NAME sqlite` and a line
# `NAME pg` per statement generated, and appends its path to the global property
# VORONKA_STATEMENT_LISTS: the test `statement_coverage` checks that tests run them all
# (docs/testing.md).
#
# voronka_embed_text(TARGET NAME symbol FILE path) makes `std::string_view symbol()` return the
# file's contents (header `<symbol>.hpp`).

set(VORONKA_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_generate.cmake)
file(GLOB VORONKA_SQL_FRAGMENTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*/*.fragments.sql)
string(REPLACE ";" "$<SEMICOLON>" VORONKA_SQL_FRAGMENTS_ARG "${VORONKA_SQL_FRAGMENTS}")

function(voronka_embed_sql target)
    cmake_parse_arguments(ARG "LIST" "NAMESPACE;DIR;HEADER" "" ${ARGN})
    if(NOT ARG_HEADER)
        set(ARG_HEADER ${target}_sql.hpp)
    endif()
    file(GLOB sql_files CONFIGURE_DEPENDS ${ARG_DIR}/*.sql)
    set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
    set(header ${out_dir}/${ARG_HEADER})
    set(statements ${header}.statements.txt)
    set_property(GLOBAL APPEND PROPERTY VORONKA_STATEMENT_LISTS ${statements})
    # The file list is one argument: `;` inside it must reach the script, not split it.
    string(REPLACE ";" "$<SEMICOLON>" files_arg "${sql_files}")
    add_custom_command(
        OUTPUT ${header} ${statements}
        COMMAND ${CMAKE_COMMAND} -DMODE=sql -DOUT=${header} -DSTATEMENTS=${statements}
                -DNAMESPACE=${ARG_NAMESPACE} -DLIST=${ARG_LIST} "-DFILES=${files_arg}"
                "-DFRAGMENTS=${VORONKA_SQL_FRAGMENTS_ARG}" -P ${VORONKA_EMBED_SCRIPT}
        DEPENDS ${sql_files} ${VORONKA_EMBED_SCRIPT} ${VORONKA_SQL_FRAGMENTS}
                ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_fragments.cmake
        COMMENT "Embedding SQL of ${target}"
        VERBATIM)
    target_sources(${target} PRIVATE ${header})
    target_include_directories(${target} PRIVATE ${out_dir})
endfunction()

function(voronka_embed_text target)
    cmake_parse_arguments(ARG "" "NAME;FILE" "" ${ARGN})
    set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
    set(source ${out_dir}/${ARG_NAME}.cpp)
    add_custom_command(
        OUTPUT ${source}
        COMMAND ${CMAKE_COMMAND} -DMODE=text -DOUT=${source} -DNAME=${ARG_NAME}
                -DFILES=${ARG_FILE} -P ${VORONKA_EMBED_SCRIPT}
        DEPENDS ${ARG_FILE} ${VORONKA_EMBED_SCRIPT}
        COMMENT "Embedding ${ARG_FILE}"
        VERBATIM)
    target_sources(${target} PRIVATE ${source})
endfunction()
