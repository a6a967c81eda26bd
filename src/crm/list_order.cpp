#include "crm/list_order.hpp"

#include <cassert>

namespace voronka::crm {

std::string OrderTag(std::string_view list, const ListOrder& order) {
    std::string tag(list);
    tag += order.descending ? ":-" : ":";
    tag += order.key;
    return tag;
}

Result<const store::Query*> SortedPage(std::span<const store::SortedQuery> orders, std::string_view list,
                                       const ListOrder& order, const PageRequest& page,
                                       std::vector<store::Value>& params) {
    const store::SortedQuery* sorted = store::FindOrder(orders, order.key, order.descending);
    assert(sorted != nullptr);
    auto after = page.After(OrderTag(list, order), order.kind);
    if (!after) return std::move(after).error();
    if (!*after) return sorted->first;
    const Cursor& cursor = **after;
    if (const auto* number = std::get_if<std::int64_t>(&cursor.key)) {
        params.push_back(store::Param(*number));
    } else if (const auto* text = std::get_if<std::string>(&cursor.key)) {
        params.push_back(store::Param(*text));
    }
    params.push_back(store::Param(cursor.id));
    return sorted->after;
}

Result<const store::Query*> RecordListPage(std::span<const store::SortedQuery> orders,
                                           const store::Query& text_statement, std::string_view list,
                                           const ListOrder& order, bool trigram_query,
                                           const PageRequest& page, std::vector<store::Value>& params) {
    if (trigram_query && order.key == "id" && !order.descending) {
        auto after_id = page.AfterId(OrderTag(list, order));
        if (!after_id) return std::move(after_id).error();
        params.push_back(store::Param(*after_id));
        return &text_statement;
    }
    return SortedPage(orders, list, order, page, params);
}

std::pair<CursorKey, std::int64_t> PositionOf(const ListOrder& order, CursorKey key, std::int64_t id) {
    if (order.kind == CursorKeyKind::kIdOnly) return {CursorKey{}, id};
    return {std::move(key), id};
}

}  // namespace voronka::crm
