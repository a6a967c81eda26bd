// JSON shared by every sales-core record (companies, contacts, leads, deals): custom field values
// out and in, phones and e-mails out. Owned by api. Pure functions, thread-safe.
//
#pragma once

#include <string>
#include <vector>

#include "api/json.hpp"
#include "core/error.hpp"
#include "crm/model.hpp"

namespace voronka::api {

// The values of a `custom_fields` object as the client sent them: null clears a field, and
// strings, booleans, integers and other numbers pass through for crm::CheckCustomValues.
// 422 naming `custom_fields` when `object` is not an object, `custom_fields.NAME` for an array,
// an object, a string with NUL or an integer beyond 64 bits.
Result<crm::CustomInputs> CustomInputsFrom(const Json& object);

// The `custom_fields` member of a request body (empty when absent), for crm::CheckCustomValues;
// a malformed one is remembered in `body` for its Finish().
crm::CustomInputs ReadCustomFields(JsonBody& body);

// The E.164 phones and the e-mails of a record, as {"phones": [...], "emails": [...]} members.
void AddContactPoints(Json& record, const crm::ContactPoints& points);

}  // namespace voronka::api
