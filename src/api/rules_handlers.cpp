#include "api/rules_handlers.hpp"

#include "api/handlers.hpp"
#include "api/rules_json.hpp"
#include "api/services.hpp"

namespace voronka::api {

Response ListRules(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.rules.List(call.who(), *page),
                  [](const Page<automation::Rule>& p) { return PageJson(p, RuleJson); });
}

Response PostRule(Call& call) {
    const auto body = RuleBodyOf(call.request);
    if (!body) return ErrorResponse(body.error());
    return Render(call.services.rules.Create(call.who(), *body), RuleJson, 201);
}

Response GetRule(Call& call) {
    return Render(call.services.rules.Get(call.who(), call.id()), RuleJson);
}

Response PatchRule(Call& call) {
    const auto body = RuleBodyOf(call.request);
    if (!body) return ErrorResponse(body.error());
    return Render(call.services.rules.Update(call.who(), call.id(), *body), RuleJson);
}

Response DeleteRule(Call& call) {
    if (auto done = call.services.rules.Delete(call.who(), call.id()); !done)
        return ErrorResponse(done.error());
    return NoContent();
}

Response ListRuleRuns(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.rules.ListRuns(call.who(), call.id(), *page),
                  [](const Page<automation::Run>& p) { return PageJson(p, RunJson); });
}

}  // namespace voronka::api
