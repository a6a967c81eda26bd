// The route table: every METHOD /path of the server and its handler. When adding a route, also
// describe it in openapi.json (a test compares the two).
#include <array>

#include "api/channels_handlers.hpp"
#include "api/crm_pipeline_handlers.hpp"
#include "api/crm_record_handlers.hpp"
#include "api/crm_task_handlers.hpp"
#include "api/handlers.hpp"
#include "api/messages_handlers.hpp"
#include "api/notification_handlers.hpp"
#include "api/rules_handlers.hpp"
#include "api/telephony_handlers.hpp"
#include "api/templates_handlers.hpp"

namespace voronka::api {
namespace {

constexpr auto kPublic = Access::kPublic;
constexpr auto kSignedIn = Access::kSignedIn;
constexpr bool kBlocking = true;

constexpr std::array kRoutes{
    Route{"GET", "/healthz", GetHealth, kPublic},
    Route{"GET", "/metrics", GetMetrics, kPublic},
    Route{"GET", "/api/v1/openapi.json", GetOpenApi, kPublic},

    Route{"POST", "/api/v1/auth/login", PostLogin, kPublic, kBlocking},
    Route{"POST", "/api/v1/auth/logout", PostLogout, kSignedIn},
    Route{"GET", "/api/v1/me", GetMe, kSignedIn},

    Route{"GET", "/api/v1/users", ListUsers, kSignedIn},
    Route{"POST", "/api/v1/users", PostUser, kSignedIn, kBlocking},
    Route{"GET", "/api/v1/users/{id}", GetUser, kSignedIn},
    Route{"PATCH", "/api/v1/users/{id}", PatchUser, kSignedIn, kBlocking},

    Route{"GET", "/api/v1/departments", ListDepartments, kSignedIn},
    Route{"POST", "/api/v1/departments", PostDepartment, kSignedIn},
    Route{"GET", "/api/v1/departments/{id}", GetDepartment, kSignedIn},
    Route{"PATCH", "/api/v1/departments/{id}", PatchDepartment, kSignedIn},
    Route{"DELETE", "/api/v1/departments/{id}", DeleteDepartment, kSignedIn},

    Route{"GET", "/api/v1/api-tokens", ListApiTokens, kSignedIn},
    Route{"POST", "/api/v1/api-tokens", PostApiToken, kSignedIn},
    Route{"DELETE", "/api/v1/api-tokens/{id}", DeleteApiToken, kSignedIn},

    Route{"GET", "/api/v1/settings", GetSettings, kSignedIn},
    Route{"PATCH", "/api/v1/settings", PatchSettings, kSignedIn},

    // companies, contacts, custom fields, search
    Route{"GET", "/api/v1/companies", ListCompanies, kSignedIn},
    Route{"POST", "/api/v1/companies", PostCompany, kSignedIn},
    Route{"GET", "/api/v1/companies/{id}", GetCompany, kSignedIn},
    Route{"PATCH", "/api/v1/companies/{id}", PatchCompany, kSignedIn},
    Route{"DELETE", "/api/v1/companies/{id}", DeleteCompany, kSignedIn},
    Route{"POST", "/api/v1/companies/{id}/restore", RestoreCompany, kSignedIn},
    Route{"GET", "/api/v1/contacts", ListContacts, kSignedIn},
    Route{"POST", "/api/v1/contacts", PostContact, kSignedIn},
    Route{"GET", "/api/v1/contacts/{id}", GetContact, kSignedIn},
    Route{"PATCH", "/api/v1/contacts/{id}", PatchContact, kSignedIn},
    Route{"DELETE", "/api/v1/contacts/{id}", DeleteContact, kSignedIn},
    Route{"POST", "/api/v1/contacts/{id}/restore", RestoreContact, kSignedIn},
    Route{"GET", "/api/v1/custom-fields", ListCustomFields, kSignedIn},
    Route{"POST", "/api/v1/custom-fields", PostCustomField, kSignedIn},
    Route{"GET", "/api/v1/custom-fields/{id}", GetCustomField, kSignedIn},
    Route{"PATCH", "/api/v1/custom-fields/{id}", PatchCustomField, kSignedIn},
    Route{"DELETE", "/api/v1/custom-fields/{id}", DeleteCustomField, kSignedIn},
    Route{"GET", "/api/v1/search", GetSearch, kSignedIn},
    // pipelines, stages, board, leads, deals, stage control
    Route{"GET", "/api/v1/pipelines", ListPipelines, kSignedIn},
    Route{"POST", "/api/v1/pipelines", PostPipeline, kSignedIn},
    Route{"GET", "/api/v1/pipelines/{id}", GetPipeline, kSignedIn},
    Route{"PATCH", "/api/v1/pipelines/{id}", PatchPipeline, kSignedIn},
    Route{"DELETE", "/api/v1/pipelines/{id}", DeletePipeline, kSignedIn},
    Route{"POST", "/api/v1/pipelines/{id}/stages", PostStage, kSignedIn},
    Route{"PATCH", "/api/v1/pipelines/{id}/stages/{stage_id}", PatchStage, kSignedIn},
    Route{"DELETE", "/api/v1/pipelines/{id}/stages/{stage_id}", DeleteStage, kSignedIn},
    Route{"GET", "/api/v1/pipelines/{id}/board", GetBoard, kSignedIn},
    Route{"GET", "/api/v1/pipelines/{id}/board/stages/{stage_id}", GetBoardStage, kSignedIn},

    Route{"GET", "/api/v1/leads", ListLeads, kSignedIn},
    Route{"POST", "/api/v1/leads", PostLead, kSignedIn},
    Route{"GET", "/api/v1/leads/{id}", GetLead, kSignedIn},
    Route{"PATCH", "/api/v1/leads/{id}", PatchLead, kSignedIn},
    Route{"DELETE", "/api/v1/leads/{id}", DeleteLead, kSignedIn},
    Route{"POST", "/api/v1/leads/{id}/restore", RestoreLead, kSignedIn},
    Route{"POST", "/api/v1/leads/{id}/convert", ConvertLead, kSignedIn},

    Route{"GET", "/api/v1/deals", ListDeals, kSignedIn},
    Route{"POST", "/api/v1/deals", PostDeal, kSignedIn},
    Route{"GET", "/api/v1/deals/{id}", GetDeal, kSignedIn},
    Route{"PATCH", "/api/v1/deals/{id}", PatchDeal, kSignedIn},
    Route{"DELETE", "/api/v1/deals/{id}", DeleteDeal, kSignedIn},
    Route{"POST", "/api/v1/deals/{id}/restore", RestoreDeal, kSignedIn},

    Route{"GET", "/api/v1/control/stage-overdue", GetStageOverdue, kSignedIn},
    // tasks, notes, history, timeline, no-next-step control
    Route{"GET", "/api/v1/tasks", ListTasks, kSignedIn},
    Route{"POST", "/api/v1/tasks", PostTask, kSignedIn},
    Route{"GET", "/api/v1/tasks/{id}", GetTask, kSignedIn},
    Route{"PATCH", "/api/v1/tasks/{id}", PatchTask, kSignedIn},
    Route{"DELETE", "/api/v1/tasks/{id}", DeleteTask, kSignedIn},
    Route{"POST", "/api/v1/tasks/{id}/complete", CompleteTask, kSignedIn},
    Route{"GET", "/api/v1/leads/{id}/notes", ListNotes<crm::RecordType::kLead>, kSignedIn},
    Route{"POST", "/api/v1/leads/{id}/notes", PostNote<crm::RecordType::kLead>, kSignedIn},
    Route{"GET", "/api/v1/leads/{id}/history", GetHistory<crm::RecordType::kLead>, kSignedIn},
    Route{"GET", "/api/v1/leads/{id}/timeline", GetTimeline<crm::RecordType::kLead>, kSignedIn},
    Route{"GET", "/api/v1/deals/{id}/notes", ListNotes<crm::RecordType::kDeal>, kSignedIn},
    Route{"POST", "/api/v1/deals/{id}/notes", PostNote<crm::RecordType::kDeal>, kSignedIn},
    Route{"GET", "/api/v1/deals/{id}/history", GetHistory<crm::RecordType::kDeal>, kSignedIn},
    Route{"GET", "/api/v1/deals/{id}/timeline", GetTimeline<crm::RecordType::kDeal>, kSignedIn},
    Route{"GET", "/api/v1/contacts/{id}/notes", ListNotes<crm::RecordType::kContact>, kSignedIn},
    Route{"POST", "/api/v1/contacts/{id}/notes", PostNote<crm::RecordType::kContact>, kSignedIn},
    Route{"GET", "/api/v1/contacts/{id}/history", GetHistory<crm::RecordType::kContact>, kSignedIn},
    Route{"GET", "/api/v1/contacts/{id}/timeline", GetTimeline<crm::RecordType::kContact>, kSignedIn},
    Route{"GET", "/api/v1/companies/{id}/notes", ListNotes<crm::RecordType::kCompany>, kSignedIn},
    Route{"POST", "/api/v1/companies/{id}/notes", PostNote<crm::RecordType::kCompany>, kSignedIn},
    Route{"GET", "/api/v1/companies/{id}/history", GetHistory<crm::RecordType::kCompany>, kSignedIn},
    Route{"GET", "/api/v1/companies/{id}/timeline", GetTimeline<crm::RecordType::kCompany>, kSignedIn},
    Route{"GET", "/api/v1/control/no-next-step", GetNoNextStep, kSignedIn},
    // message templates and their preview
    Route{"GET", "/api/v1/templates", ListTemplates, kSignedIn},
    Route{"POST", "/api/v1/templates", PostTemplate, kSignedIn},
    Route{"GET", "/api/v1/templates/{id}", GetTemplate, kSignedIn},
    Route{"PATCH", "/api/v1/templates/{id}", PatchTemplate, kSignedIn},
    Route{"DELETE", "/api/v1/templates/{id}", DeleteTemplate, kSignedIn},
    Route{"POST", "/api/v1/templates/{id}/preview", PreviewTemplate, kSignedIn},
    // SMTP, SMS and outbound settings
    Route{"GET", "/api/v1/settings/smtp", GetSmtpSettings, kSignedIn},
    Route{"PUT", "/api/v1/settings/smtp", PutSmtpSettings, kSignedIn},
    Route{"GET", "/api/v1/settings/sms", GetSmsSettings, kSignedIn},
    Route{"PUT", "/api/v1/settings/sms", PutSmsSettings, kSignedIn},
    Route{"POST", "/api/v1/settings/smtp/test", PostSmtpTest, kSignedIn, kBlocking},
    Route{"POST", "/api/v1/settings/sms/test", PostSmsTest, kSignedIn, kBlocking},
    Route{"GET", "/api/v1/settings/outbound", GetOutboundSettings, kSignedIn},
    Route{"PUT", "/api/v1/settings/outbound", PutOutboundSettings, kSignedIn},
    // the outbox: messages, retry
    Route{"GET", "/api/v1/messages", ListMessages, kSignedIn},
    Route{"GET", "/api/v1/messages/{id}", GetMessage, kSignedIn},
    Route{"POST", "/api/v1/messages/{id}/retry", RetryMessage, kSignedIn},
    // automation rules and their run log
    Route{"GET", "/api/v1/automation/rules", ListRules, kSignedIn},
    Route{"POST", "/api/v1/automation/rules", PostRule, kSignedIn},
    Route{"GET", "/api/v1/automation/rules/{id}", GetRule, kSignedIn},
    Route{"PATCH", "/api/v1/automation/rules/{id}", PatchRule, kSignedIn},
    Route{"DELETE", "/api/v1/automation/rules/{id}", DeleteRule, kSignedIn},
    Route{"GET", "/api/v1/automation/rules/{id}/runs", ListRuleRuns, kSignedIn},
    // notifications
    Route{"GET", "/api/v1/notifications", ListNotifications, kSignedIn},
    Route{"POST", "/api/v1/notifications/{id}/read", ReadNotification, kSignedIn},
    Route{"GET", "/api/v1/stream", GetStream, kSignedIn},
    // telephony: the PBX webhook (signed by the PBX, not signed in), PBXs, calls
    Route{"POST", "/api/v1/telephony/events", PostTelephonyEvent, kPublic},
    Route{"GET", "/api/v1/telephony/pbxs", ListPbxs, kSignedIn},
    Route{"POST", "/api/v1/telephony/pbxs", PostPbx, kSignedIn},
    Route{"GET", "/api/v1/telephony/pbxs/{id}", GetPbx, kSignedIn},
    Route{"PATCH", "/api/v1/telephony/pbxs/{id}", PatchPbx, kSignedIn},
    Route{"DELETE", "/api/v1/telephony/pbxs/{id}", DeletePbx, kSignedIn},
    Route{"GET", "/api/v1/calls", ListCalls, kSignedIn},
    Route{"GET", "/api/v1/calls/{id}", GetCall, kSignedIn},
};

}  // namespace

std::span<const Route> AllRoutes() {
    return kRoutes;
}

}  // namespace voronka::api
