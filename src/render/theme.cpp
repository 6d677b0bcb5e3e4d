#include "render/theme.h"

#include <filesystem>
#include <algorithm>
#include <functional>
#include <mutex>
#include <tuple>

#include "base/disk.h"
#include "base/html.h"

namespace kijun {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

namespace {

// Thrown out of kainjow's renderer when sections nest deeper than kMaxTemplateNesting (a partial
// that includes itself inside a section over data that never runs out, e.g. {{#site}}{{>p}}{{/site}}).
struct TooDeep {};

// Thrown when a page's HTML passes kOutputSizeLimit: rendering stops there instead of going on for
// minutes (kainjow writes its output through this, line by line).
struct TooBig {};
class LimitedOutput {
 public:
  explicit LimitedOutput(std::size_t expected) { out_.reserve(std::min(expected, kOutputSizeLimit.bytes)); }
  LimitedOutput& operator<<(const std::string& text) {
    if (out_.size() + text.size() > kOutputSizeLimit.bytes) throw TooBig{};
    out_ += text;
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// The context of one render: names are looked up as kainjow's own context does (innermost data
// first; "a.b" is a in the innermost data that has it all the way down, "." the innermost data),
// but "a.b" is split without a string stream (kainjow builds one for every such lookup, some 30 a
// page). Partials are looked up only among the theme's partials, and the names that are missing
// remembered.
class StrictContext : public kainjow::mustache::basic_context<std::string> {
 public:
  // `under`, when given, is a layer below `view`: what `view` lacks is looked up there.
  StrictContext(const data* view, const data* under, const std::map<std::string, data>& partials)
      : partials_(partials) {
    if (under) items_.push_back(under);
    items_.push_back(view);
  }
  void push(const data* d) override {
    if (++depth_ > kMaxTemplateNesting) {
      --depth_;
      throw TooDeep{};
    }
    items_.push_back(d);
  }
  void pop() override {
    --depth_;
    items_.pop_back();
  }
  const data* get(const std::string& name) const override {
    if (name == ".") return items_.back();
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      for (auto it = items_.rbegin(); it != items_.rend(); ++it)
        if (const data* var = (*it)->get(name)) return var;
      return nullptr;
    }
    // The parts as kainjow's split gives them: "a..b" has an empty middle one, "a.b." no last one.
    std::vector<std::string> parts;
    for (std::size_t from = 0;;) {
      const std::size_t end = name.find('.', from);
      if (end == std::string::npos) {
        if (from < name.size()) parts.emplace_back(name, from);
        break;
      }
      parts.emplace_back(name, from, end - from);
      from = end + 1;
    }
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      const data* var = *it;
      for (const std::string& part : parts)
        if (!(var = var->get(part))) break;
      if (var) return var;
    }
    return nullptr;
  }
  const data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    missing.insert(name);
    return &empty_;
  }
  mutable std::set<std::string> missing;

 private:
  std::vector<const data*> items_;  // innermost last
  int depth_ = 0;
  const std::map<std::string, data>& partials_;
  data empty_{std::string()};
};

// kainjow's own HTML escaping (& < > " ' as &amp; &lt; &gt; &quot; &apos;), the same bytes, without
// its copying character by character into twice the room.
std::string escape_as_kainjow(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  append_html_escaped(out, s, "&apos;");
  return out;
}

// A template compiled with kainjow, escaping with escape_as_kainjow.
mustache compile_template(const std::string& text) {
  mustache tmpl(text);
  tmpl.set_custom_escape(escape_as_kainjow);
  return tmpl;
}

// kainjow's messages end in " at OFFSET": where that suffix starts, or npos.
std::size_t offset_suffix(const std::string& message) {
  std::size_t end = message.size(), digits = end;
  while (digits > 0 && message[digits - 1] >= '0' && message[digits - 1] <= '9') --digits;
  if (digits == end || digits < 4 || message.compare(digits - 4, 4, " at ") != 0) return std::string::npos;
  return digits - 4;
}

std::string strip_offset(const std::string& message) { return message.substr(0, offset_suffix(message)); }

// A partial tag `{{> name}}` in a template, and whether a {{#section}} encloses it (only a section
// over data ends a recursion; an inverted section or none at all repeats forever).
struct Inclusion {
  std::string name;
  std::size_t offset = 0;
  bool guarded = false;
};

// The partial tags of `text`, read with the default delimiters (a template that changes them is not
// followed: its inclusions are left out of the check).
std::vector<Inclusion> inclusions(const std::string& text) {
  std::vector<Inclusion> out;
  std::vector<bool> sections;  // true for {{#x}}, false for {{^x}}
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
    std::size_t close = text.find("}}", at + 2);
    if (close == std::string::npos) break;
    std::string tag = text.substr(at + 2, close - at - 2);
    std::size_t b = tag.find_first_not_of(' ');
    char kind = b == std::string::npos ? ' ' : tag[b];
    std::string name = b == std::string::npos ? "" : tag.substr(b + 1);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (kind == '=') return {};
    if (kind == '#' || kind == '^') sections.push_back(kind == '#');
    if (kind == '/' && !sections.empty()) sections.pop_back();
    if (kind == '>')
      out.push_back({name, at, std::find(sections.begin(), sections.end(), true) != sections.end()});
    at = close + 2;
  }
  return out;
}

// Writes partials into `text` where they are used, so that each template is parsed once and its
// partials are not parsed again at every use (kainjow parses a partial each time it renders one,
// the recursive nav_item once per node). A partial renders exactly as its text in place: it
// shares the line and the context of the template. Left as tags, rendered the ordinary way:
// partials that are missing (reported at render time), any template or partial that changes
// delimiters, and recursion deeper than kMaxInlineDepth (a deeper tree still renders, slower).
constexpr int kMaxInlineDepth = 10;
constexpr std::size_t kMaxExpanded = 1 << 20;
std::string expand_partials(const std::string& text, const std::map<std::string, data>& partials, int depth) {
  if (depth >= kMaxInlineDepth || text.find("{{=") != std::string::npos) return text;
  std::string out;
  std::size_t last = 0;
  for (const Inclusion& inc : inclusions(text)) {
    const std::size_t end = text.find("}}", inc.offset) + 2;
    out.append(text, last, inc.offset - last);
    last = end;
    const std::string tag = text.substr(inc.offset, end - inc.offset);
    auto p = partials.find(inc.name);
    std::string inner = p == partials.end() || p->second.string_value().find("{{=") != std::string::npos
                            ? tag
                            : expand_partials(p->second.string_value(), partials, depth + 1);
    out += out.size() + inner.size() > kMaxExpanded ? tag : inner;
  }
  out.append(text, last, std::string::npos);
  return out;
}

}  // namespace

SourceLocation mustache_error_location(const std::string& path, const std::string& text, const std::string& message) {
  std::size_t at = offset_suffix(message);
  if (at == std::string::npos || message.size() - at > 4 + 18) return {path, 1, 1};
  return locate(path, text, std::min<std::size_t>(std::stoull(message.substr(at + 4)), text.size()));
}

std::string Theme::template_path(const std::string& name) const { return dir_ + "/templates/" + name + ".mustache"; }

std::optional<Theme> Theme::load(const std::string& project_root, const std::string& dir, Diagnostics& diags) {
  Theme theme;
  theme.dir_ = dir;
  fs::path root = fs::path(project_root) / dir;
  std::size_t errors_before = diags.error_count();
  if (std::error_code ec; !fs::is_directory(root / "templates", ec)) {
    diags.error({dir + "/templates", 1, 1}, Message{"KJ401", "テーマのフォルダーに templates/ フォルダーがありません",
                                                  "theme folder has no templates/ folder"});
    return std::nullopt;
  }
  auto load_folder = [&](const fs::path& folder, const std::string& rel, bool partial) {
    if (std::error_code ec; !fs::is_directory(folder, ec)) return;
    for (const auto& file : list_files(folder, ".mustache")) {
      std::string rel_path = rel + "/" + file;
      auto text = read_text_file(folder / file, rel_path, diags, &kTemplateSizeLimit);
      if (text) theme.add_source(fs::path(file).stem().string(), rel_path, std::move(*text), partial, diags);
    }
  };
  load_folder(root / "templates", dir + "/templates", false);
  load_folder(root / "templates" / "partials", dir + "/templates/partials", true);
  fs::path static_dir = root / "static";
  if (std::error_code ec; fs::is_directory(static_dir, ec))
    for (const auto& file : list_files_recursive(static_dir))
      theme.static_files_.emplace_back(file, (static_dir / file).string());
  // Symbolic links are never followed (they could lead outside the project): say so.
  for (const auto& [folder, rel, recursive] :
       {std::tuple{root / "templates", dir + "/templates", false},
        std::tuple{root / "templates" / "partials", dir + "/templates/partials", false},
        std::tuple{static_dir, dir + "/static", true}})
    for (const auto& link : list_symlinks(folder, recursive))
      diags.warning({rel + "/" + link, 1, 1},
                    Message{"KJ906", "シンボリックリンクは使われません。実際のファイルをテーマのフォルダーに置いてください",
                            "symbolic link ignored: put the file itself into the theme folder"});
  if (!theme.finish(errors_before, diags)) return std::nullopt;
  return theme;
}

std::optional<Theme> Theme::from_texts(const std::string& dir, const std::map<std::string, std::string>& templates,
                                       const std::map<std::string, std::string>& partials, Diagnostics& diags) {
  Theme theme;
  theme.dir_ = dir;
  std::size_t errors_before = diags.error_count();
  for (const auto& [name, text] : templates) theme.add_source(name, theme.template_path(name), text, false, diags);
  for (const auto& [name, text] : partials)
    theme.add_source(name, dir + "/templates/partials/" + name + ".mustache", text, true, diags);
  if (!theme.finish(errors_before, diags)) return std::nullopt;
  return theme;
}

void Theme::add_source(const std::string& name, const std::string& rel_path, std::string text, bool partial,
                       Diagnostics& diags) {
  if (!check_size(kTemplateSizeLimit, text.size(), {rel_path, 1, 1}, diags)) return;
  mustache tmpl(text);
  if (!tmpl.is_valid()) {
    diags.error(mustache_error_location(rel_path, text, tmpl.error_message()),
                Message{"KJ402", "テンプレートの書き方に誤りがあります（" + strip_offset(tmpl.error_message()) + "）",
                        "template error: " + strip_offset(tmpl.error_message())});
    return;
  }
  if (partial)
    partials_.emplace(name, data(std::move(text)));
  else
    templates_.emplace(name, Compiled{std::move(text), mustache(std::string())});
}

bool Theme::finish(std::size_t errors_before, Diagnostics& diags) {
  // Every file was parsed alone when added (a syntax error is reported there); each template is
  // parsed again with its partials written in at its first use (render()).
  check_partial_cycles(diags);
  return diags.error_count() == errors_before;
}

void Theme::check_partial_cycles(Diagnostics& diags) const {
  // Depth-first search over the unguarded inclusions; a back edge closes a cycle.
  std::map<std::string, std::vector<Inclusion>> edges;
  for (const auto& [name, d] : partials_)
    for (auto& inc : inclusions(d.string_value()))
      if (!inc.guarded && partials_.count(inc.name)) edges[name].push_back(std::move(inc));
  std::map<std::string, int> state;  // 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    state[name] = 1;
    path.push_back(name);
    for (const auto& inc : edges[name]) {
      if (state[inc.name] == 1) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), inc.name); it != path.end(); ++it) cycle += *it + " → ";
        cycle += inc.name;
        std::string file = dir_ + "/templates/partials/" + name + ".mustache";
        diags.error(locate(file, partials_.at(name).string_value(), inc.offset),
                    Message{"KJ904", "パーシャルが自分自身を呼び出し続けます(" + cycle + ")。{{#…}} の中で呼ぶか、呼び出しをやめてください",
                            "partial cycle " + cycle + ": it would never end; include it inside a {{#section}} or not at all"});
      } else if (state[inc.name] == 0) {
        visit(inc.name);
      }
    }
    path.pop_back();
    state[name] = 2;
  };
  for (const auto& [name, d] : partials_)
    if (state[name] == 0) visit(name);
}

bool Theme::first_report(const std::string& key) const {
  // Pages render on several threads at once.
  std::lock_guard<std::mutex> lock(*reported_mutex_);
  return reported_.insert(key).second;
}

std::optional<std::string> Theme::render(const std::string& name, const data& view, const std::string& for_page,
                                         Diagnostics& diags, const std::optional<Message>& too_big,
                                         const data* under) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    if (first_report("KJ403 " + name))
      diags.error({for_page, 1, 1},
                Message{"KJ403", "テーマにテンプレート「" + name + "」がありません（" + template_path(name) + " が必要です）",
                        "the theme has no template '" + name + "' (expected " + template_path(name) + ")"});
    return std::nullopt;
  }
  const Compiled& c = it->second;
  std::call_once(*c.parsed, [&] { c.tmpl = compile_template(expand_partials(c.text, partials_, 0)); });
  return render_compiled(c, template_path(name), view, for_page, diags, too_big, under);
}

std::optional<std::string> Theme::render_partial(const std::string& name, const data& view,
                                                 const std::string& for_page, Diagnostics& diags) const {
  auto text = partials_.find(name);
  if (text == partials_.end()) {
    diags.error({for_page, 1, 1}, "missing partial '" + name + "' (expected " + dir_ + "/templates/partials/" + name +
                                      ".mustache)");
    return std::nullopt;
  }
  const Compiled* compiled = nullptr;
  {
    std::lock_guard<std::mutex> lock(*partial_templates_mutex_);
    auto& slot = partial_templates_[name];
    if (!slot) {
      const std::string& t = text->second.string_value();
      slot = std::make_unique<Compiled>(Compiled{t, compile_template(expand_partials(t, partials_, 0))});
    }
    compiled = slot.get();
  }
  return render_compiled(*compiled, dir_ + "/templates/partials/" + name + ".mustache", view, for_page, diags,
                         std::nullopt, nullptr);
}

std::optional<std::string> Theme::render_compiled(const Compiled& c, const std::string& path, const data& view,
                                                  const std::string& for_page, Diagnostics& diags,
                                                  const std::optional<Message>& too_big, const data* under) const {
  StrictContext ctx(&view, under, partials_);
  std::string out;
  // Room for a little more than this template's last page: most pages of a layout are alike in
  // size, and the HTML is not copied over and over as it grows.
  LimitedOutput stream(c.last_size->load(std::memory_order_relaxed) / 8 * 9);
  try {
    c.tmpl.render(ctx, stream);
    out = stream.take();
    c.last_size->store(out.size(), std::memory_order_relaxed);
    // A small page after a large one: it does not keep the large one's room while it waits to be written.
    if (out.capacity() > 2 * out.size() + (64u << 10)) out.shrink_to_fit();
  } catch (const TooBig&) {
    // Reported for each page (the page's own content makes it big), where the page is. Rendering
    // stopped at the limit, so the whole size is not known.
    diags.error({for_page, 1, 1},
                too_big ? *too_big
                        : Message{kOutputSizeLimit.code,
                        std::string("このページの表示結果(HTML)が上限の ") + format_size(kOutputSizeLimit.bytes, true) +
                            " を超えたので、表示を止めました。" + kOutputSizeLimit.fix_ja,
                        std::string("this page's HTML passed the limit of ") +
                            format_size(kOutputSizeLimit.bytes, false) + "; rendering stopped: " +
                            kOutputSizeLimit.fix_en});
    return std::nullopt;
  } catch (const TooDeep&) {
    if (first_report("KJ905 " + path))
      diags.error({path, 1, 1},
                Message{"KJ905",
                        for_page + " の表示で、テンプレートの入れ子が " + std::to_string(kMaxTemplateNesting) +
                            " 段を超えました(パーシャルが自分自身を呼び続けていないか確かめてください)",
                        "nesting deeper than " + std::to_string(kMaxTemplateNesting) +
                            " levels while rendering " + for_page + " (does a partial keep including itself?)"});
    return std::nullopt;
  }
  if (!ctx.missing.empty()) {
    for (const auto& p : ctx.missing) {
      if (!first_report("KJ404 " + path + " " + p)) continue;
      const std::string expected = dir_ + "/templates/partials/" + p + ".mustache";
      diags.error(mustache_error_location(path, c.text, ""),
                  Message{"KJ404", "部品テンプレート「" + p + "」がありません（" + expected + " が必要です）",
                          "missing partial '" + p + "' (expected " + expected + ")"});
    }
    return std::nullopt;
  }
  if (!c.tmpl.is_valid()) {
    if (first_report("KJ405 " + path))
      diags.error({path, 1, 1},
                Message{"KJ405",
                        for_page + " を表示する途中でテンプレートの誤りがありました（" + strip_offset(c.tmpl.error_message()) + "）",
                        "template error while rendering " + for_page + ": " + strip_offset(c.tmpl.error_message())});
    return std::nullopt;
  }
  return out;
}

}  // namespace kijun
