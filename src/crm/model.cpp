#include "crm/model.hpp"

#include "core/names.hpp"

namespace voronka::crm {
namespace {

constexpr NameTable<RecordType, 4> kRecordTypes{{{RecordType::kLead, "lead"},
                                                 {RecordType::kDeal, "deal"},
                                                 {RecordType::kContact, "contact"},
                                                 {RecordType::kCompany, "company"}}};
constexpr NameTable<StageKind, 3> kStageKinds{
    {{StageKind::kOpen, "open"}, {StageKind::kWon, "won"}, {StageKind::kLost, "lost"}}};
constexpr NameTable<TaskKind, 4> kTaskKinds{{{TaskKind::kCall, "call"},
                                             {TaskKind::kMeeting, "meeting"},
                                             {TaskKind::kEmail, "email"},
                                             {TaskKind::kTodo, "todo"}}};
constexpr NameTable<CustomFieldType, 6> kCustomFieldTypes{{{CustomFieldType::kString, "string"},
                                                           {CustomFieldType::kNumber, "number"},
                                                           {CustomFieldType::kMoney, "money"},
                                                           {CustomFieldType::kDate, "date"},
                                                           {CustomFieldType::kBool, "bool"},
                                                           {CustomFieldType::kEnum, "enum"}}};

}  // namespace

std::string_view RecordTypeName(RecordType type) {
    return NameIn(kRecordTypes, type);
}
std::optional<RecordType> ParseRecordType(std::string_view name) {
    return ValueIn(kRecordTypes, name);
}
std::string_view StageKindName(StageKind kind) {
    return NameIn(kStageKinds, kind);
}
std::optional<StageKind> ParseStageKind(std::string_view name) {
    return ValueIn(kStageKinds, name);
}
std::string_view TaskKindName(TaskKind kind) {
    return NameIn(kTaskKinds, kind);
}
std::optional<TaskKind> ParseTaskKind(std::string_view name) {
    return ValueIn(kTaskKinds, name);
}
std::string_view CustomFieldTypeName(CustomFieldType type) {
    return NameIn(kCustomFieldTypes, type);
}
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name) {
    return ValueIn(kCustomFieldTypes, name);
}

}  // namespace voronka::crm
