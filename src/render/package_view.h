#pragma once
// 申請パッケージ (package.html): the page where staff keep one named record for one service or meeting
// — 対象サービス名, 提供者, 申請日, 申請者, 取り扱う情報の格付, the case (a result of the 利用の流れ) and
// the checklists the case needs, in order — and print it as one document. The cases, their
// checklists, approvers and sign-off come from the guide's results (content); every checklist page
// is rendered into the package page once, shown on paper for the packages that hold it. The record
// and the answers live in the browser (package.js); nothing is sent anywhere.

#include <vector>

#include <kainjow/mustache.hpp>

#include "base/diagnostic.h"
#include "render/checklist.h"
#include "render/page_view.h"

namespace kijun {

inline constexpr const char* kPackageUrl = "package.html";

/// A checklist page and its checklist, as built for its own page.
struct PackageChecklist {
  int page = -1;
  const Checklist* checklist = nullptr;
};

/// A guide text as plain words: `[[ID]]` read as the provision's citation, `[[ID|text]]` as its text,
/// `[[doc:題名]]` as the title.
std::string guide_plain_text(const SiteModel& site, const std::string& text);

/// The view of package.html: common page data, and `package` with the cases (the guide's results),
/// every checklist (in reading order) and the 台帳 items of 5.2. Warns (KJ750) when a 台帳 list has
/// other items than the record knows (the standard was amended: see kLedgerFields).
kainjow::mustache::data package_view(const SiteModel& site, const std::vector<PackageChecklist>& checklists,
                                     Diagnostics& diags);

}  // namespace kijun
