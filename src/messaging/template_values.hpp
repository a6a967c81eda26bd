// What a template's placeholders stand for on one record, formatted for the organisation, and
// whom a message about a record goes to. Owned by messaging; read by the template service and
// by the automation engine. Runs inside the caller's transaction; sees the record and the contact
// and company it names only within the scope given (a person's, or a rule's sight: a placeholder
// of a record out of sight has no value). Thread-compatible.
//
// Placeholders by record type (a name without a value is absent, never empty):
//   record.id        every type
//   record.title     a lead's or deal's title; a contact's or company's name
//   record.name      a lead's person name; the title of the other types
//   record.amount, record.stage, record.pipeline   leads and deals (amount in its currency)
//   record.expected_close_on                       deals, as a date (`28 ноября 2026`)
//   contact.*        the record's contact: a lead itself (its name, or its linked contact's),
//                    a deal's contact, a contact itself, a company itself; first phone (E.164)
//                    and first e-mail
//   company.name     a lead's company name, a deal's or contact's company, a company itself
//   owner.name, owner.email, organisation.name
//   meeting.at, meeting.location   the record's nearest open meeting task due at or after
//                    `now`, else its latest open meeting before `now`
//   custom_fields.NAME   the record's custom values (money in the settings' currency, dates as
//                    dates, booleans да/нет or yes/no, numbers with a decimal comma in ru)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/model.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "messaging/template.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::messaging {

// The values of the record's placeholders (see above); empty when the record does not exist or is
// out of `scope`; no contact.* or company.* values of a contact or company out of `scope`.
TemplateValues LoadTemplateValues(store::Transaction& tx, const auth::Settings& settings,
                                  const store::Scope& scope, crm::RecordType type, std::int64_t record_id,
                                  UnixTime now);

struct Recipient {
    std::optional<std::string> phone;  // E.164, as stored
    std::optional<std::string> email;
};

// Where a message about the record goes. `who` "contact": the record's contact as for
// contact.* above (a deal without a contact falls back to its company); "owner": the owner
// user's e-mail (users have no phone). Empty for an unknown `who` or a missing record; within
// `scope` as LoadTemplateValues.
Recipient RecipientOf(store::Transaction& tx, const store::Scope& scope, crm::RecordType type,
                      std::int64_t record_id, std::string_view who);

}  // namespace voronka::messaging
