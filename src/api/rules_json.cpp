#include "api/rules_json.hpp"

#include "automation/rule.hpp"
#include "core/time.hpp"

namespace voronka::api {

Json RuleJson(const automation::Rule& rule) {
    return automation::RuleToJson(rule);
}

Json RunJson(const automation::Run& run) {
    return {{"id", run.id},
            {"rule_id", OrNull(run.rule_id)},
            {"job_id", OrNull(run.job_id)},
            {"record_type", crm::RecordTypeName(run.record_type)},
            {"record_id", run.record_id},
            {"at", FormatIso8601(run.at)},
            {"outcome", run.outcome},
            {"detail", OrNull(run.detail)},
            {"actions", run.actions}};
}

Result<Json> RuleBodyOf(const Request& request) {
    // JsonBody::Parse checks the media type, UTF-8, nesting and that the body is an object.
    if (auto checked = JsonBody::Parse(request); !checked) return std::move(checked).error();
    return Json::parse(request.body);
}

Json NotificationJson(const automation::Notification& n) {
    return {{"id", n.id},
            {"kind", n.kind},
            {"text", n.text},
            {"record_type", n.record_type ? Json(crm::RecordTypeName(*n.record_type)) : Json(nullptr)},
            {"record_id", OrNull(n.record_id)},
            {"rule_id", OrNull(n.rule_id)},
            {"created_at", FormatIso8601(n.created_at)},
            {"read_at", TimeOrNull(n.read_at)}};
}

}  // namespace voronka::api
