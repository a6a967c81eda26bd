// Handlers of tasks, notes, history, timelines and the no-next-step control (routes.cpp, the
// block). Owned by api. Each parses, calls one crm service function, renders.
#pragma once

#include "api/router.hpp"
#include "crm/model.hpp"

namespace voronka::api {

Response ListTasks(Call& call);
Response PostTask(Call& call);
Response GetTask(Call& call);
Response PatchTask(Call& call);
Response DeleteTask(Call& call);
Response CompleteTask(Call& call);

// /api/v1/{leads,deals,contacts,companies}/{id}/...: one instance per record type.
template <crm::RecordType kType>
Response ListNotes(Call& call);
template <crm::RecordType kType>
Response PostNote(Call& call);
template <crm::RecordType kType>
Response GetHistory(Call& call);
template <crm::RecordType kType>
Response GetTimeline(Call& call);

Response GetNoNextStep(Call& call);

}  // namespace voronka::api
