// Handlers of message templates and their preview (routes.cpp, the [templates] block), with
// their JSON. Owned by api. Each parses, calls one messaging::TemplateService function, renders.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListTemplates(Call& call);
Response PostTemplate(Call& call);
Response GetTemplate(Call& call);
Response PatchTemplate(Call& call);
Response DeleteTemplate(Call& call);
Response PreviewTemplate(Call& call);

}  // namespace voronka::api
