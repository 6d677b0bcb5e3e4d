#include "edition_commands.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>
#include <ostream>

#include "base/disk.h"
#include "build.h"
#include "cli.h"
#include "content/site_config.h"
#include "render/shinkyu_view.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

struct Args {
  BuildOptions opt;
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::vector<std::string> flags;
};

// Parses the common options and the given value options and flags. false after a usage error.
bool parse(const std::vector<std::string>& in, std::size_t from, const std::vector<std::string>& value_options,
           const std::vector<std::string>& flag_options, Args& a, std::ostream& err) {
  for (std::size_t i = from; i < in.size(); ++i) {
    const std::string& s = in[i];
    auto value = [&](std::string& target) {
      if (i + 1 >= in.size() || in[i + 1].empty()) {
        err << "kijun: option '" << s << "' needs a value\n";
        return false;
      }
      target = in[++i];
      return true;
    };
    if (s == "-C" || s == "--project") {
      if (!value(a.opt.project_root)) return false;
    } else if (s == "--content") {
      if (!value(a.opt.content_dir)) return false;
    } else if (s == "--editions") {
      if (!value(a.opt.editions_dir)) return false;
    } else if (std::find(value_options.begin(), value_options.end(), s) != value_options.end()) {
      if (!value(a.values[s])) return false;
    } else if (std::find(flag_options.begin(), flag_options.end(), s) != flag_options.end()) {
      a.flags.push_back(s);
    } else if (!s.empty() && s[0] == '-') {
      err << "kijun: unknown option '" << s << "'\nTry 'kijun --help' for more information.\n";
      return false;
    } else {
      a.positional.push_back(s);
    }
  }
  return true;
}

bool has_flag(const Args& a, const std::string& f) { return std::find(a.flags.begin(), a.flags.end(), f) != a.flags.end(); }

// Writes `text` to `path` whole or not at all.
bool write_atomically(const fs::path& path, const std::string& text, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".kijun-tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f.flush()) {
      error = "cannot write " + tmp.string();
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    error = "cannot write " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

int publish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Args a;
  if (!parse(args, 1, {"--effective", "--reason", "--decided", "--notified"}, {"--without-text"}, a, err))
    return kExitUsage;
  if (a.positional.size() != 1 || !a.values.count("--effective") || !a.values.count("--reason")) {
    err << "kijun: usage: kijun edition publish NAME --effective YYYY-MM-DD --reason TEXT\n";
    return kExitUsage;
  }
  const std::string name = a.positional[0];
  const std::string settings = a.opt.content_dir + "/" + kSiteConfigFile;
  Diagnostics diags;
  auto fail = [&] {
    diags.print(err);
    err << "kijun: nothing published (" << diags.summary() << ")\n";
    return kExitContentError;
  };
  EditionRecord rec;
  rec.name = name;
  rec.reason = a.values["--reason"];
  if (edition_slug(name).empty())
    diags.error({settings, 1, 1}, Message{"KJ602", "版の名前「" + name + "」は「第1.2版」の形で書きます",
                                          "an edition is named like 第1.2版, not '" + name + "'"});
  auto date_of = [&](const std::string& option, std::optional<Date>& outd) {
    if (!a.values.count(option)) return;
    outd = parse_iso_date(a.values[option]);
    if (!outd)
      diags.error({settings, 1, 1}, Message{"KJ604", option + " は 2026-04-01 のような実在する日付で書きます",
                                            option + " must be a real date like 2026-04-01"});
  };
  std::optional<Date> effective;
  date_of("--effective", effective);
  date_of("--decided", rec.decided);
  date_of("--notified", rec.notified);
  if (rec.reason.empty())
    diags.error({settings, 1, 1}, Message{"KJ618", "--reason に改定理由・内容を書きます",
                                          "--reason needs the reason for the revision"});
  if (diags.has_errors()) return fail();
  rec.effective = *effective;

  auto records = load_editions(a.opt.project_root, a.opt.editions_dir, diags);
  if (diags.has_errors()) return fail();
  for (const auto& r : records) {
    if (r.name == name)
      diags.error({r.file, 1, 1}, Message{"KJ608", name + " は公布済みです(" + r.file + ")",
                                          name + " is already published (" + r.file + ")"});
    else if (!has_flag(a, "--without-text") && !(r.effective < rec.effective))
      diags.error({r.file, 1, 1},
                  Message{"KJ609", "施行日 " + iso_date(rec.effective) + " は公布済みの " + r.name + "(" +
                                       iso_date(r.effective) + ")より後の日付にします",
                          "the 施行日 " + iso_date(rec.effective) + " must be later than that of " + r.name + " (" +
                              iso_date(r.effective) + ")"});
  }
  if (diags.has_errors()) return fail();

  if (has_flag(a, "--without-text")) {
    // An edition published before its text was kept here: the history entry only.
    auto site = load_edition_site(a.opt, diags);
    if (!site) return fail();
    rec.title = site->working.title;
    rec.organisation = site->working.organisation;
    rec.has_text = false;
  } else {
    // The working text must build cleanly: no errors and no warnings.
    BuildOptions check = a.opt;
    check.write = false;
    check.strict = true;
    BuildResult r = build_site(check);
    if (r.diagnostics.error_count() + r.diagnostics.warning_count() > 0) {
      r.diagnostics.print(err);
      Diagnostics refuse;
      refuse.error({settings, 1, 1},
                   Message{"KJ607", "作業中の本文にエラーまたは警告があるため公布できません(" +
                                        r.diagnostics.summary() + ")",
                           "the working text has errors or warnings (" + r.diagnostics.summary() +
                               "): nothing published"});
      refuse.print(err);
      return kExitContentError;
    }
    auto site = load_edition_site(a.opt, diags);
    if (!site) return fail();
    EditionRecord working = site->working;
    working.name = rec.name;
    working.effective = rec.effective;
    working.decided = rec.decided;
    working.notified = rec.notified;
    working.reason = rec.reason;
    rec = std::move(working);
    rec.has_text = true;
  }

  const fs::path root(a.opt.project_root);
  const std::string shown = a.opt.editions_dir + "/" + rec.slug() + ".yaml";
  std::string error;
  if (!write_atomically(root / shown, edition_record_yaml(rec), error)) {
    err << "kijun: " << error << "\n";
    return kExitContentError;
  }
  out << "kijun: published " << rec.name << " (施行日 " << wareki(rec.effective) << ") in " << shown << " ("
      << rec.provisions.size() << " provisions)\n";
  if (!rec.has_text) return kExitOk;
  auto text = read_text_file(root / settings, settings, diags);
  if (!text) return fail();
  std::string updated = set_site_settings(
      *text, {{"edition", rec.name}, {"effective_date_iso", iso_date(rec.effective)}, {"effective_date", wareki(rec.effective)},
              {"draft", "false"}});
  if (!write_atomically(root / settings, updated, error)) {
    err << "kijun: " << error << "\n";
    return kExitContentError;
  }
  out << "kijun: " << settings << " now names " << rec.name << "\n";
  return kExitOk;
}

// A published edition by name (第1.1版) or number (1.1).
const EditionRecord* find_edition(const EditionSite& es, const std::string& e) {
  for (const auto& r : es.records)
    if (r.name == e || r.slug() == e) return &r;
  return nullptr;
}

}  // namespace

int run_edition_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "publish") {
    err << "kijun: usage: kijun edition publish NAME --effective YYYY-MM-DD --reason TEXT\n";
    return kExitUsage;
  }
  return publish(args, out, err);
}

int run_diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  constexpr int kTrouble = 2;
  Args a;
  if (!parse(args, 0, {"--from", "--to", "--format"}, {}, a, err)) return kTrouble;
  const std::string format = a.values.count("--format") ? a.values["--format"] : "text";
  if (!a.positional.empty() || (format != "text" && format != "json")) {
    err << "kijun: usage: kijun diff [--from EDITION] [--to EDITION] [--format text|json]\n";
    return kTrouble;
  }
  Diagnostics diags;
  auto es = load_edition_site(a.opt, diags);
  if (!es) {
    diags.print(err);
    return kTrouble;
  }
  auto pick = [&](const char* option, const EditionRecord*& r) {
    if (!a.values.count(option)) return true;
    r = find_edition(*es, a.values[option]);
    if (!r)
      diags.error({a.opt.editions_dir, 1, 1},
                  Message{"KJ619", "公布済みの版「" + a.values[option] + "」がありません",
                          "no published edition '" + a.values[option] + "'"});
    return r != nullptr;
  };
  const EditionRecord *from = nullptr, *to = nullptr;
  if (!pick("--from", from) || !pick("--to", to)) {
    diags.print(err);
    return kTrouble;
  }
  const EditionRecord* newer = to ? to : &es->working;
  if (!from) {
    // The edition before --to, or the last published one against the working text.
    for (const auto& r : es->records)
      if (to ? r.effective < to->effective : true) from = &r;
  }
  if (!from || !from->has_text || !newer->has_text) {
    diags.error({a.opt.editions_dir, 1, 1},
                Message{"KJ619", "比較できる公布済みの版(本文の記録があるもの)がありません",
                        "there is no published edition with its text to compare with"});
    diags.print(err);
    return kTrouble;
  }
  EditionDiff d = diff_editions(*from, *newer);
  if (!to) d.to = es->working.name == from->name ? "改正案" : es->working.name + "(改正案)";
  out << (format == "json" ? shinkyu_json(d) : shinkyu_text(d));
  return d.empty() ? 0 : 1;
}

}  // namespace kijun
