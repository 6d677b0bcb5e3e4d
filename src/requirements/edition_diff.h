#pragma once
// The 新旧対照表 between two editions: aligned by requirement ID, one row per changed provision in
// the newer edition's order, with the changed characters of each side from a character diff.

#include <string>
#include <vector>

#include "content/edition_record.h"

namespace kijun {

/// A run of text on one side of a row: unchanged, or changed (underlined, 傍線).
struct DiffSpan {
  std::string text;
  bool changed = false;
  bool operator==(const DiffSpan&) const = default;
};

/// One side (改正後 or 改正前) of a row.
struct DiffSide {
  bool present = false;     ///< false for the 改正前 of 新設 and the 改正後 of 削除
  std::string citation;     ///< 3.1(8)④
  std::string enumerator;   ///< ④
  bool enumerator_changed = false;  ///< renumbered: the enumerator is double-underlined (二重傍線)
  std::string place;        ///< its page: "3.1 クラウドサービスの選定条件"
  std::string page_url;
  std::vector<DiffSpan> spans;  ///< the text without its enumerator; a heading's body follows a "\n"
};

/// What changed in a provision (a row may carry several).
enum class ChangeKind { kAmended, kAdded, kDeleted, kMoved, kRenumbered };

/// 改正, 新設, 削除, 移動, 番号変更.
const char* change_label(ChangeKind k);

/// One row of the table.
struct DiffRow {
  std::string id;
  std::vector<ChangeKind> kinds;
  DiffSide after, before;
  bool omitted_before = false;  ///< unchanged provisions lie between the previous row and this one: (略)

  /// "改正・番号変更".
  std::string remarks() const;
};

/// The whole comparison.
struct EditionDiff {
  std::string from, to;  ///< edition names (改正前, 改正後)
  std::vector<DiffRow> rows;
  bool omitted_after = false;  ///< unchanged provisions follow the last row: (略)
  bool empty() const { return rows.empty(); }
};

/// Compares `before` with `after` (both must have their text recorded).
EditionDiff diff_editions(const EditionRecord& before, const EditionRecord& after);

/// The changed and unchanged runs of both texts from a character-level diff (dtl, by code point):
/// {before spans, after spans}. A single unchanged character between two changes counts as changed,
/// so that a replaced word is underlined whole rather than around a shared character.
std::pair<std::vector<DiffSpan>, std::vector<DiffSpan>> diff_text(const std::string& before, const std::string& after);

}  // namespace kijun
