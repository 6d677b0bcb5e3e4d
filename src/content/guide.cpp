#include "content/guide.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/suggest.h"
#include "content/markdown.h"
#include "content/yaml_source.h"
#include <cctype>
#include <functional>

namespace kijun {

const GuideStep* Guide::find(const std::string& id) const {
  int i = index_of(id);
  return i < 0 ? nullptr : &steps[i];
}

int Guide::index_of(const std::string& id) const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<GuideReference> Guide::references() const {
  std::vector<GuideReference> out;
  for (const auto& s : steps)
    for (const GuideText* t : {&s.title, &s.note, &s.chapter, &s.approver, &s.procedure, &s.measures})
      out.insert(out.end(), t->references.begin(), t->references.end());
  return out;
}

namespace {

const std::vector<std::string> kStepKeys = {"id",        "question", "result",     "note",     "answers",
                                            "chapter",   "approver", "procedure",  "measures", "checklists",
                                            "sign_off",  "classification"};
const std::vector<std::string> kResultOnly = {"chapter",    "approver", "procedure",     "measures",
                                              "checklists", "sign_off", "classification"};
const std::vector<std::string> kAnswerKeys = {"label", "next"};

bool valid_step_id(const std::string& id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '-' || c == '_')) return false;
  return true;
}

struct Reader {
  const YamlSource& yaml;
  Diagnostics& diags;

  // Unknown keys (with the nearest known one); false when there was one.
  bool keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& what) {
    bool ok = true;
    std::set<std::string> seen;
    for (const auto& kv : map) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        diags.error(yaml.at(kv.first),
                    Message{"KJ702", what + "に使えない項目 '" + key + "' があります" + did_you_mean_ja(key, allowed),
                            "unknown " + what + " key '" + key + "'" + did_you_mean(key, allowed)});
        ok = false;
      } else if (!seen.insert(key).second) {
        diags.error(yaml.at(kv.first), Message{"KJ702", what + "の項目 '" + key + "' が二度書かれています",
                                               "duplicate " + what + " key '" + key + "'"});
        ok = false;
      }
    }
    return ok;
  }

  std::optional<std::string> text(const YAML::Node& map, const std::string& key) {
    YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    if (!v.IsScalar()) {
      diags.error(yaml.at(v), Message{"KJ703", "'" + key + "' には文章を書いてください(一覧や入れ子は使えません)",
                                      "'" + key + "' must be text"});
      return std::nullopt;
    }
    return v.Scalar();
  }

  GuideText guide_text(const YAML::Node& map, const std::string& key) {
    GuideText t;
    auto v = text(map, key);
    if (!v) return t;
    YAML::Node node = map[key];
    t.text = *v;
    t.where = yaml.at(node);
    std::map<std::string, std::size_t> seen;  // the n-th occurrence of the same written reference
    for (const auto& m : find_references(t.text)) {
      std::string written = t.text.substr(m.begin, m.end - m.begin);
      std::string target = m.target;
      while (!target.empty() && target.front() == ' ') target.erase(0, 1);
      while (!target.empty() && target.back() == ' ') target.pop_back();
      std::size_t nth = seen[written]++;
      if (target.rfind("doc:", 0) == 0) continue;
      t.references.push_back({target, yaml.find_after(node, written, nth)});
    }
    return t;
  }

  std::vector<std::string> list(const YAML::Node& map, const std::string& key) {
    YAML::Node v = map[key];
    std::vector<std::string> out;
    if (!v.IsDefined() || v.IsNull()) return out;
    if (v.IsScalar()) return {v.Scalar()};
    if (!v.IsSequence()) {
      diags.error(yaml.at(v), Message{"KJ703", "'" + key + "' は「- 項目」の一覧で書いてください",
                                      "'" + key + "' must be a list of texts"});
      return out;
    }
    for (const auto& item : v) {
      if (!item.IsScalar()) {
        diags.error(yaml.at(item), Message{"KJ703", "'" + key + "' の各項目は文章で書いてください",
                                           "each entry of '" + key + "' must be text"});
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  std::optional<GuideStep> step(const YAML::Node& node) {
    if (!node.IsMap()) {
      diags.error(yaml.at(node), Message{"KJ701", "利用の流れの各ステップは「id:」で始まる項目の集まりで書いてください",
                                         "each guide step must be a map starting with 'id:'"});
      return std::nullopt;
    }
    GuideStep s;
    s.where = yaml.at(node);
    keys(node, kStepKeys, "利用の流れのステップ");
    if (auto id = text(node, "id")) s.id = *id;
    if (!valid_step_id(s.id)) {
      diags.error(node["id"].IsDefined() ? yaml.at(node["id"]) : s.where,
                  Message{"KJ701",
                          s.id.empty() ? "ステップに 'id' がありません(例: id: important)"
                                       : "ステップの id '" + s.id + "' には半角英数字、'-'、'_' だけを使ってください",
                          s.id.empty() ? "guide step has no 'id'" : "guide step id '" + s.id + "' must be ASCII letters, digits, '-' or '_'"});
      return std::nullopt;
    }
    bool question = node["question"].IsDefined(), result = node["result"].IsDefined();
    if (question == result) {
      diags.error(s.where, Message{"KJ704",
                                   "ステップ '" + s.id + "' には 'question'(質問)か 'result'(結果)のどちらか一方を書いてください",
                                   "guide step '" + s.id + "' needs exactly one of 'question' or 'result'"});
      return std::nullopt;
    }
    s.is_result = result;
    s.title = guide_text(node, result ? "result" : "question");
    s.note = guide_text(node, "note");
    if (s.is_result) {
      if (node["answers"].IsDefined())
        diags.error(yaml.at(node["answers"]), Message{"KJ704", "結果 '" + s.id + "' に 'answers' は書けません(結果で流れは終わります)",
                                                      "result '" + s.id + "' cannot have 'answers'"});
      s.chapter = guide_text(node, "chapter");
      s.approver = guide_text(node, "approver");
      s.procedure = guide_text(node, "procedure");
      s.measures = guide_text(node, "measures");
      s.checklists = list(node, "checklists");
      s.checklists_where = node["checklists"].IsDefined() ? yaml.at(node["checklists"]) : s.where;
      s.sign_off = list(node, "sign_off");
      if (auto c = text(node, "classification")) s.classification = *c;
      return s;
    }
    for (const auto& k : kResultOnly)
      if (node[k].IsDefined())
        diags.error(yaml.at(node[k]), Message{"KJ704", "'" + k + "' は結果(result)にだけ書けます。質問 '" + s.id + "' からは外してください",
                                              "'" + k + "' belongs to results only, not to question '" + s.id + "'"});
    YAML::Node answers = node["answers"];
    if (answers.IsDefined() && !answers.IsSequence()) {
      diags.error(yaml.at(answers), Message{"KJ705", "'answers' は「- label: …」の一覧で書いてください",
                                            "'answers' must be a list of '- label: …, next: …'"});
      return s;
    }
    if (answers.IsDefined())
      for (const auto& a : answers) {
        if (!a.IsMap()) {
          diags.error(yaml.at(a), Message{"KJ705", "回答は「label: 選択肢の文, next: 次のステップの id」で書いてください",
                                          "an answer must be a map with 'label' and 'next'"});
          continue;
        }
        keys(a, kAnswerKeys, "回答");
        GuideAnswer ans;
        ans.where = yaml.at(a);
        if (auto l = text(a, "label")) ans.label = *l;
        if (auto n = text(a, "next")) {
          ans.next = *n;
          ans.next_where = yaml.at(a["next"]);
        }
        if (ans.label.empty() || ans.next.empty()) {
          diags.error(ans.where, Message{"KJ705",
                                         std::string("回答に '") + (ans.label.empty() ? "label" : "next") +
                                             "' がありません。どの回答も次のステップか結果につながる必要があります",
                                         std::string("answer has no '") + (ans.label.empty() ? "label" : "next") + "'"});
          continue;
        }
        s.answers.push_back(std::move(ans));
      }
    return s;
  }
};

}  // namespace

Guide parse_guide(const YamlSource& yaml, const YAML::Node& node, Diagnostics& diags) {
  Guide g;
  g.path = yaml.path();
  Reader r{yaml, diags};
  YAML::Node steps = node.IsMap() ? node["steps"] : YAML::Node();
  // A map without 'steps' gives an invalid node, on which IsSequence() would throw (found by fuzzing).
  if (!node.IsMap() || !steps.IsDefined() || !steps.IsSequence()) {
    diags.error(yaml.at(node), Message{"KJ701", "'guide' には 'steps:' を置き、その下に質問と結果を「- id: …」の一覧で書いてください",
                                       "'guide' must be a map with 'steps:', a list of questions and results"});
    return g;
  }
  r.keys(node, {"steps"}, "利用の流れ");
  for (const auto& n : steps)
    if (auto s = r.step(n)) g.steps.push_back(std::move(*s));
  return g;
}

void check_guide_structure(const Guide& guide, Diagnostics& diags) {
  std::vector<std::string> ids;
  std::map<std::string, const GuideStep*> first;
  for (const auto& s : guide.steps) {
    auto [it, fresh] = first.emplace(s.id, &s);
    if (!fresh) {
      const SourceLocation& w = it->second->where;
      diags.error(s.where, Message{"KJ706",
                                   "ステップの id '" + s.id + "' は " + std::to_string(w.line) + " 行目でも使われています",
                                   "guide step id '" + s.id + "' is also used on line " + std::to_string(w.line)});
    }
    ids.push_back(s.id);
  }
  bool dangling = false;
  for (const auto& s : guide.steps) {
    if (!s.is_result && s.answers.empty())
      diags.error(s.where, Message{"KJ707", "質問 '" + s.id + "' に回答(answers)がありません。どの流れも結果で終わる必要があります",
                                   "question '" + s.id + "' has no answers: every path must end in a result"});
    for (const auto& a : s.answers)
      if (!first.count(a.next)) {
        diags.error(a.next_where, Message{"KJ708", "回答「" + a.label + "」の次のステップ '" + a.next + "' がありません" +
                                                       did_you_mean_ja(a.next, ids),
                                          "answer '" + a.label + "' leads to unknown step '" + a.next + "'" +
                                              did_you_mean(a.next, ids)});
        dangling = true;
      }
  }
  if (guide.steps.empty() || dangling) return;

  // Depth-first from the start: a step met again while on the current path closes a cycle.
  enum { kNew, kOnPath, kDone };
  std::map<std::string, int> state;
  std::set<std::string> reported;
  std::function<void(const GuideStep&)> visit = [&](const GuideStep& s) {
    state[s.id] = kOnPath;
    for (const auto& a : s.answers) {
      const GuideStep* n = first.at(a.next);
      if (state[n->id] == kOnPath) {
        if (reported.insert(s.id + ">" + n->id).second)
          diags.error(a.next_where, Message{"KJ709", "回答「" + a.label + "」が前のステップ '" + n->id +
                                                         "' に戻るため、流れが終わりません(循環しています)",
                                            "answer '" + a.label + "' leads back to step '" + n->id + "': a cycle"});
      } else if (state[n->id] == kNew) {
        visit(*n);
      }
    }
    state[s.id] = kDone;
  };
  visit(guide.steps.front());
  for (const auto& s : guide.steps)
    if (state[s.id] == kNew && first.at(s.id) == &s)
      diags.warning(s.where, Message{"KJ710", "ステップ '" + s.id + "' にはどの回答からもたどり着けません",
                                     "guide step '" + s.id + "' cannot be reached from the start"});
}

void check_guide_links(const Guide& guide, const GuideTargets& targets, Diagnostics& diags) {
  for (const auto& r : guide.references())
    if (std::find(targets.ids.begin(), targets.ids.end(), r.id) != targets.ids.end()) {
      continue;
    } else if (targets.unavailable && targets.unavailable(r.id)) {
      diags.add_unchecked_reference();
    } else {
      diags.error(r.where, Message{"KJ711", "利用の流れに書かれた要件ID '" + r.id + "' はありません" +
                                                did_you_mean_ja(r.id, targets.ids),
                                   "unknown requirement ID '" + r.id + "' in the guide" + did_you_mean(r.id, targets.ids)});
    }
  for (const auto& s : guide.steps)
    for (std::size_t i = 0; i < s.checklists.size(); ++i) {
      const std::string& c = s.checklists[i];
      if (std::find(targets.checklists.begin(), targets.checklists.end(), c) != targets.checklists.end()) continue;
      diags.error(s.checklists_where, Message{"KJ712", "結果 '" + s.id + "' のチェックリスト '" + c +
                                                           "' は type: checklist のページではありません" +
                                                           did_you_mean_ja(c, targets.checklists),
                                              "checklist '" + c + "' of result '" + s.id + "' is not a checklist page" +
                                                  did_you_mean(c, targets.checklists)});
    }
}

std::vector<std::vector<std::string>> guide_paths(const Guide& guide) {
  std::vector<std::vector<std::string>> out;
  if (guide.steps.empty()) return out;
  std::vector<std::string> path;
  std::function<void(const GuideStep&)> walk = [&](const GuideStep& s) {
    // A cycle (reported by the structure check) or a guide with too many paths to list ends the walk.
    if (std::find(path.begin(), path.end(), s.id) != path.end() || out.size() >= kMaxGuidePaths) return;
    path.push_back(s.id);
    if (s.is_result) out.push_back(path);
    for (const auto& a : s.answers)
      if (const GuideStep* n = guide.find(a.next)) walk(*n);
    path.pop_back();
  };
  walk(guide.steps.front());
  return out;
}

}  // namespace kijun
