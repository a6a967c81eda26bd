// JSON of companies, contacts, custom field definitions and search hits, as the API shows them.
// Owned by api. Pure functions.
#pragma once

#include "api/json.hpp"
#include "crm/model.hpp"
#include "crm/search_service.hpp"

namespace voronka::api {

Json ToJson(const crm::Company& company);
Json ToJson(const crm::Contact& contact);
Json ToJson(const crm::CustomFieldDef& field);
Json ToJson(const crm::SearchHit& hit);

}  // namespace voronka::api
