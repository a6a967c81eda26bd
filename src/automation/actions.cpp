#include "automation/actions.hpp"

#include <set>
#include <string>

#include "automation/notifications.hpp"
#include "automation/sight.hpp"
#include "automation_sql.hpp"
#include "core/catalogue.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/tasks_hooks.hpp"
#include "messaging/outbox.hpp"
#include "messaging/template.hpp"
#include "messaging/template_service.hpp"
#include "messaging/template_values.hpp"
#include "messaging/webhook.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

ActionOutcome Done(const Action& action) {
    return {Json{{"type", ActionTypeName(action.type)}, {"outcome", "ok"}}};
}

// The user automation acts as in crm services (their checks and history's "who"): the rule's
// author with the rule's sight — an admin's for an organisation-wide rule, the department head's
// for a department's rule, whoever the author is.
auth::Principal AutomationPrincipal(const RunContext& run) {
    auth::Principal principal;
    principal.user.id = run.rule.author_id.value_or(run.facts.value("owner_id", std::int64_t{0}));
    principal.user.role = run.sight.all ? auth::Role::kAdmin : auth::Role::kHead;
    principal.user.department_id = run.sight.department_id;
    principal.user.name = "automation";
    return principal;
}

// Whether a user is an active user inside the rule's sight (an owner, assignee or notified user).
bool InSight(store::Transaction& tx, const store::Scope& sight, std::int64_t user_id) {
    const auto row = tx.FetchOne(sql::kRuleUserDepartment, {Param(user_id)});
    if (!row) return false;
    return store::ReadRow(*row, [&](store::RowReader& r) {
        const auto department = r.OptInt();
        const bool active = r.Bool();
        return active && MayReachUser(sight, user_id, department);
    });
}

ActionOutcome SendMessage(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    const bool sms = action.type == ActionType::kSendSms;
    const Language language = LanguageOf(run.settings.language);
    messaging::NewMessage message{.channel = sms ? messaging::Channel::kSms : messaging::Channel::kEmail,
                                  .record_type = run.job.record_type,
                                  .record_id = run.job.record_id,
                                  .owner_id = run.facts.value("owner_id", std::int64_t{0}),
                                  .rule_id = run.rule.id,
                                  .run_id = run.run_id,
                                  .template_id = action.template_id};
    const auto message_template =
        action.template_id ? messaging::LoadTemplate(tx, *action.template_id) : std::nullopt;
    if (!message_template) {
        message.template_id.reset();
        message.failure = Say(language, Text::kActionTemplateDeleted);
    } else if (message_template->department_id && message_template->department_id != run.rule.department_id) {
        message.failure =
            Say(language, Text::kActionTemplateOfOtherDepartment);  // moved by an admin since saved
    } else {
        const auto recipient =
            messaging::RecipientOf(tx, run.sight, run.job.record_type, run.job.record_id, action.to);
        const auto& address = sms ? recipient.phone : recipient.email;
        if (address) message.recipient = *address;
        auto rendered = messaging::RenderForRecord(tx, run.settings, run.sight, *message_template,
                                                   run.job.record_type, run.job.record_id, now);
        if (rendered) {
            message.body = rendered->text;
            message.subject = rendered->subject;
            message.html = rendered->html;
        }
        if (!address) {
            message.failure =
                Say(language, sms ? Text::kActionRecipientWithoutPhone : Text::kActionRecipientWithoutEmail);
        } else if (!rendered) {
            message.failure = rendered.error().message;
        }
    }
    const auto id = messaging::Enqueue(tx, message, now);
    ActionOutcome outcome = message.failure ? Failed(action, *message.failure) : Done(action);
    outcome.entry["message_id"] = id;
    outcome.queued = !message.failure;
    return outcome;
}

ActionOutcome SendWebhook(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    const Json body{{"rule_id", run.rule.id},
                    {"rule", run.rule.name},
                    {"trigger", TriggerTypeName(run.rule.trigger.type)},
                    {"record_type", crm::RecordTypeName(run.job.record_type)},
                    {"record_id", run.job.record_id},
                    {"record", run.facts},
                    {"at", FormatIso8601(now)}};
    const std::string payload = body.dump();
    const Json headers{{std::string(messaging::kWebhookSignatureHeader),
                        messaging::WebhookSignature(action.secret, payload)}};
    const auto id =
        messaging::Enqueue(tx,
                           messaging::NewMessage{.channel = messaging::Channel::kWebhook,
                                                 .record_type = run.job.record_type,
                                                 .record_id = run.job.record_id,
                                                 .owner_id = run.facts.value("owner_id", std::int64_t{0}),
                                                 .rule_id = run.rule.id,
                                                 .run_id = run.run_id,
                                                 .recipient = action.url,
                                                 .payload = payload,
                                                 .headers = headers.dump()},
                           now);
    ActionOutcome outcome = Done(action);
    outcome.entry["message_id"] = id;
    outcome.queued = true;
    return outcome;
}

ActionOutcome Notify(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    auto parsed = messaging::ParseTemplate(action.text, "text");
    if (!parsed) return Failed(action, parsed.error().message);
    const auto values = messaging::LoadTemplateValues(tx, run.settings, run.sight, run.job.record_type,
                                                      run.job.record_id, now);
    auto text = messaging::Render(*parsed, values);
    if (!text) return Failed(action, text.error().message);
    // Users who left the rule's sight since it was saved (moved, deactivated) are not notified.
    std::set<std::int64_t> users;
    for (const auto user : action.user_ids) {
        if (InSight(tx, run.sight, user)) users.insert(user);
    }
    const auto owner = run.facts.value("owner_id", std::int64_t{0});
    if (action.notify_owner && owner != 0) users.insert(owner);
    if (action.notify_head && run.facts.contains("department_id") &&
        run.facts["department_id"].is_number_integer()) {
        if (auto head = DepartmentHead(tx, run.facts["department_id"].get<std::int64_t>()))
            users.insert(*head);
    }
    for (auto user : users) {
        InsertNotification(tx,
                           NewNotification{.user_id = user,
                                           .kind = "rule",
                                           .text = *text,
                                           .record_type = run.job.record_type,
                                           .record_id = run.job.record_id,
                                           .rule_id = run.rule.id},
                           now);
    }
    ActionOutcome outcome = Done(action);
    outcome.entry["notified"] = users.size();
    return outcome;
}

ActionOutcome CreateTask(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    if (action.assignee_id && !InSight(tx, run.sight, *action.assignee_id)) {
        return Failed(action, Say(LanguageOf(run.settings.language), Text::kActionAssigneeOutOfSight));
    }
    const crm::TaskFields fields{.kind = action.task_kind,
                                 .subject = action.subject,
                                 .due_at = now + action.due_seconds,
                                 .location = action.location,
                                 .assignee_id = action.assignee_id,
                                 .department_id = action.department_id};
    const auto id = crm::InsertTask(tx, run.job.record_type, run.job.record_id,
                                    run.facts.value("owner_id", std::int64_t{0}), fields, std::nullopt, now);
    ActionOutcome outcome = Done(action);
    outcome.entry["task_id"] = id;
    return outcome;
}

}  // namespace

// change_owner and move_stage go through the crm services (their checks, history, events), in
// their own transactions.
ActionOutcome ChangeRecord(const RunContext& run, const Action& action) {
    const auto principal = AutomationPrincipal(run);
    const auto id = run.job.record_id;
    if (action.type == ActionType::kChangeOwner && action.owner_id &&
        !run.db.Read([&](store::Transaction& tx) { return InSight(tx, run.sight, *action.owner_id); })) {
        return Failed(action, Say(LanguageOf(run.settings.language), Text::kActionOwnerOutOfSight));
    }
    Status status = Ok{};
    auto keep = [&](const auto& result) {
        if (!result) status = result.error();
    };
    if (action.type == ActionType::kChangeOwner) {
        switch (run.job.record_type) {
            case crm::RecordType::kLead:
                keep(crm::LeadService(run.db, run.clock)
                         .Update(principal, id, crm::LeadPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kDeal:
                keep(crm::DealService(run.db, run.clock)
                         .Update(principal, id, crm::DealPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kContact:
                keep(crm::ContactService(run.db, run.clock)
                         .Update(principal, id, crm::ContactPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kCompany:
                keep(crm::CompanyService(run.db, run.clock)
                         .Update(principal, id, crm::CompanyPatch{.owner_id = action.owner_id}));
                break;
        }
    } else if (run.job.record_type == crm::RecordType::kLead) {
        keep(crm::LeadService(run.db, run.clock)
                 .Update(principal, id, crm::LeadPatch{.stage_id = action.stage_id}));
    } else if (run.job.record_type == crm::RecordType::kDeal) {
        keep(crm::DealService(run.db, run.clock)
                 .Update(principal, id, crm::DealPatch{.stage_id = action.stage_id}));
    } else {
        return Failed(action, Say(LanguageOf(run.settings.language), Text::kActionRecordWithoutStages));
    }
    if (!status) return Failed(action, status.error().message);
    return Done(action);
}

ActionOutcome Failed(const Action& action, std::string error) {
    return {Json{{"type", ActionTypeName(action.type)}, {"outcome", "failed"}, {"error", std::move(error)}}};
}

bool InTransaction(const Action& action) {
    return action.type != ActionType::kChangeOwner && action.type != ActionType::kMoveStage;
}

ActionOutcome RunInTransaction(store::Transaction& tx, const RunContext& run, const Action& action,
                               UnixTime now) {
    switch (action.type) {
        case ActionType::kSendSms:
        case ActionType::kSendEmail: return SendMessage(tx, run, action, now);
        case ActionType::kWebhook: return SendWebhook(tx, run, action, now);
        case ActionType::kNotify: return Notify(tx, run, action, now);
        case ActionType::kCreateTask: return CreateTask(tx, run, action, now);
        case ActionType::kChangeOwner:
        case ActionType::kMoveStage: break;
    }
    return Failed(action, Say(LanguageOf(run.settings.language), Text::kActionNotInTransaction));
}

}  // namespace voronka::automation
