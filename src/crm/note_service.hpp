// Notes on leads, deals, contacts and companies: free text by the caller, newest first. Owned by
// crm. Thread-safe (stateless over the Database).
#pragma once

#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

inline constexpr std::size_t kMaxNoteLength = 10000;

class NoteService {
public:
    NoteService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Adds a note by the caller. NotFound when the record is missing, deleted or out of sight;
    // 422 naming `text` when blank, longer than 10,000 characters or with control characters.
    Result<Note> Add(const auth::Principal& principal, RecordType type, std::int64_t record_id,
                     const std::string& text);

    // The record's notes, newest first (the cursor continues with older ones). NotFound as Add.
    Result<Page<Note>> List(const auth::Principal& principal, RecordType type, std::int64_t record_id,
                            const PageRequest& page);

private:
    store::Database& db_;
    const Clock& clock_;
};

// A Note from a row of: id, record_type, record_id, author_id, body, created_at.
Note NoteFromRow(const store::Row& row);

}  // namespace voronka::crm
