// Message templates (table message_templates): SMS and e-mail texts with placeholders
// (template.hpp), kept by heads and admins, each a department's or organisation-wide
// (auth/config_scope.hpp: a head keeps their department's, reads the organisation-wide ones and
// does not see other departments'; a manager reads the organisation-wide ones and their
// department's; an admin keeps all), previewed against a record, and rendered for a record by
// the automation engine. Owned by messaging. The service is thread-safe (stateless over the
// Database); the free functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/model.hpp"
#include "auth/settings_service.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "messaging/sms_text.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::messaging {

enum class TemplateKind { kSms, kEmail };
std::string_view TemplateKindName(TemplateKind kind);  // "sms", "email"
std::optional<TemplateKind> ParseTemplateKind(std::string_view name);

// Longest accepted texts, in characters.
inline constexpr std::size_t kMaxTemplateName = 200;
inline constexpr std::size_t kMaxTemplateSubject = 500;
inline constexpr std::size_t kMaxTemplateBody = 10'000;
inline constexpr std::size_t kMaxTemplateHtml = 100'000;

struct MessageTemplate {
    std::int64_t id = 0;
    TemplateKind kind = TemplateKind::kSms;
    std::string name;
    std::optional<std::string> subject;         // e-mail only, required there
    std::string body;                           // plain text
    std::optional<std::string> html;            // e-mail only, optional
    std::optional<std::int64_t> department_id;  // none: organisation-wide
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

struct NewTemplate {
    TemplateKind kind = TemplateKind::kSms;
    std::string name;
    std::optional<std::string> subject;
    std::string body;
    std::optional<std::string> html;
    // Absent: the author's department for a head, organisation-wide for an admin; an inner
    // nullopt: organisation-wide (admins only).
    std::optional<std::optional<std::int64_t>> department_id;
};

// Absent fields stay; an inner nullopt clears subject or html. The kind cannot change (rules
// refer to templates of a kind).
struct TemplatePatch {
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> subject;
    std::optional<std::string> body;
    std::optional<std::optional<std::string>> html;
    std::optional<std::optional<std::int64_t>> department_id;  // admins only
};

struct TemplateFilter {
    std::optional<TemplateKind> kind;
};

// A template rendered for a record: the plain text, and for e-mail the subject and the HTML
// (placeholder values HTML-escaped in it).
struct RenderedMessage {
    std::string text;
    std::optional<std::string> subject;
    std::optional<std::string> html;
};

// The preview answer: the rendering and, for SMS, how it is sent.
struct TemplatePreview {
    TemplateKind kind = TemplateKind::kSms;
    RenderedMessage message;
    SmsParts sms;  // SMS only
};

class TemplateService {
public:
    TemplateService(store::Database& db, const Clock& clock) : db_(db), clock_(clock), settings_(db) {}

    // Not deleted templates the caller sees, filtered by kind, in id order.
    Result<Page<MessageTemplate>> List(const auth::Principal& principal, const TemplateFilter& filter,
                                       const PageRequest& page);
    // NotFound when missing, deleted or out of the caller's sight.
    Result<MessageTemplate> Get(const auth::Principal& principal, std::int64_t id);

    // Head or admin (Forbidden otherwise). Validation names the field: name (1..200 characters,
    // one line), body (required, up to 10,000 characters), subject (required for e-mail, refused
    // for SMS), html (e-mail only); a text whose placeholders do not parse (template.hpp) or name
    // a custom field that no record type has is refused naming its field; department_id: as
    // auth::DepartmentOfNewConfig (Forbidden for a head asking for another scope), Validation when
    // there is no such department.
    Result<MessageTemplate> Create(const auth::Principal& principal, const NewTemplate& input);
    // As Create; NotFound as Get; Forbidden on a template the caller sees but may not change
    // (an organisation-wide one, for a head).
    Result<MessageTemplate> Update(const auth::Principal& principal, std::int64_t id,
                                   const TemplatePatch& patch);
    // Soft delete; Forbidden and NotFound as Update.
    Status Delete(const auth::Principal& principal, std::int64_t id);

    // Renders the template against a record the caller may see, with the caller's sight (a
    // contact or company out of sight gives no values). NotFound when the template is missing or
    // out of sight, or the record missing, deleted or out of sight; Validation naming the placeholder
    // when one has no value for the record.
    Result<TemplatePreview> Preview(const auth::Principal& principal, std::int64_t template_id,
                                    crm::RecordType record_type, std::int64_t record_id);

private:
    store::Database& db_;
    const Clock& clock_;
    auth::SettingsService settings_;
};

// Inside a caller's transaction: the template when it exists and is not deleted.
std::optional<MessageTemplate> LoadTemplate(store::Transaction& tx, std::int64_t id);

// Inside a caller's transaction: the template rendered for the record within `scope` (a
// person's or a rule's sight, messaging/template_values.hpp), as Preview does; Validation naming the
// placeholder without a value (the message's failure reason at send time), or naming body/subject/html when a
// stored text no longer parses.
Result<RenderedMessage> RenderForRecord(store::Transaction& tx, const auth::Settings& settings,
                                        const store::Scope& scope, const MessageTemplate& message_template,
                                        crm::RecordType record_type, std::int64_t record_id, UnixTime now);

}  // namespace voronka::messaging
