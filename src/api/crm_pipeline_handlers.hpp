// Handlers of pipelines and stages, the board, leads (with conversion), deals and the
// stage-overdue control (route table: routes.cpp, [pipelines] block). Owned by api.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListPipelines(Call& call);
Response PostPipeline(Call& call);
Response GetPipeline(Call& call);
Response PatchPipeline(Call& call);
Response DeletePipeline(Call& call);
Response PostStage(Call& call);
Response PatchStage(Call& call);
Response DeleteStage(Call& call);
Response GetBoard(Call& call);
Response GetBoardStage(Call& call);

Response ListLeads(Call& call);
Response PostLead(Call& call);
Response GetLead(Call& call);
Response PatchLead(Call& call);
Response DeleteLead(Call& call);
Response RestoreLead(Call& call);
Response ConvertLead(Call& call);

Response ListDeals(Call& call);
Response PostDeal(Call& call);
Response GetDeal(Call& call);
Response PatchDeal(Call& call);
Response DeleteDeal(Call& call);
Response RestoreDeal(Call& call);

Response GetStageOverdue(Call& call);

}  // namespace voronka::api
