#pragma once
// The 台帳 of 5.2: the provision that tells the 所属長 to record a cloud service in the 台帳 and
// lists what to record, (ア) to (ケ) (5.2(1)④ when 重要情報資産 are handled, 5.2(2)③ otherwise). An
// application package fills these items once; the checklist items that name them (利用申請・台帳登録
// チェックリスト) show the package's values. Everything here is read from the content: a 台帳 list is a
// provision whose text names the 台帳 and which has provisions under it; a guide result's 台帳 is the
// list its procedure refers to.

#include <array>
#include <string>
#include <vector>

#include "content/guide.h"
#include "requirements/requirement_registry.h"

namespace kijun {

/// The provisions directly under `id`, in document order.
std::vector<const Provision*> child_provisions(const RequirementRegistry& registry, const std::string& id);

/// Whether `p` is a 台帳 list: its text names the 台帳 and it has provisions under it.
bool is_ledger_list(const RequirementRegistry& registry, const Provision& p);

/// The 台帳 list a guide result's procedure refers to (5.2(1)④ or 5.2(2)③), or null (web meetings).
const Provision* ledger_of_result(const RequirementRegistry& registry, const GuideStep& result);

/// The position (0 for (ア)) of the 台帳 item that the provisions of a checklist item name, or -1.
int ledger_position(const RequirementRegistry& registry, const std::vector<const Provision*>& provisions);

/// The field of the package's record that each 台帳 item (ア)–(ケ) is kept in, by position: the name
/// of the service, its provider, the purpose, the 格付 of its information, the period, the applicant
/// (所属・氏名), who may use it, the クラウドサービス管理者 and anything else. The first four and the
/// applicant are also the record's own fields, so they are filled once.
inline constexpr std::array<const char*, 9> kLedgerFields = {
    "service", "provider", "purpose", "classification", "period", "applicant", "users", "manager", "other"};

/// The record field of 台帳 item `position`, or "" past the known items.
std::string ledger_field(int position);

}  // namespace kijun
