#include "cli.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <atomic>
#include <csignal>

#include "build.h"
#include "edition_commands.h"
#include "serve/file_watcher.h"
#include "serve/preview_server.h"

namespace kijun {

namespace {

constexpr const char* kUsage =
    "usage: kijun <command> [options]\n"
    "\n"
    "Builds the policy portal from Markdown in content/ through the theme in themes/ into site/.\n"
    "\n"
    "commands:\n"
    "  build              build the site (the previous site/ is replaced only when the build succeeds)\n"
    "  check              check everything a build checks, writing nothing\n"
    "  serve              build, serve the site on 127.0.0.1 and rebuild when content/ or the theme\n"
    "                     changes; open pages reload themselves or show the errors\n"
    "  edition publish NAME --effective YYYY-MM-DD --reason TEXT [--decided YYYY-MM-DD]\n"
    "                     [--notified YYYY-MM-DD] [--without-text]\n"
    "                     record content/ as the published edition NAME (e.g. 第1.2版) in editions/,\n"
    "                     after checking it has no errors and no warnings; sets it in site.yaml.\n"
    "                     --without-text records only the history entry of an earlier edition\n"
    "  diff [--from E] [--to E] [--format text|json]\n"
    "                     the 新旧対照表 in the terminal (E: 第1.1版 or 1.1; default: the last published\n"
    "                     edition against content/); exit 0 no change, 1 changes, 2 trouble\n"
    "  options for edition and diff: -C DIR, --content DIR, --editions DIR (default: editions)\n"
    "\n"
    "options for build, check and serve:\n"
    "  -C, --project DIR  project folder; other paths are relative to it (default: .)\n"
    "  --content DIR      Markdown content (default: content)\n"
    "  --theme DIR        theme folder (default: themes/default)\n"
    "  --out DIR          output folder (default: site)\n"
    "  --editions DIR     published edition records (default: editions)\n"
    "  --lunr FILE        lunr.js to ship with the site (default: node_modules/lunr/lunr.js)\n"
    "  --strict           treat warnings as errors\n"
    "  --lang ja|en       language of the diagnostics (default: ja)\n"
    "  -q, --quiet        print only problems\n"
    "  --timings          after a build, print the time of each phase (with -q too)\n"
    "  --port N           port for serve (default: 4000; 0 picks a free one)\n"
    "\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "exit status: 0 success, 1 content errors (site/ unchanged), 2 usage errors\n";

int usage_error(std::ostream& err, const std::string& message) {
  err << "kijun: " << message << "\n"
      << "Try 'kijun --help' for more information.\n";
  return kExitUsage;
}

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

}  // namespace

std::string phase_times(const BuildStats& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "phases: load %.0f ms, resolve %.0f ms, render %.0f ms, index %.0f ms, write %.0f ms; "
                "writing threads busy %.0f ms; %zu files, %zu bytes",
                s.load_ms, s.resolve_ms, s.render_ms, s.search_ms, s.write_ms, s.writer_ms, s.files, s.bytes);
  return buf;
}

bool parse_phase_times(std::string_view line, BuildStats& s) {
  const std::size_t at = line.find("phases: ");
  if (at == std::string_view::npos) return false;
  const std::string text(line.substr(at));
  return std::sscanf(text.c_str(),
                     "phases: load %lf ms, resolve %lf ms, render %lf ms, index %lf ms, write %lf ms; "
                     "writing threads busy %lf ms; %zu files, %zu bytes",
                     &s.load_ms, &s.resolve_ms, &s.render_ms, &s.search_ms, &s.write_ms, &s.writer_ms, &s.files,
                     &s.bytes) == 8;
}

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  for (const auto& a : args) {
    if (a == "-h" || a == "--help") {
      out << kUsage;
      return kExitOk;
    }
    if (a == "-V" || a == "--version") {
      out << "kijun " << KIJUN_VERSION << "\n";
      return kExitOk;
    }
  }
  if (args[0] == "edition") return run_edition_command({args.begin() + 1, args.end()}, out, err);
  if (args[0] == "diff") return run_diff_command({args.begin() + 1, args.end()}, out, err);
  const bool serve = args[0] == "serve";
  const bool check = args[0] == "check";
  if (args[0] != "build" && !serve && !check) {
    if (!args[0].empty() && args[0][0] == '-') return usage_error(err, "missing command before '" + args[0] + "'");
    return usage_error(err, "unknown command '" + args[0] + "'");
  }

  BuildOptions opt;
  bool quiet = false, timings = false;
  Language lang = Language::kJapanese;
  std::string lang_text;
  std::string port_text = "4000";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& target) {
      if (i + 1 >= args.size() || args[i + 1].empty()) return false;
      target = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "-C" || a == "--project")
      ok = value(opt.project_root);
    else if (a == "--content")
      ok = value(opt.content_dir);
    else if (a == "--theme")
      ok = value(opt.theme_dir);
    else if (a == "--out")
      ok = value(opt.out_dir);
    else if (a == "--editions")
      ok = value(opt.editions_dir);
    else if (a == "--lunr")
      ok = value(opt.lunr_js);
    else if (a == "--strict")
      opt.strict = true;
    else if (a == "--lang") {
      ok = value(lang_text);
      if (ok && lang_text == "en")
        lang = Language::kEnglish;
      else if (ok && lang_text != "ja")
        return usage_error(err, "unknown language '" + lang_text + "' (use ja or en)");
    } else if (a == "-q" || a == "--quiet")
      quiet = true;
    else if (!serve && !check && a == "--timings")
      timings = true;
    else if (serve && a == "--port")
      ok = value(port_text);
    else
      return usage_error(err, "unknown option '" + a + "'");
    if (!ok) return usage_error(err, "option '" + a + "' needs a value");
  }

  auto report = [&](const BuildResult& r) {
    const Diagnostics& d = r.diagnostics;
    d.print(err, lang);
    const bool ja = lang == Language::kJapanese;
    if (!r.written) {
      err << "kijun: " << d.summary(lang);
      if (!d.has_errors() && opt.strict && d.warning_count() > 0)
        err << (ja ? "。--strict のため警告もエラーとして扱います" : "; --strict treats warnings as errors");
      err << (ja ? "。" + opt.out_dir + "/ は変更していません\n" : "; " + opt.out_dir + "/ left unchanged\n");
      return false;
    }
    if (d.warning_count() > 0) err << "kijun: " << d.summary(lang) << "\n";
    if (!quiet)
      out << "kijun: built " << opt.out_dir << "/ (" << r.stats.pages << " pages, " << r.stats.provisions
          << " provisions, " << r.stats.files << " files) in " << format_ms(r.stats.total_ms) << std::endl;
    if (timings) out << "kijun: " << phase_times(r.stats) << std::endl;
    return true;
  };

  if (serve) {
    std::size_t used = 0;
    long port = -1;
    try {
      port = std::stol(port_text, &used);
    } catch (const std::exception&) {
    }
    if (used != port_text.size() || port < 0 || port > 65535)
      return usage_error(err, "invalid port '" + port_text + "'");
    PreviewServer server(opt);
    server.on_change = [&] { out << "kijun: change detected, rebuilding" << std::endl; };
    server.on_build = [&](const BuildResult& r) {
      // The preview builds into memory: its output folder is never touched.
      r.diagnostics.print(err);
      if (!r.written) {
        err << "kijun: " << r.diagnostics.summary() << "; the preview keeps showing the last good build" << std::endl;
        return;
      }
      if (r.diagnostics.warning_count() > 0) err << "kijun: " << r.diagnostics.summary() << "\n";
      if (!quiet)
        out << "kijun: built the preview (" << r.stats.pages << " pages, " << r.stats.provisions << " provisions, "
            << r.stats.files << " files) in " << format_ms(r.stats.total_ms) << "; its pages were served after "
            << format_ms(r.stats.load_ms + r.stats.resolve_ms) << std::endl;
    };
    server.on_watch_fallback = [&](const std::string& reason) {
      // The preview keeps working, only a little later after each save.
      Diagnostics d;
      d.warning({opt.content_dir, 1, 1}, watch_fallback_message(reason));
      d.print(err, lang);
    };
    std::string error;
    if (!server.listen(static_cast<std::uint16_t>(port), error)) {
      err << "kijun: " << error << "\n";
      return kExitContentError;
    }
    server.rebuild_if_changed();
    out << "kijun: serving http://127.0.0.1:" << server.port() << "/ (rebuilds on change; Ctrl+C stops)" << std::endl;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (server.run(g_stop)) {
      // Stopped during a rebuild: that build writes nothing, so there is no need to wait for it.
      out.flush();
      err.flush();
      std::fflush(nullptr);
      std::_Exit(kExitOk);
    }
    return kExitOk;
  }

  if (check) {
    BuildResult r = check_site(opt);
    const Diagnostics& d = r.diagnostics;
    d.print(err, lang);
    const bool ok = !d.has_errors() && !(opt.strict && d.warning_count() > 0);
    if (!d.items().empty() || d.unchecked_references() > 0) {
      err << "kijun: " << d.summary(lang);
      if (!d.has_errors() && opt.strict && d.warning_count() > 0)
        err << (lang == Language::kJapanese ? "。--strict のため警告もエラーとして扱います" : "; --strict treats warnings as errors");
      err << "\n";
    }
    if (ok && !quiet) {
      if (lang == Language::kJapanese)
        out << "kijun: 確認しました（" << r.stats.pages << " ページ、" << r.stats.provisions << " 要件、"
            << format_ms(r.stats.total_ms) << "）" << std::endl;
      else
        out << "kijun: checked " << r.stats.pages << " pages, " << r.stats.provisions << " provisions in "
            << format_ms(r.stats.total_ms) << std::endl;
    }
    return ok ? kExitOk : kExitContentError;
  }

  // The build's state (at 10,000 pages millions of small objects, freed one by one in 60-70 ms) is
  // left to the system, which takes the process's memory back at exit at once.
  std::unique_ptr<SiteBuild> build = SiteBuild::prepare(opt);
  const bool built = report(build->finish());
  static_cast<void>(build.release());
  return built ? kExitOk : kExitContentError;
}

}  // namespace kijun
