// The statement log: which embedded statements a process ran, on which back end, for the test
// `statement_coverage` (docs/testing.md). Owned by store; thread-safe.
//
// This is test instrumentation, the one place outside `app` that reads the environment: like a
// compiler's profile output it must reach every process a test starts (test binaries and the
// `voronka` binary they run) without being wired through each one's configuration.
#pragma once

#include "store/query.hpp"

namespace voronka::store::internal {

// Notes that `query` ran to its end without error on `dialect`. When the environment variable
// VORONKA_STATEMENT_LOG names a directory, the first such run of each statement and dialect in
// this process appends the line "NAME sqlite" or "NAME pg" to DIR/statements-PID.log at once (so
// a killed process loses nothing); otherwise it costs one branch. A log that cannot be written is
// ignored: it never fails a statement.
void NoteStatement(const Query& query, Dialect dialect);

}  // namespace voronka::store::internal
