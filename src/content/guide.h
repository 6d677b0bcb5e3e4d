#pragma once
// 利用の流れ: a question-led guide (a page of type: guide). Its questions, answers and results are
// content, written as the page's `guide:` front matter; the build checks the structure (every
// answer leads to an existing step, no cycles, so every path ends in a result) and the links
// (every [[ID]] exists, every checklist named is a checklist page).

#include <functional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"

namespace kijun {

class YamlSource;

/// A `[[ID]]` written in a guide text, located in the file.
struct GuideReference {
  std::string id;
  SourceLocation where;
};

/// A text of the guide (Markdown, may hold [[ID]]), with where its value starts in the file.
struct GuideText {
  std::string text;
  SourceLocation where;
  std::vector<GuideReference> references;  ///< its [[ID]]s (not [[doc:…]]), located in the file
  bool empty() const { return text.empty(); }
};

/// One choice of a question.
struct GuideAnswer {
  std::string label;
  std::string next;  ///< id of the step it leads to
  SourceLocation where, next_where;
};

/// A question (with answers) or a result (with what applies).
struct GuideStep {
  std::string id;
  SourceLocation where;
  bool is_result = false;
  GuideText title;  ///< the question, or the result's heading
  GuideText note;   ///< 解説 under the question or result
  std::vector<GuideAnswer> answers;
  // Results only: what applies.
  GuideText chapter, approver, procedure, measures;
  std::vector<std::string> checklists;  ///< content paths of checklist pages, e.g. 07-checklists/06-non-important.md
  SourceLocation checklists_where;
  std::vector<std::string> sign_off;  ///< who signs the application package, in order (e.g. 所属長, CISO)
  std::string classification;         ///< 取り扱う情報の格付 recorded in the package
};

struct Guide {
  std::string path;
  std::vector<GuideStep> steps;  ///< steps[0] is where the guide starts

  const GuideStep* find(const std::string& id) const;
  int index_of(const std::string& id) const;
  /// Every [[ID]] (not [[doc:…]]) in the texts of every step, in order.
  std::vector<GuideReference> references() const;
};

/// Reads the `guide:` map of a page's front matter. Reports problems with the shape (KJ70x);
/// structural checks are in check_guide_structure.
Guide parse_guide(const YamlSource& yaml, const YAML::Node& node, Diagnostics& diags);

/// Every answer leads to a step that exists, no step can be reached from itself, every question
/// has answers (so every path ends in a result), every step can be reached from the start.
void check_guide_structure(const Guide& guide, Diagnostics& diags);

/// What the guide may link to: requirement IDs and checklist pages (content paths).
struct GuideTargets {
  std::vector<std::string> ids;
  std::vector<std::string> checklists;
  /// IDs of pages that could not be loaded: references to them are counted, not reported one by one.
  std::function<bool(const std::string&)> unavailable;
};

/// Every [[ID]] names a provision, every checklist entry a checklist page.
void check_guide_links(const Guide& guide, const GuideTargets& targets, Diagnostics& diags);

inline constexpr std::size_t kMaxGuidePaths = 10000;

/// The sequences of step ids from the start to every result (every path through the guide; at
/// most kMaxGuidePaths of them).
std::vector<std::vector<std::string>> guide_paths(const Guide& guide);

}  // namespace kijun
