// The demo organisation's sales: leads and deals over every stage of the default pipelines, with
// Russian names, RUB amounts, contacts, companies, first tasks and notes. Owned by crm; run by
// `voronka demo` (app/demo.cpp). Deterministic for a seed (times are relative to the clock).
#pragma once

#include <cstdint>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct DemoSalesOptions {
    std::vector<std::int64_t> owner_ids;  // records are spread over these users in turn
    int leads = 300;
    int deals = 150;
    std::uint64_t seed = 20261127;
    int batch = 100;  // records per write transaction
};

struct DemoSalesCounts {
    int leads = 0;
    int deals = 0;
    int contacts = 0;
    int companies = 0;
    int notes = 0;
};

// Needs the default pipelines (PipelineService::EnsureDefaultPipelines) and at least one owner.
DemoSalesCounts CreateDemoSales(store::Database& db, const Clock& clock, const DemoSalesOptions& options);

}  // namespace voronka::crm
