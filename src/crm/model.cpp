#include "crm/model.hpp"

#include <array>
#include <utility>

namespace voronka::crm {
namespace {

template <typename E, std::size_t N>
std::optional<E> ParseName(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [value, text] : names) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, text] : names) {
        if (v == value) return text;
    }
    return {};
}

constexpr std::array<std::pair<RecordType, std::string_view>, 4> kRecordTypes{{
    {RecordType::kLead, "lead"}, {RecordType::kDeal, "deal"},
    {RecordType::kContact, "contact"}, {RecordType::kCompany, "company"}}};
constexpr std::array<std::pair<StageKind, std::string_view>, 3> kStageKinds{{
    {StageKind::kOpen, "open"}, {StageKind::kWon, "won"}, {StageKind::kLost, "lost"}}};
constexpr std::array<std::pair<TaskKind, std::string_view>, 4> kTaskKinds{{
    {TaskKind::kCall, "call"}, {TaskKind::kMeeting, "meeting"},
    {TaskKind::kEmail, "email"}, {TaskKind::kTodo, "todo"}}};
constexpr std::array<std::pair<CustomFieldType, std::string_view>, 6> kCustomFieldTypes{{
    {CustomFieldType::kString, "string"}, {CustomFieldType::kNumber, "number"},
    {CustomFieldType::kMoney, "money"}, {CustomFieldType::kDate, "date"},
    {CustomFieldType::kBool, "bool"}, {CustomFieldType::kEnum, "enum"}}};

}  // namespace

std::string_view RecordTypeName(RecordType type) { return NameOf(kRecordTypes, type); }
std::optional<RecordType> ParseRecordType(std::string_view name) { return ParseName(kRecordTypes, name); }
std::string_view StageKindName(StageKind kind) { return NameOf(kStageKinds, kind); }
std::optional<StageKind> ParseStageKind(std::string_view name) { return ParseName(kStageKinds, name); }
std::string_view TaskKindName(TaskKind kind) { return NameOf(kTaskKinds, kind); }
std::optional<TaskKind> ParseTaskKind(std::string_view name) { return ParseName(kTaskKinds, name); }
std::string_view CustomFieldTypeName(CustomFieldType type) { return NameOf(kCustomFieldTypes, type); }
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name) {
    return ParseName(kCustomFieldTypes, name);
}

}  // namespace voronka::crm
