// The domain services the handlers call, wired once by app. Owned by api. Each service is
// thread-safe; this struct is shared by all request threads.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "api/live_streams.hpp"
#include "api/metrics.hpp"
#include "auth/api_token_service.hpp"
#include "auth/department_service.hpp"
#include "auth/session_service.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "automation/notifications.hpp"
#include "automation/rule_service.hpp"
#include "core/time.hpp"
#include "crm/board_service.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/custom_fields.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/next_step_control.hpp"
#include "crm/note_service.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/search_service.hpp"
#include "crm/task_service.hpp"
#include "crm/timeline_service.hpp"
#include "messaging/channel_settings.hpp"
#include "messaging/message_service.hpp"
#include "messaging/template_service.hpp"
#include "store/database.hpp"
#include "telephony/call_ingestion.hpp"
#include "telephony/call_service.hpp"
#include "telephony/pbx_service.hpp"

namespace voronka::api {

struct Services {
    Services(store::Database& database, const Clock& time, Metrics& request_metrics,
             auth::SessionOptions session_options, bool secure_cookies)
        : db(database),
          clock(time),
          metrics(request_metrics),
          users(database, time),
          departments(database, time),
          sessions(database, time, session_options),
          api_tokens(database, time),
          settings(database),
          companies(database, time),
          contacts(database, time),
          custom_fields(database, time),
          search(database),
          pipelines(database, time),
          leads(database, time),
          deals(database, time),
          boards(database, time),
          tasks(database, time),
          notes(database, time),
          timelines(database),
          next_step_control(database),
          messages(database, time),
          rules(database, time),
          notifications(database, time),
          live_streams(database, time),
          templates(database, time),
          channel_settings(database),
          pbxs(database, time),
          call_ingestion(database, time),
          calls(database),
          secure_cookie(secure_cookies) {}

    store::Database& db;
    const Clock& clock;
    Metrics& metrics;
    auth::UserService users;
    auth::DepartmentService departments;
    auth::SessionService sessions;
    auth::ApiTokenService api_tokens;
    auth::SettingsService settings;
    // members
    crm::CompanyService companies;
    crm::ContactService contacts;
    crm::CustomFieldService custom_fields;
    crm::SearchService search;
    // members
    crm::PipelineService pipelines;
    crm::LeadService leads;
    crm::DealService deals;
    crm::BoardService boards;
    // members
    crm::TaskService tasks;
    crm::NoteService notes;
    crm::TimelineService timelines;
    crm::NextStepControl next_step_control;
    // members
    messaging::MessageService messages;
    // members
    automation::RuleService rules;
    // members
    automation::NotificationService notifications;
    LiveStreams live_streams;  // app starts its poller
    // members
    messaging::TemplateService templates;
    // members
    messaging::ChannelSettingsService channel_settings;
    // members
    telephony::PbxService pbxs;
    telephony::CallIngestion call_ingestion;
    telephony::CallService calls;
    bool secure_cookie;  // mark the session cookie Secure (when served over HTTPS)
    // The origin users reach the server at ("https://crm.example.com"), accepted as same-origin
    // for cookie-authenticated writes besides http(s)://<Host>; empty: Host alone.
    std::string public_origin;
    // Where files live (Config::files_dir): imports, call recordings. Handlers keep an uploaded
    // body (Request::body_file) by moving it under here.
    std::filesystem::path files_dir = "./data/files";
    // Called after every successful request other than GET, which may have written domain events:
    // app wakes the automation engine with it. Empty: nothing is called.
    std::function<void()> after_change;
};

}  // namespace voronka::api
