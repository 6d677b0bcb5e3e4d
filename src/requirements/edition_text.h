#pragma once
// The working text (content/ as resolved) as an edition: what publishing freezes and what the
// 新旧対照表 compares with the last published edition.

#include "content/content_library.h"
#include "content/edition_record.h"
#include "requirements/requirement_registry.h"

namespace kijun {

/// Every numbered page and every provision of the working text, in document order, under the
/// name and 施行日 of content/site.yaml. Dates of decision and notice are left unknown.
EditionRecord working_edition(const ContentLibrary& lib, const RequirementRegistry& registry);

}  // namespace kijun
