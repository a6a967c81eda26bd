// The domain services the handlers call, wired once by app. Owned by api. Each service is
// thread-safe; this struct is shared by all request threads.
#pragma once

#include <functional>
#include <string>

#include "api/live_streams.hpp"
#include "api/metrics.hpp"
#include "auth/api_token_service.hpp"
#include "auth/department_service.hpp"
#include "auth/session_service.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "core/time.hpp"
// [includes]
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
// [/includes]
// [messages] includes
#include "messaging/message_service.hpp"
// [/messages]
// [rules] includes
#include "automation/rule_service.hpp"
// [/rules]
// [engine] includes
#include "automation/notifications.hpp"
// [/engine]
// [templates] includes
#include "messaging/template_service.hpp"
// [/templates]
// [channels] includes
#include "messaging/channel_settings.hpp"
// [/channels]
#include "store/database.hpp"

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
          // [records]
          companies(database, time),
          contacts(database, time),
          custom_fields(database, time),
          search(database),
          // [/records]
          // [pipelines]
          pipelines(database, time),
          leads(database, time),
          deals(database, time),
          boards(database, time),
          // [/pipelines]
          // [tasks]
          tasks(database, time),
          notes(database, time),
          timelines(database),
          next_step_control(database),
          // [/tasks]
          // [messages]
          messages(database, time),
          // [/messages]
          // [rules]
          rules(database, time),
          // [/rules]
          // [engine]
          notifications(database, time),
          live_streams(database, time),
          // [/engine]
          // [templates]
          templates(database, time),
          // [/templates]
          // [channels]
          channel_settings(database),
          // [/channels]
          secure_cookie(secure_cookies) {}

    store::Database& db;
    const Clock& clock;
    Metrics& metrics;
    auth::UserService users;
    auth::DepartmentService departments;
    auth::SessionService sessions;
    auth::ApiTokenService api_tokens;
    auth::SettingsService settings;
    // [records] members
    crm::CompanyService companies;
    crm::ContactService contacts;
    crm::CustomFieldService custom_fields;
    crm::SearchService search;
    // [/records]
    // [pipelines] members
    crm::PipelineService pipelines;
    crm::LeadService leads;
    crm::DealService deals;
    crm::BoardService boards;
    // [/pipelines]
    // [tasks] members
    crm::TaskService tasks;
    crm::NoteService notes;
    crm::TimelineService timelines;
    crm::NextStepControl next_step_control;
    // [/tasks]
    // [messages] members
    messaging::MessageService messages;
    // [/messages]
    // [rules] members
    automation::RuleService rules;
    // [/rules]
    // [engine] members
    automation::NotificationService notifications;
    LiveStreams live_streams;  // app starts its poller
    // [/engine]
    // [templates] members
    messaging::TemplateService templates;
    // [/templates]
    // [channels] members
    messaging::ChannelSettingsService channel_settings;
    // [/channels]
    bool secure_cookie;  // mark the session cookie Secure (when served over HTTPS)
    // The origin users reach the server at ("https://crm.example.com"), accepted as same-origin
    // for cookie-authenticated writes besides http(s)://<Host>; empty: Host alone.
    std::string public_origin;
    // Called after every successful request other than GET, which may have written domain events:
    // app wakes the automation engine with it. Empty: nothing is called.
    std::function<void()> after_change;
};

}  // namespace voronka::api
