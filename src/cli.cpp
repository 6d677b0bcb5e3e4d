#include "cli.h"

#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "build.h"

namespace kijun {

namespace {

constexpr const char* kUsage =
    "usage: kijun <command> [options]\n"
    "\n"
    "Builds the policy portal from Markdown in content/ through the theme in themes/ into site/.\n"
    "\n"
    "commands:\n"
    "  build              build the site (the previous site/ is replaced only when the build succeeds)\n"
    "\n"
    "options for build:\n"
    "  -C, --project DIR  project folder; other paths are relative to it (default: .)\n"
    "  --content DIR      Markdown content (default: content)\n"
    "  --theme DIR        theme folder (default: themes/default)\n"
    "  --out DIR          output folder (default: site)\n"
    "  --lunr FILE        lunr.js to ship with the site (default: node_modules/lunr/lunr.js)\n"
    "  --strict           treat warnings as errors\n"
    "  -q, --quiet        print only problems\n"
    "\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "exit status: 0 success, 1 content errors (site/ unchanged), 2 usage errors\n";

int usage_error(std::ostream& err, const std::string& message) {
  err << "kijun: " << message << "\n" << "Try 'kijun --help' for more information.\n";
  return kExitUsage;
}

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

}  // namespace

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
  if (args[0] != "build") {
    if (!args[0].empty() && args[0][0] == '-') return usage_error(err, "missing command before '" + args[0] + "'");
    return usage_error(err, "unknown command '" + args[0] + "'");
  }

  BuildOptions opt;
  bool quiet = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& target) {
      if (i + 1 >= args.size() || args[i + 1].empty()) return false;
      target = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "-C" || a == "--project") ok = value(opt.project_root);
    else if (a == "--content") ok = value(opt.content_dir);
    else if (a == "--theme") ok = value(opt.theme_dir);
    else if (a == "--out") ok = value(opt.out_dir);
    else if (a == "--lunr") ok = value(opt.lunr_js);
    else if (a == "--strict") opt.strict = true;
    else if (a == "-q" || a == "--quiet") quiet = true;
    else return usage_error(err, "unknown option '" + a + "'");
    if (!ok) return usage_error(err, "option '" + a + "' needs a value");
  }

  BuildResult r = build_site(opt);
  r.diagnostics.print(err);
  if (!r.written) {
    err << "kijun: " << r.diagnostics.summary() << "; " << opt.out_dir << "/ left unchanged\n";
    return kExitContentError;
  }
  if (r.diagnostics.warning_count() > 0) err << "kijun: " << r.diagnostics.summary() << "\n";
  if (!quiet)
    out << "kijun: built " << opt.out_dir << "/ (" << r.stats.pages << " pages, " << r.stats.provisions
        << " provisions, " << r.stats.files << " files) in " << format_ms(r.stats.total_ms) << "\n";
  return kExitOk;
}

}  // namespace kijun
