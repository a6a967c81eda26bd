#include "automation/demo_rules.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "automation/rule_service.hpp"
#include "crm/pipeline_service.hpp"
#include "messaging/template_service.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;

template <typename T>
T Checked(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error("demo automation: " + what + ": " + result.error().message);
    return std::move(result).value();
}

std::int64_t StageNamed(const crm::Pipeline& pipeline, std::string_view name) {
    for (const auto& stage : pipeline.stages) {
        if (stage.name == name) return stage.id;
    }
    throw std::runtime_error("demo automation: no stage " + std::string(name));
}

}  // namespace

DemoAutomationCounts CreateDemoAutomation(store::Database& db, const Clock& clock,
                                          const auth::Principal& admin, std::int64_t purchasing_id,
                                          std::int64_t logistics_id) {
    crm::PipelineService pipelines(db, clock);
    const auto deal_pipelines = pipelines.List(crm::RecordType::kDeal);
    if (deal_pipelines.empty()) throw std::runtime_error("demo automation: no deal pipeline");
    const crm::Pipeline& deals = deal_pipelines.front();
    const auto meeting_stage = StageNamed(deals, "Встреча назначена");
    const auto offer_stage = StageNamed(deals, "Подготовка спецпредложения");

    messaging::TemplateService templates(db, clock);
    const auto sms = Checked(
        templates.Create(admin, {.kind = messaging::TemplateKind::kSms,
                                 .name = "Встреча назначена",
                                 .body = "{{contact.name}}, ждём вас {{meeting.at}}: {{meeting.location}}. "
                                         "{{owner.name}}, {{organisation.name}}"}),
        "SMS template");
    const auto offer = Checked(
        templates.Create(
            admin,
            {.kind = messaging::TemplateKind::kEmail,
             .name = "Специальное предложение",
             .subject = "Специальное предложение: {{record.title}}",
             .body = "{{contact.name}}, здравствуйте!\n\nПо итогам нашей встречи готовим для вас "
                     "специальное предложение «{{record.title}}» на сумму {{record.amount}}.\n\n"
                     "{{owner.name}}\n{{organisation.name}}",
             .html = "<p>{{contact.name}}, здравствуйте!</p><p>По итогам нашей встречи готовим для вас "
                     "специальное предложение «{{record.title}}» на сумму "
                     "<b>{{record.amount}}</b>.</p><p>{{owner.name}}<br>{{organisation.name}}</p>"}),
        "e-mail template");

    RuleService rules(db, clock);
    const Json definitions[] = {
        // The meeting task is usually planned right after the move: give the manager two minutes.
        {{"name", "Встреча назначена → SMS клиенту со временем и местом"},
         {"record_type", "deal"},
         {"trigger", {{"type", "stage_entered"}, {"pipeline_id", deals.id}, {"stage_id", meeting_stage}}},
         {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms.id}}})},
         {"delay", "PT2M"}},
        {{"name", "Подготовка спецпредложения → предложение по e-mail"},
         {"record_type", "deal"},
         {"trigger", {{"type", "stage_entered"}, {"pipeline_id", deals.id}, {"stage_id", offer_stage}}},
         {"actions", Json::array({{{"type", "send_email"}, {"template_id", offer.id}}})}},
        {{"name", "Успешно → звонок после продажи"},
         {"record_type", "deal"},
         {"trigger", {{"type", "deal_won"}}},
         {"actions", Json::array({{{"type", "create_task"},
                                   {"kind", "call"},
                                   {"subject", "Позвонить клиенту: всё ли в порядке с заказом"},
                                   {"due", "P3D"}}})}},
        {{"name", "Срок этапа прошёл → уведомить руководителя"},
         {"record_type", "deal"},
         {"trigger", {{"type", "stage_overdue"}, {"pipeline_id", deals.id}}},
         {"actions",
          Json::array({{{"type", "notify"},
                        {"text", "Сделка «{{record.title}}» просрочена на этапе «{{record.stage}}»"},
                        {"head", true},
                        {"owner", true}}})}},
        {{"name", "Успешно → задача закупкам, затем логистике"},
         {"record_type", "deal"},
         {"trigger", {{"type", "deal_won"}}},
         {"actions", Json::array({{{"type", "create_task"},
                                   {"kind", "todo"},
                                   {"subject", "Зарезервировать товар"},
                                   {"department_id", purchasing_id},
                                   {"due", "P1D"}},
                                  {{"type", "create_task"},
                                   {"kind", "todo"},
                                   {"subject", "Организовать доставку"},
                                   {"department_id", logistics_id},
                                   {"due", "P3D"}}})}},
    };
    DemoAutomationCounts counts{.templates = 2};
    for (const auto& definition : definitions) {
        Checked(rules.Create(admin, definition), definition["name"].get<std::string>());
        ++counts.rules;
    }
    return counts;
}

}  // namespace voronka::automation
