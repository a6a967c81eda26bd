// Handlers of companies, contacts, custom field definitions and the global search (route table:
// routes.cpp, [records] block). Owned by api.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListCompanies(Call& call);
Response PostCompany(Call& call);
Response GetCompany(Call& call);
Response PatchCompany(Call& call);
Response DeleteCompany(Call& call);
Response RestoreCompany(Call& call);

Response ListContacts(Call& call);
Response PostContact(Call& call);
Response GetContact(Call& call);
Response PatchContact(Call& call);
Response DeleteContact(Call& call);
Response RestoreContact(Call& call);

Response ListCustomFields(Call& call);
Response PostCustomField(Call& call);
Response GetCustomField(Call& call);
Response PatchCustomField(Call& call);
Response DeleteCustomField(Call& call);

Response GetSearch(Call& call);

}  // namespace voronka::api
