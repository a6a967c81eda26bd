// JSON shared by every sales-core record (companies, contacts, leads, deals): custom field values
// out and in, phones and e-mails out. Owned by api. Pure functions, thread-safe.
//
// For the engineers of leads and deals: read a body's custom values with
//     const Json* custom = body->Object("custom_fields");   // JsonBody (api/json.hpp)
//     auto inputs = custom ? CustomInputsFrom(*custom) : Result<crm::CustomInputs>(crm::CustomInputs{});
//     if (!inputs) body->Reject(inputs.error());
// and pass them to crm::CheckCustomValues. JsonBody also reads arrays of strings
// (StringArray("phones")) and objects (Object(name)); Reject(error) remembers an error of your own
// for Finish() like the typed readers do.
#pragma once

#include <string>
#include <vector>

#include "api/json.hpp"
#include "core/error.hpp"
#include "crm/model.hpp"

namespace voronka::api {

// {"name": value} rendered by type: number a JSON number, money an integer (minor units), bool
// true/false, date/string/enum a string.
Json CustomFieldsJson(const crm::CustomValues& values);

// The values of a `custom_fields` object as the client sent them: null clears a field, and
// strings, booleans, integers and other numbers pass through for crm::CheckCustomValues.
// 422 naming `custom_fields` when `object` is not an object, `custom_fields.NAME` for an array,
// an object, a string with NUL or an integer beyond 64 bits.
Result<crm::CustomInputs> CustomInputsFrom(const Json& object);

// The E.164 phones and the e-mails of a record, as {"phones": [...], "emails": [...]} members.
void AddContactPoints(Json& record, const crm::ContactPoints& points);

}  // namespace voronka::api
