#pragma once
// Building view data for the templates without copying it: kainjow's data::set, push_back and <<
// copy the whole value, so a view nested four levels deep (a checklist: tables, groups, items,
// provisions) was copied four times over, and a list copies all its items again each time it
// grows. These move the value in instead.

#include <string>

#include <kainjow/mustache.hpp>

namespace kijun {

/// Puts `value` under `key` of the view object `object` (as data::set does, replacing any value).
void put(kainjow::mustache::data& object, const std::string& key, kainjow::mustache::data value);

/// Appends `item` to the view list `list` (as data::push_back does).
void append(kainjow::mustache::data& list, kainjow::mustache::data item);

}  // namespace kijun
