#include "render/view_data.h"

#include <algorithm>

namespace kijun {

using kainjow::mustache::data;

void put(data& object, const std::string& key, data value) {
  if (object.is_object()) object[key] = std::move(value);
}

void append(data& list, data item) {
  if (!list.is_list()) return;
  // kainjow hands out its list only as const; the list itself is not const (each data owns its
  // list on the heap), so moving into it is sound.
  auto& items = const_cast<kainjow::mustache::list&>(list.list_value());
  // data's move constructor is not noexcept, so a growing std::vector would copy every item, deep,
  // each time it grows: grow it here, moving them.
  if (items.size() == items.capacity()) {
    kainjow::mustache::list grown;
    grown.reserve(std::max<std::size_t>(8, items.size() * 2));
    for (data& d : items) grown.push_back(std::move(d));
    items.swap(grown);
  }
  items.push_back(std::move(item));
}

}  // namespace kijun
