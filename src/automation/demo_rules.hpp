// The demo organisation's automation: the source's typical processes (R6, R8, R9) as templates
// and rules over the default pipelines. Owned by automation; run by `voronka demo` (app/demo.cpp).
#pragma once

#include <cstdint>

#include "auth/model.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::automation {

struct DemoAutomationCounts {
    int templates = 0;
    int rules = 0;
};

// Needs the default pipelines and the departments of purchasing and logistics (ids given).
// Throws std::runtime_error when a template or rule is refused (a programmer error).
DemoAutomationCounts CreateDemoAutomation(store::Database& db, const Clock& clock,
                                          const auth::Principal& admin, std::int64_t purchasing_id,
                                          std::int64_t logistics_id);

}  // namespace voronka::automation
