// The OpenAPI 3 document of the server, assembled from openapi/base.json (info, security,
// shared components, the platform's routes) and one fragment per module (paths and
// components). Owned by api. Thread-safe.
#pragma once

#include <string>

namespace voronka::api {

// The whole document as JSON text; built once. Throws std::logic_error when two parts define
// the same path or component (openapi_test catches that at build time).
const std::string& OpenApiDocument();

}  // namespace voronka::api
