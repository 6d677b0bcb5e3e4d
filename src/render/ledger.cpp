#include "render/ledger.h"

namespace kijun {

std::vector<const Provision*> child_provisions(const RequirementRegistry& registry, const std::string& id) {
  std::vector<const Provision*> out;
  for (const auto& p : registry.all())
    if (p.parent == id) out.push_back(&p);
  return out;
}

bool is_ledger_list(const RequirementRegistry& registry, const Provision& p) {
  return p.text.find("台帳") != std::string::npos && !child_provisions(registry, p.id).empty();
}

const Provision* ledger_of_result(const RequirementRegistry& registry, const GuideStep& result) {
  for (const GuideReference& r : result.procedure.references)
    if (const Provision* p = registry.find(r.id); p && is_ledger_list(registry, *p)) return p;
  return nullptr;
}

int ledger_position(const RequirementRegistry& registry, const std::vector<const Provision*>& provisions) {
  for (const Provision* p : provisions) {
    if (p->parent.empty()) continue;
    const Provision* list = registry.find(p->parent);
    if (!list || !is_ledger_list(registry, *list)) continue;
    auto items = child_provisions(registry, list->id);
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i] == p) return static_cast<int>(i);
  }
  return -1;
}

std::string ledger_field(int position) {
  if (position < 0 || position >= static_cast<int>(kLedgerFields.size())) return "";
  return kLedgerFields[position];
}

}  // namespace kijun
