#pragma once
// The quick read of an edition record exactly as `kijun edition publish` writes it (see
// edition_record_yaml): one key a line, then one flow map a line for each page and provision.
// yaml-cpp takes most of a build's load phase for the 70 KB record of an edition; this reads the
// same record in a small fraction of that.
//
// It reads only what it is sure of: the keys in the written order, plain values without any of
// YAML's indicator characters, double-quoted values with the escapes the writer uses, and every
// value valid (dates that agree, unique provision IDs, ...). Anything else -- a hand-edited
// record, an odd character, a mistake -- gives nullopt, and the record is read by yaml-cpp with
// every check and message (parse_edition_record). Either way the record is the same.

#include <optional>
#include <string>
#include <string_view>

#include "content/edition_record.h"

namespace kijun {

/// The record in `text` (from `path`) when it is in the published shape and valid; nullopt otherwise.
std::optional<EditionRecord> read_published_record(const std::string& path, std::string_view text);

}  // namespace kijun
