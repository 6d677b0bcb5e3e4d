#include "render/view_data.h"

namespace kijun {

using kainjow::mustache::data;

void put(data& object, const std::string& key, data value) {
  if (object.is_object()) object[key] = std::move(value);
}

void append(data& list, data item) {
  // kainjow hands out its list only as const; the list itself is not const (each data owns its
  // list on the heap), so moving into it is sound.
  if (list.is_list()) const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(item));
}

}  // namespace kijun
