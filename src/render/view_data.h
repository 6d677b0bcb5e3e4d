#pragma once
// Building template data without copies. kainjow's data::set() and push_back() (and <<) take
// what they are given by const reference and copy it deeply: a list of a thousand rows set into
// a page's view is copied once per level it is nested in. put() and append() move instead.
// (They reach the stored value through the const accessors kainjow offers; the values are not
// const objects, so this is well-defined.)

#include <string>
#include <utility>

#include <kainjow/mustache.hpp>

namespace kijun {

/// object[key] = value, moved in.
inline void put(kainjow::mustache::data& object, const std::string& key, kainjow::mustache::data&& value) {
  object.set(key, kainjow::mustache::data(false));  // a placeholder that allocates nothing
  if (const kainjow::mustache::data* slot = object.get(key))
    *const_cast<kainjow::mustache::data*>(slot) = std::move(value);
}

/// list.push_back(item), moved in.
inline void append(kainjow::mustache::data& list, kainjow::mustache::data&& item) {
  if (!list.is_list()) return;
  const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).push_back(std::move(item));
}

}  // namespace kijun
