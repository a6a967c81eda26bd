// The sales core's records: pipelines and stages, companies, contacts, leads, deals, tasks,
// notes, stage moves, field history and custom fields. Owned by crm. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace voronka::crm {

// When adding a record type, also add it to RecordTypeName()/ParseRecordType(), the CHECKs of
// migration 0002 and the api's routes.
enum class RecordType { kLead, kDeal, kContact, kCompany };
std::string_view RecordTypeName(RecordType type);  // "lead", "deal", "contact", "company"
std::optional<RecordType> ParseRecordType(std::string_view name);

enum class StageKind { kOpen, kWon, kLost };
std::string_view StageKindName(StageKind kind);  // "open", "won", "lost"
std::optional<StageKind> ParseStageKind(std::string_view name);

enum class TaskKind { kCall, kMeeting, kEmail, kTodo };
std::string_view TaskKindName(TaskKind kind);  // "call", "meeting", "email", "todo"
std::optional<TaskKind> ParseTaskKind(std::string_view name);

enum class CustomFieldType { kString, kNumber, kMoney, kDate, kBool, kEnum };
std::string_view CustomFieldTypeName(CustomFieldType type);  // "string", ..., "enum"
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name);

// The organisation's rule for records without an open task (setting next_step_policy).
enum class NextStepPolicy { kEnforce, kWarn };

struct Stage {
    std::int64_t id = 0;
    std::int64_t pipeline_id = 0;
    std::string name;
    int position = 0;
    StageKind kind = StageKind::kOpen;
    std::optional<std::int64_t> max_duration;  // seconds; none: no deadline
};

struct Pipeline {
    std::int64_t id = 0;
    std::string name;
    RecordType record_type = RecordType::kDeal;  // kLead or kDeal only
    bool is_default = false;
    std::vector<Stage> stages;  // by position
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

struct CustomFieldDef {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kLead;
    std::string name;
    CustomFieldType type = CustomFieldType::kString;
    std::vector<std::string> options;  // kEnum only
    bool required = false;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

// A stored custom value: its field's type and its canonical text (number "12.5", money in
// minor units "125000", date "2026-11-27", bool "true"/"false", enum the option itself).
struct CustomValue {
    CustomFieldType type = CustomFieldType::kString;
    std::string text;
};
using CustomValues = std::map<std::string, CustomValue>;  // by field name

// A custom value as a client sent it, before validation; monostate is JSON null (clears it).
using CustomInput = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
using CustomInputs = std::map<std::string, CustomInput>;

// Normalised phones (E.164) and e-mails of a company, contact or lead.
struct ContactPoints {
    std::vector<std::string> phones;
    std::vector<std::string> emails;
};

struct Company {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string name;
    std::optional<std::string> inn;
    std::optional<std::string> address;
    ContactPoints contact_points;
    CustomValues custom_fields;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::optional<UnixTime> deleted_at;
};

struct Contact {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string name;
    std::optional<std::int64_t> company_id;
    bool is_client = false;
    ContactPoints contact_points;
    CustomValues custom_fields;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::optional<UnixTime> deleted_at;
};

// Where a lead or deal stands in its pipeline.
struct StagePosition {
    std::int64_t pipeline_id = 0;
    std::int64_t stage_id = 0;
    UnixTime entered_at = 0;
    std::optional<UnixTime> deadline;  // entered_at + the stage's max_duration
    bool is_open = true;               // the stage is open (and, for leads, not converted)
};

struct Lead {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string title;
    std::optional<std::string> source;
    std::optional<std::string> name;  // the person's
    std::optional<std::string> company_name;
    std::optional<std::int64_t> contact_id;
    ContactPoints contact_points;
    std::int64_t amount = 0;  // minor units
    std::string currency;
    StagePosition stage;
    std::optional<std::string> lost_reason;  // given when the lead entered a lost stage
    std::optional<UnixTime> converted_at;
    std::optional<std::int64_t> deal_id;  // set by conversion
    CustomValues custom_fields;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::optional<UnixTime> deleted_at;
};

struct Deal {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string title;
    std::optional<std::int64_t> contact_id;
    std::optional<std::int64_t> company_id;
    std::int64_t amount = 0;  // minor units
    std::string currency;
    StagePosition stage;
    std::optional<std::string> expected_close_on;  // YYYY-MM-DD
    std::optional<std::string> lost_reason;
    CustomValues custom_fields;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::optional<UnixTime> deleted_at;
};

struct Task {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kLead;
    std::int64_t record_id = 0;
    std::int64_t owner_id = 0;  // the record's owner
    TaskKind kind = TaskKind::kTodo;
    std::string subject;
    UnixTime due_at = 0;
    std::optional<std::string> location;
    std::optional<std::int64_t> assignee_id;
    std::optional<std::int64_t> department_id;  // a department's queue
    std::optional<UnixTime> done_at;
    std::optional<std::string> result;
    std::optional<std::int64_t> created_by;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    // The record's title (a lead's or deal's title, a contact's or company's name) as the reader
    // may be shown it: absent when the task is visible (assigned, queued) but its record is not,
    // and on the record's own timeline.
    std::optional<std::string> record_title;
};

struct Note {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kLead;
    std::int64_t record_id = 0;
    std::optional<std::int64_t> author_id;
    std::string body;
    UnixTime created_at = 0;
};

struct StageMove {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kDeal;
    std::int64_t record_id = 0;
    std::int64_t pipeline_id = 0;
    std::optional<std::int64_t> from_stage_id;  // none: the record was created in to_stage
    std::int64_t to_stage_id = 0;
    UnixTime at = 0;
    std::optional<std::int64_t> by_user_id;
    std::optional<std::int64_t> seconds_in_from;
};

struct HistoryEntry {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kLead;
    std::int64_t record_id = 0;
    std::string field;  // a column name, or "custom_fields.NAME"
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
    std::optional<std::int64_t> by_user_id;
    UnixTime at = 0;
};

// A message of the outbox about the record, as the timeline shows it (the table belongs to
// messaging; crm only reads it for the timeline: crm/sql/timeline_messages.sql).
struct TimelineMessage {
    std::int64_t id = 0;
    RecordType record_type = RecordType::kDeal;
    std::int64_t record_id = 0;
    std::string channel;  // "sms", "email", "webhook"
    std::string state;    // "queued", "sending", "sent", "retrying", "failed"
    std::string recipient;
    std::string text;  // the e-mail's subject, or else the first 200 characters of the body
    std::optional<std::string> last_error;
    UnixTime created_at = 0;
    std::optional<UnixTime> sent_at;
};

// One item of a record's timeline, newest first. Later modules add calls.
using TimelineItem = std::variant<Note, Task, StageMove, HistoryEntry, TimelineMessage>;

}  // namespace voronka::crm
