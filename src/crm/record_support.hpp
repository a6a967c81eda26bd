// What the company and contact services share: the owner rule on create and change, the
// list sort, and contact points as history text. Owned by crm (records). Pure apart from
// CheckOwnerChoice, which reads users through auth::UserService. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model.hpp"
#include "auth/user_service.hpp"
#include "core/error.hpp"
#include "crm/list_order.hpp"
#include "crm/model.hpp"

namespace voronka::crm {

// The order of a list, ties broken by id. created_at follows id (ids grow with creation time).
// Pages continue after the cursor's record (keyset on the sort key and id), so a page never
// repeats or skips a record unless that record's key changes between the requests.
enum class ListSort {
    kIdAscending,
    kIdDescending,
    kNameAscending,
    kNameDescending,
    kUpdatedAscending,
    kUpdatedDescending,
};
inline constexpr std::string_view kListSorts =
    "id, -id, created_at, -created_at, updated_at, -updated_at, name, -name";
std::optional<ListSort> ParseListSort(std::string_view text);
// The list order of `sort` (crm/list_order.hpp): its key column, direction and key kind.
ListOrder OrderOf(ListSort sort);

// The filters of the company and contact lists (query parameters of the api).
struct RecordFilter {
    std::optional<std::int64_t> owner_id;
    // Contacts only: those of this company (a company out of sight or missing lists nothing,
    // as an empty company does). Companies ignore it.
    std::optional<std::int64_t> company_id;
    std::string q;                           // crm/text_query.hpp
    bool no_next_step = false;               // contacts: clients without an open task; companies: none
                                             // (NeedsNextStep never asks a company for one)
    std::optional<std::string> custom_name;  // cf.NAME=value
    std::string custom_value;
    ListSort sort = ListSort::kIdAscending;
};

// The owner of a new or changed record: the caller when absent; else a user the caller can see
// and who is active, or 422 naming `owner_id`. Calls UserService (a read transaction): call it
// before opening the write transaction.
Result<std::int64_t> CheckOwnerChoice(auth::UserService& users, const auth::Principal& principal,
                                      std::optional<std::int64_t> owner_id);

// Phones or e-mails as one history value ("+79991234567, +74951234567"); none for an empty list.
std::optional<std::string> PointsText(const std::vector<std::string>& values);

// The phones and e-mails of `after` that `before` lacks, for the duplicate check of a change.
ContactPoints AddedPoints(const ContactPoints& before, const ContactPoints& after);

// A company's tax id: 10 or 12 digits; 422 naming `inn` otherwise. Answers it trimmed.
Result<std::string> CheckInn(std::string_view inn);

}  // namespace voronka::crm
