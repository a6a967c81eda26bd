#include "messaging/template_service.hpp"

#include <fmt/format.h>

#include "auth/config_scope.hpp"
#include "auth/visibility.hpp"
#include "core/validation.hpp"
#include "crm/record_access.hpp"
#include "crm/task_service.hpp"
#include "messaging/template.hpp"
#include "messaging/template_values.hpp"
#include "messaging_sql.hpp"

namespace voronka::messaging {
namespace {

using store::Param;

MessageTemplate TemplateFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        MessageTemplate t;
        t.id = r.Int();
        t.kind = ParseTemplateKind(r.Text()).value_or(TemplateKind::kSms);
        t.name = r.Text();
        t.subject = r.OptText();
        t.body = r.Text();
        t.html = r.OptText();
        t.created_at = r.Int();
        t.updated_at = r.Int();
        t.department_id = r.OptInt();
        return t;
    });
}

constexpr std::string_view kWhat = "message template";

Status CheckHeadOrAdmin(const auth::Principal& principal) {
    if (principal.user.role == auth::Role::kManager) {
        return Error::Forbidden("only a head or an admin may change message templates");
    }
    return Ok{};
}

// The template when it is live and in the reader's sight.
Result<MessageTemplate> LoadSeen(store::Transaction& tx, const auth::Principal& reader, std::int64_t id) {
    auto found = LoadTemplate(tx, id);
    if (!found || auth::AccessToConfig(reader.user, found->department_id) == auth::ConfigAccess::kHidden) {
        return Error::NotFound("no such message template");
    }
    return std::move(*found);
}

Status CheckDepartment(store::Transaction& tx, std::optional<std::int64_t> department) {
    if (department && !tx.FetchOne(sql::kTemplateDepartmentExists, {Param(*department)})) {
        return Error::Validation("no such department", "department_id");
    }
    return Ok{};
}

// Parses `text` and checks that each custom_fields.NAME it uses exists for some record type.
Status CheckTemplateText(store::Transaction& tx, std::string_view text, std::string_view field) {
    auto parsed = ParseTemplate(text, field);
    if (!parsed) return std::move(parsed).error();
    for (const auto& name : parsed->placeholders) {
        if (!name.starts_with(kCustomFieldsPrefix)) continue;
        const std::string custom(name.substr(kCustomFieldsPrefix.size()));
        if (!tx.FetchOne(sql::kTemplateCustomFieldExists, {Param(custom)})) {
            return Error::Validation(
                fmt::format("unknown field {{{{{}}}}}: there is no such custom field", name),
                std::string(field));
        }
    }
    return Ok{};
}

// Checks and normalises every field of a template about to be saved.
Status CheckTemplate(store::Transaction& tx, MessageTemplate& t) {
    auto name = CheckText(t.name, "name", kMaxTemplateName);
    if (!name) return std::move(name).error();
    t.name = *name;
    auto body = crm::CheckLongText(t.body, "body", kMaxTemplateBody);
    if (!body) return std::move(body).error();
    t.body = *body;
    if (t.kind == TemplateKind::kSms) {
        if (t.subject) return Error::Validation("an SMS template has no subject", "subject");
        if (t.html) return Error::Validation("an SMS template has no html", "html");
    } else {
        if (!t.subject) return Error::Validation("an e-mail template needs a subject", "subject");
        auto subject = CheckText(*t.subject, "subject", kMaxTemplateSubject);
        if (!subject) return std::move(subject).error();
        t.subject = *subject;
        if (t.html) {
            auto html = crm::CheckLongText(*t.html, "html", kMaxTemplateHtml);
            if (!html) return std::move(html).error();
            t.html = *html;
        }
    }
    if (t.subject) {
        if (auto ok = CheckTemplateText(tx, *t.subject, "subject"); !ok) return ok;
    }
    if (auto ok = CheckTemplateText(tx, t.body, "body"); !ok) return ok;
    if (t.html) {
        if (auto ok = CheckTemplateText(tx, *t.html, "html"); !ok) return ok;
    }
    return Ok{};
}

std::string HtmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

Result<std::string> ParseAndRender(std::string_view text, std::string_view field,
                                   const TemplateValues& values) {
    auto parsed = ParseTemplate(text, field);
    if (!parsed) return std::move(parsed).error();
    return Render(*parsed, values);
}

}  // namespace

std::string_view TemplateKindName(TemplateKind kind) {
    return kind == TemplateKind::kSms ? "sms" : "email";
}

std::optional<TemplateKind> ParseTemplateKind(std::string_view name) {
    if (name == "sms") return TemplateKind::kSms;
    if (name == "email") return TemplateKind::kEmail;
    return std::nullopt;
}

std::optional<MessageTemplate> LoadTemplate(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kTemplateGet, {Param(id)});
    if (!row) return std::nullopt;
    return TemplateFromRow(*row);
}

Result<RenderedMessage> RenderForRecord(store::Transaction& tx, const auth::Settings& settings,
                                        const store::Scope& scope, const MessageTemplate& message_template,
                                        crm::RecordType record_type, std::int64_t record_id, UnixTime now) {
    const TemplateValues values = LoadTemplateValues(tx, settings, scope, record_type, record_id, now);
    RenderedMessage message;
    if (message_template.subject) {
        auto subject = ParseAndRender(*message_template.subject, "subject", values);
        if (!subject) return std::move(subject).error();
        message.subject = std::move(*subject);
    }
    auto text = ParseAndRender(message_template.body, "body", values);
    if (!text) return std::move(text).error();
    message.text = std::move(*text);
    if (message_template.html) {
        TemplateValues escaped;
        for (const auto& [name, value] : values) escaped[name] = HtmlEscape(value);
        auto html = ParseAndRender(*message_template.html, "html", escaped);
        if (!html) return std::move(html).error();
        message.html = std::move(*html);
    }
    return message;
}

Result<Page<MessageTemplate>> TemplateService::List(const auth::Principal& principal,
                                                    const TemplateFilter& filter, const PageRequest& page) {
    const auto after_id = page.AfterId("templates");
    if (!after_id) return after_id.error();

    const std::string kind = filter.kind ? std::string(TemplateKindName(*filter.kind)) : std::string();
    const auto& user = principal.user;
    return db_.Read([&](store::Transaction& tx) -> Result<Page<MessageTemplate>> {
        std::vector<MessageTemplate> items;
        for (const auto& row : tx.Fetch(
                 sql::kTemplateList, {Param(*after_id), Param(kind), Param(page.limit + 1),
                                      Param(user.role == auth::Role::kAdmin), Param(user.department_id)})) {
            items.push_back(TemplateFromRow(row));
        }
        return MakePage(std::move(items), page.limit, "templates",
                        [](const MessageTemplate& t) { return t.id; });
    });
}

Result<MessageTemplate> TemplateService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read(
        [&](store::Transaction& tx) -> Result<MessageTemplate> { return LoadSeen(tx, principal, id); });
}

Result<MessageTemplate> TemplateService::Create(const auth::Principal& principal, const NewTemplate& input) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    auto department = auth::DepartmentOfNewConfig(principal.user, input.department_id, kWhat);
    if (!department) return std::move(department).error();
    return db_.Write([&](store::Transaction& tx) -> Result<MessageTemplate> {
        MessageTemplate t{.kind = input.kind,
                          .name = input.name,
                          .subject = input.subject,
                          .body = input.body,
                          .html = input.html,
                          .department_id = *department};
        if (auto ok = CheckDepartment(tx, t.department_id); !ok) return std::move(ok).error();
        if (auto ok = CheckTemplate(tx, t); !ok) return std::move(ok).error();
        const auto id =
            tx.Insert(sql::kTemplateInsert,
                      {Param(TemplateKindName(t.kind)), Param(t.name), Param(t.subject), Param(t.body),
                       Param(t.html), Param(principal.user.id), Param(clock_.Now()), Param(t.department_id)});
        auto created = LoadTemplate(tx, id);
        if (!created) return Error::NotFound("no such message template");
        return std::move(*created);
    });
}

Result<MessageTemplate> TemplateService::Update(const auth::Principal& principal, std::int64_t id,
                                                const TemplatePatch& patch) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Result<MessageTemplate> {
        auto current = LoadSeen(tx, principal, id);
        if (!current) return std::move(current).error();
        if (auto ok = auth::CheckMayChangeConfig(principal.user, current->department_id, kWhat,
                                                 patch.department_id);
            !ok) {
            return std::move(ok).error();
        }
        MessageTemplate t = std::move(*current);
        if (patch.department_id) t.department_id = *patch.department_id;
        if (auto ok = CheckDepartment(tx, t.department_id); !ok) return std::move(ok).error();
        if (patch.name) t.name = *patch.name;
        if (patch.subject) t.subject = *patch.subject;
        if (patch.body) t.body = *patch.body;
        if (patch.html) t.html = *patch.html;
        if (auto ok = CheckTemplate(tx, t); !ok) return std::move(ok).error();
        tx.Execute(sql::kTemplateUpdate, {Param(id), Param(t.name), Param(t.subject), Param(t.body),
                                          Param(t.html), Param(clock_.Now()), Param(t.department_id)});
        auto updated = LoadTemplate(tx, id);
        if (!updated) return Error::NotFound("no such message template");
        return std::move(*updated);
    });
}

Status TemplateService::Delete(const auth::Principal& principal, std::int64_t id) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto current = LoadSeen(tx, principal, id);
        if (!current) return std::move(current).error();
        if (auto ok = auth::CheckMayChangeConfig(principal.user, current->department_id, kWhat); !ok)
            return ok;
        if (tx.Execute(sql::kTemplateDelete, {Param(id), Param(clock_.Now())}) == 0) {
            return Error::NotFound("no such message template");
        }
        return Ok{};
    });
}

Result<TemplatePreview> TemplateService::Preview(const auth::Principal& principal, std::int64_t template_id,
                                                 crm::RecordType record_type, std::int64_t record_id) {
    const auth::Settings settings = settings_.Get();
    const UnixTime now = clock_.Now();
    return db_.Read([&](store::Transaction& tx) -> Result<TemplatePreview> {
        const auto message_template = LoadSeen(tx, principal, template_id);
        if (!message_template) return std::move(message_template).error();
        const store::Scope scope = auth::ScopeOf(principal);
        if (auto record = crm::FindVisibleRecord(tx, scope, record_type, record_id); !record) {
            return std::move(record).error();
        }
        auto rendered = RenderForRecord(tx, settings, scope, *message_template, record_type, record_id, now);
        if (!rendered) return std::move(rendered).error();
        TemplatePreview preview{.kind = message_template->kind, .message = std::move(*rendered)};
        if (preview.kind == TemplateKind::kSms) preview.sms = CountSmsParts(preview.message.text);
        return preview;
    });
}

}  // namespace voronka::messaging
