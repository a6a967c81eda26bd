#include "crm/contact_points.hpp"

#include <fmt/format.h>

#include <set>

#include "core/phone.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

constexpr std::string_view kPhone = "phone";
constexpr std::string_view kEmail = "email";
// More would only be abuse; the limit keeps a record's search column bounded.
constexpr std::size_t kMaxPointsPerKind = 20;

std::string EmailKey(std::string_view email) {
    return FoldCase(email);
}

struct Match {
    RecordRef record;
    std::string field;
};

std::optional<Match> FindMatch(store::Transaction& tx, const ContactPoints& points,
                               std::optional<RecordRef> except) {
    const std::string except_type = except ? std::string(RecordTypeName(except->type)) : std::string();
    const std::int64_t except_id = except ? except->id : 0;
    const auto find = [&](std::string_view kind, const std::string& key) -> std::optional<RecordRef> {
        const auto row = tx.FetchOne(sql::kContactPointFindDuplicate,
                                     {Param(kind), Param(key), Param(except_type), Param(except_id)});
        if (!row) return std::nullopt;
        return store::ReadRow(*row, [](store::RowReader& r) -> std::optional<RecordRef> {
            const auto type = ParseRecordType(r.Text());
            const std::int64_t id = r.Int();
            if (!type) return std::nullopt;
            return RecordRef{*type, id};
        });
    };
    for (const auto& phone : points.phones) {
        if (auto found = find(kPhone, PhoneDigits(phone))) return Match{*found, "phones"};
    }
    for (const auto& email : points.emails) {
        if (auto found = find(kEmail, EmailKey(email))) return Match{*found, "emails"};
    }
    return std::nullopt;
}

// Adds the point of the next columns, kind and value, to `points`.
void ReadPointInto(store::RowReader& r, ContactPoints& points) {
    const std::string kind = r.Text();
    (kind == kPhone ? points.phones : points.emails).push_back(r.Text());
}

}  // namespace

Result<ContactPoints> NormalizeContactPoints(const std::vector<std::string>& phones,
                                             const std::vector<std::string>& emails,
                                             std::string_view default_region) {
    if (phones.size() > kMaxPointsPerKind) {
        return Error::Validation(fmt::format("at most {} phones", kMaxPointsPerKind), "phones");
    }
    if (emails.size() > kMaxPointsPerKind) {
        return Error::Validation(fmt::format("at most {} e-mails", kMaxPointsPerKind), "emails");
    }
    ContactPoints points;
    std::set<std::string> seen;
    for (const auto& text : phones) {
        auto phone = NormalizePhone(text, default_region, "phones");
        if (!phone) return std::move(phone).error();
        if (!seen.insert(*phone).second) {
            return Error::Validation(fmt::format("phones holds {} twice", *phone), "phones");
        }
        points.phones.push_back(std::move(*phone));
    }
    seen.clear();
    for (const auto& text : emails) {
        auto email = CheckEmail(text, "emails");
        if (!email) return std::move(email).error();
        if (!seen.insert(EmailKey(*email)).second) {
            return Error::Validation(fmt::format("emails holds {} twice", *email), "emails");
        }
        points.emails.push_back(std::move(*email));
    }
    return points;
}

void SaveContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id,
                       const ContactPoints& points) {
    const std::string type_name(RecordTypeName(type));
    tx.Execute(sql::kContactPointDelete, {Param(type_name), Param(record_id)});
    int position = 0;
    for (const auto& phone : points.phones) {
        tx.Execute(sql::kContactPointInsert, {Param(type_name), Param(record_id), Param(kPhone), Param(phone),
                                              Param(PhoneDigits(phone)), Param(position++)});
    }
    position = 0;
    for (const auto& email : points.emails) {
        tx.Execute(sql::kContactPointInsert, {Param(type_name), Param(record_id), Param(kEmail), Param(email),
                                              Param(EmailKey(email)), Param(position++)});
    }
}

ContactPoints LoadContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id) {
    ContactPoints points;
    for (const auto& row :
         tx.Fetch(sql::kContactPointList, {Param(std::string(RecordTypeName(type))), Param(record_id)})) {
        store::ReadRow(row, [&](store::RowReader& r) { ReadPointInto(r, points); });
    }
    return points;
}

std::map<std::int64_t, ContactPoints> LoadContactPointsOf(store::Transaction& tx, RecordType type,
                                                          const std::vector<std::int64_t>& record_ids) {
    std::map<std::int64_t, ContactPoints> points;
    if (record_ids.empty()) return points;
    for (const auto& row : tx.Fetch(sql::kContactPointListOf, {Param(std::string(RecordTypeName(type))),
                                                               store::ParamIds(record_ids)})) {
        store::ReadRow(row, [&](store::RowReader& r) { ReadPointInto(r, points[r.Int()]); });
    }
    return points;
}

Error DuplicateOf(const RecordRef& existing, std::string_view field) {
    Error error =
        Error::Duplicate(fmt::format("a {} with this {} already exists", RecordTypeName(existing.type),
                                     field == "emails" ? "e-mail" : "phone"),
                         std::string(field));
    error.existing = ErrorRecord{std::string(RecordTypeName(existing.type)), existing.id};
    return error;
}

std::optional<Error> CheckNoDuplicate(store::Transaction& tx, const store::Scope& scope,
                                      const ContactPoints& points, std::optional<RecordRef> except) {
    const auto match = FindMatch(tx, points, except);
    if (!match) return std::nullopt;
    const bool visible = tx.FetchOne(sql::kContactPointRecordVisible,
                                     store::ScopedParams(scope, {Param(RecordTypeName(match->record.type)),
                                                                 Param(match->record.id)}))
                             .has_value();
    if (visible) return DuplicateOf(match->record, match->field);
    return Error::Duplicate(fmt::format("a record with this {} already exists and belongs to another manager",
                                        match->field == "emails" ? "e-mail" : "phone"),
                            match->field);
}

std::vector<std::string> SearchParts(const ContactPoints& points) {
    std::vector<std::string> parts;
    parts.reserve(points.phones.size() + points.emails.size());
    for (const auto& phone : points.phones) parts.push_back(PhoneDigits(phone));
    for (const auto& email : points.emails) parts.push_back(email);
    return parts;
}

std::string RecordSearchDocument(std::initializer_list<std::string_view> texts, const ContactPoints& points) {
    std::string document = SearchDocument(texts);
    for (const auto& part : SearchParts(points)) {
        std::string folded = FoldForSearch(part);
        if (folded.empty()) continue;
        if (!document.empty()) document += kSearchPartSeparator;
        document += folded;
    }
    return document;
}

}  // namespace voronka::crm
