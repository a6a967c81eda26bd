#include "crm/note_service.hpp"

#include "auth/visibility.hpp"
#include "crm/record_access.hpp"
#include "crm/task_service.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {

using store::Param;

Note NoteFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Note note;
        note.id = r.Int();
        note.record_type = ParseRecordType(r.Text()).value_or(RecordType::kLead);
        note.record_id = r.Int();
        note.author_id = r.OptInt();
        note.body = r.Text();
        note.created_at = r.Int();
        return note;
    });
}

Result<Note> NoteService::Add(const auth::Principal& principal, RecordType type, std::int64_t record_id,
                              const std::string& text) {
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<Note> {
        auto record = FindVisibleRecord(tx, auth::ScopeOf(principal), type, record_id);
        if (!record) return std::move(record).error();
        auto body = CheckLongText(text, "text", kMaxNoteLength);
        if (!body) return std::move(body).error();
        const auto id = tx.Insert(sql::kNoteInsert, {Param(RecordTypeName(type)), Param(record_id),
                                                     Param(principal.user.id), Param(*body), Param(now)});
        return NoteFromRow(*tx.FetchOne(sql::kNoteGet, {Param(id)}));
    });
}

Result<Page<Note>> NoteService::List(const auth::Principal& principal, RecordType type,
                                     std::int64_t record_id, const PageRequest& page) {
    const auto after_id = page.AfterId("notes");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Note>> {
        auto record = FindVisibleRecord(tx, auth::ScopeOf(principal), type, record_id);
        if (!record) return std::move(record).error();
        const auto rows = tx.Fetch(sql::kNoteList, {Param(RecordTypeName(type)), Param(record_id),
                                                    Param(*after_id), Param(page.limit + 1)});
        std::vector<Note> notes;
        notes.reserve(rows.size());
        for (const auto& row : rows) notes.push_back(NoteFromRow(row));
        return MakePage(std::move(notes), page.limit, "notes", [](const Note& n) { return n.id; });
    });
}

}  // namespace voronka::crm
