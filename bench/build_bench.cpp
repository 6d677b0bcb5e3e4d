// Benchmark of whole builds. Prints figures; asserts nothing.
//
//   kijun_bench [--sizes 1000,3000,10000] [--real-runs 20] [--cap SECONDS] [--no-hugo] [--no-hugo-nav]
//               [--edits 20] [--rounds 3]
//   kijun_bench --write-corpus DIR PAGES   (only writes the corpus, e.g. to profile a build of it)
//
// 1. The real standard (content/): median of --real-runs builds, phase by phase, then of as many
//    `kijun check` runs (with the lint pass's share).
// 2. The synthetic Japanese corpus (bench/corpus.h, fixed seed) at each size, built --rounds times
//    into a new folder by `kijun build` (the kijun program beside this one, started as Hugo is,
//    with --timings for its phases) and, when `hugo` is on PATH, by Hugo without a nav, the two
//    taking turns (kijun first in odd rounds, Hugo first in even ones): the medians of wall time,
//    with CPU time, peak RSS, files and bytes written and phases, and their ratio. Then rebuilt as
//    many times each, as an editor rebuilds (kijun into its first folder, with its spare there
//    from the third build on; Hugo into its first public/), taking turns again. A build running
//    longer than --cap seconds (default 1800) is stopped and reported as such.
// 3. Hugo with a full navigation tree on every page, once (unless --no-hugo-nav: at 10k pages that
//    alone takes a quarter of an hour). Every timed build starts after a sync(), so that none pays
//    for the writes of another, and no folder is deleted before the last build: on ext4 without
//    a journal, for a while after many files are deleted, creating a file skips their inodes one
//    by one (recently_deleted() in the kernel), which made whichever build came first after a
//    deletion pay seconds for it.
// 4. The preview (kijun serve's server, in this process): edit -> the page served with the edit,
//    and edit -> the whole site rebuilt, over --edits edits of one page, on a copy of content/ and
//    on each corpus. Wall times; CPU time is printed beside them because a loaded machine
//    stretches wall time.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <atomic>
#include <thread>

#include "build.h"
#include "cli.h"
#include "content/content_library.h"
#include "corpus.h"
#include "serve/preview_server.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct Run {
  bool ok = false, capped = false;
  double wall_s = 0;
  long rss_mb = 0;
  double cpu_s = 0;  // user + system time of the child
  kijun::BuildStats stats;
};

// Waits for child `pid` started at `t0`, killing it after `cap` s; fills the run's wall time, peak
// RSS and `capped`; returns the wait status.
int wait_capped(pid_t pid, Clock::time_point t0, double cap, Run& run) {
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, WNOHANG, &usage) != pid) {
    if (std::chrono::duration<double>(Clock::now() - t0).count() > cap) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      run.capped = true;
      break;
    }
    usleep(20000);
  }
  run.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  run.rss_mb = usage.ru_maxrss / 1024;
  run.cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return status;
}

// Runs a program (kijun, Hugo), its output discarded or written to `output`; kills it after `cap` s.
Run run_exec(double cap, const std::vector<std::string>& argv, const fs::path& output = "/dev/null") {
  Run run;
  const auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) dup2(out, 1);
    execvp(args[0], args.data());
    _exit(127);
  }
  const int status = wait_capped(pid, t0, cap, run);
  run.ok = !run.capped && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return run;
}

// `kijun build` of the project `opt` names, run as its users run it: a program of its own, started
// the way Hugo is. Its phases come from what --timings prints.
Run run_kijun(double cap, const kijun::BuildOptions& opt, const fs::path& output) {
  Run run = run_exec(cap, {KIJUN_BINARY, "build", "-q", "--timings", "-C", opt.project_root, "--theme", opt.theme_dir,
                           "--lunr", opt.lunr_js, "--out", opt.out_dir},
                     output);
  std::ifstream in(output);
  bool timed = false;
  for (std::string line; std::getline(in, line);) timed = kijun::parse_phase_times(line, run.stats) || timed;
  run.ok = run.ok && timed;
  return run;
}

// The run of median wall time (the upper one of an even count); an empty list gives a failed run.
const Run& median_run(std::vector<Run>& runs) {
  static const Run none;
  if (runs.empty()) return none;
  std::vector<const Run*> order;
  for (const Run& r : runs) order.push_back(&r);
  std::sort(order.begin(), order.end(), [](const Run* a, const Run* b) { return a->wall_s < b->wall_s; });
  return *order[order.size() / 2];
}

// True when there are runs and each of them succeeded.
bool all_ok(const std::vector<Run>& runs) {
  return !runs.empty() && std::all_of(runs.begin(), runs.end(), [](const Run& r) { return r.ok; });
}

// `rounds` runs of `a` and of `b` (none of `b` when it is empty), taking turns: `a` first in even
// rounds, `b` first in odd ones; each is given the round's number. Stops after a round in which
// one failed.
void take_turns(int rounds, const std::function<Run(int)>& a, const std::function<Run(int)>& b, std::vector<Run>& of_a,
                std::vector<Run>& of_b) {
  for (int round = 0; round < rounds; ++round) {
    for (int turn = 0; turn < 2; ++turn) {
      if ((turn == 0) == (round % 2 == 0))
        of_a.push_back(a(round));
      else if (b)
        of_b.push_back(b(round));
    }
    if (!of_a.back().ok || (b && !of_b.back().ok)) return;
  }
}

// "3.21 3.05 3.40": each run's wall time, in the order run.
std::string walls(const std::vector<Run>& runs) {
  std::string out;
  char buf[32];
  for (const Run& r : runs) {
    std::snprintf(buf, sizeof buf, "%s%.2f", out.empty() ? "" : " ", r.wall_s);
    out += buf;
  }
  return out;
}

void print_phases(const kijun::BuildStats& s) {
  std::printf("load %.0f, resolve %.0f, render %.0f, index %.0f, write %.0f ms (the writing threads busy %.0f ms)",
              s.load_ms, s.resolve_ms, s.render_ms, s.search_ms, s.write_ms, s.writer_ms);
}

// A Hugo site over the same content/: full navigation tree on every page, or none.
void write_hugo_site(const fs::path& dir, const fs::path& content, bool nav) {
  fs::remove_all(dir);
  fs::create_directories(dir / "layouts/_default");
  fs::create_directories(dir / "layouts/partials");
  std::ofstream(dir / "hugo.toml") << "baseURL = '/'\nlanguageCode = 'ja'\ntitle = 'ベンチマーク'\ncontentDir = '"
                                   << content.string()
                                   << "'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', '404']\n"
                                      "uglyURLs = true\nrelativeURLs = true\n";
  const char* page =
      "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>"
      "{{ partial \"nav.html\" . }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n";
  std::ofstream(dir / "layouts/_default/single.html") << page;
  std::ofstream(dir / "layouts/_default/list.html") << page;
  std::ofstream(dir / "layouts/index.html") << page;
  std::ofstream(dir / "layouts/partials/nav.html")
      << (nav ? "<nav><ul>{{ $cur := . }}{{ range .Site.Home.Sections }}{{ partial \"tree.html\" (dict \"p\" . "
                "\"cur\" $cur) }}{{ end }}</ul></nav>"
              : "");
  std::ofstream(dir / "layouts/partials/tree.html")
      << "<li{{ if eq .p .cur }} class=\"current\"{{ end }}><a href=\"{{ .p.RelPermalink }}\">{{ .p.Title }}</a>"
         "{{ if .p.IsSection }}<ul>{{ $cur := .cur }}{{ range .p.Pages }}{{ partial \"tree.html\" (dict \"p\" . "
         "\"cur\" $cur) }}{{ end }}</ul>{{ end }}</li>";
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
}

// Edit -> new content served by the preview: appends a paragraph to `page` (under the project's
// content/, at site path `url`) `edits` times, and each time waits until a request for the page
// gets the new text (the open page's reload), then until the whole site is rebuilt (the generated
// pages and the search data). Prints median and p90 of both.
void preview_latency(const char* label, const kijun::BuildOptions& opt, const fs::path& page, const std::string& url,
                     int edits) {
  kijun::PreviewServer server(opt);
  std::string error;
  if (!server.listen(0, error)) {
    std::printf("%s preview: cannot listen: %s\n", label, error.c_str());
    return;
  }
  std::vector<double> prepare_ms;  // load and resolve of each build: the part before the page is served
  server.on_build = [&](const kijun::BuildResult& r) { prepare_ms.push_back(r.stats.load_ms + r.stats.resolve_ms); };
  server.rebuild_if_changed();
  prepare_ms.clear();
  std::atomic<bool> stop{false};
  std::thread loop([&] { server.run(stop, 20); });
  std::vector<double> ms, whole_ms;
  bool served = true;
  for (int i = 0; i < edits; ++i) {
    const int before = server.generation();
    const std::string word = "ベンチマーク編集" + std::to_string(i);
    const auto t0 = Clock::now();
    auto waited = [&] { return std::chrono::duration<double>(Clock::now() - t0).count() < 120; };
    std::ofstream(page, std::ios::app) << "\n" << word << "の段落。\n";
    while (server.generation() == before && waited()) std::this_thread::sleep_for(std::chrono::microseconds(200));
    // The open page reloads: its request is answered once the page is rendered.
    const bool has_word = server.handle(url).body.find(word) != std::string::npos;
    served = served && has_word;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    while (!server.last_build_complete() && waited()) std::this_thread::sleep_for(std::chrono::microseconds(200));
    whole_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the watcher settle
  }
  stop = true;
  loop.join();
  std::printf("%s preview, edit -> page served with the edit: median %.0f ms, p90 %.0f ms (load and resolve: median "
              "%.0f ms); whole site rebuilt: median %.0f ms, p90 %.0f ms; over %d edits%s\n",
              label, median(ms), percentile(ms, 0.9), median(prepare_ms), median(whole_ms), percentile(whole_ms, 0.9),
              edits, served ? "" : " (EDIT NOT SERVED)");
  std::fflush(stdout);
}

bool has_hugo() { return std::system("command -v hugo >/dev/null 2>&1") == 0; }

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {1000, 3000, 10000};
  int real_runs = 20;
  double cap = 1800;
  bool hugo = true, hugo_nav = true;
  int edits = 20;
  int rounds = 3;
  if (argc == 4 && std::string(argv[1]) == "--write-corpus") {
    const auto fig = kijun_bench::write_corpus(argv[2], std::atoi(argv[3]));
    std::printf("%d pages, %d provisions written to %s/content\n", fig.pages, fig.provisions, argv[2]);
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--sizes" && i + 1 < argc) {
      sizes.clear();
      for (std::string s = argv[++i]; !s.empty();) {
        sizes.push_back(std::atoi(s.c_str()));
        auto comma = s.find(',');
        s = comma == std::string::npos ? "" : s.substr(comma + 1);
      }
    } else if (a == "--real-runs" && i + 1 < argc) {
      real_runs = std::atoi(argv[++i]);
    } else if (a == "--cap" && i + 1 < argc) {
      cap = std::atof(argv[++i]);
    } else if (a == "--no-hugo") {
      hugo = false;
    } else if (a == "--no-hugo-nav") {
      hugo_nav = false;
    } else if (a == "--edits" && i + 1 < argc) {
      edits = std::atoi(argv[++i]);
    } else if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: kijun_bench [--sizes 1000,3000,10000] [--real-runs N] [--cap S] [--no-hugo] [--no-hugo-nav] "
                           "[--edits N] [--rounds N]\n");
      return 2;
    }
  }
  hugo = hugo && has_hugo();
  const fs::path tmp = fs::temp_directory_path() / ("kijun-bench-" + std::to_string(getpid()));
  fs::create_directories(tmp);
  const std::string source = KIJUN_SOURCE_DIR;

  if (real_runs > 0) {
    kijun::BuildOptions real;
    real.project_root = source;
    real.out_dir = (tmp / "site-real").string();
    std::vector<double> load, resolve, render, search, write, total;
    kijun::BuildStats last;
    for (int i = 0; i < real_runs; ++i) {
      kijun::BuildResult r = kijun::build_site(real);
      if (!r.written) {
        r.diagnostics.print(std::cerr);
        return 1;
      }
      last = r.stats;
      load.push_back(r.stats.load_ms);
      resolve.push_back(r.stats.resolve_ms);
      render.push_back(r.stats.render_ms);
      search.push_back(r.stats.search_ms);
      write.push_back(r.stats.write_ms);
      total.push_back(r.stats.total_ms);
    }
    std::printf(
        "content/   %zu pages, %zu provisions, %zu files, %.0f KiB | median of %d: total %.1f ms (load %.1f, "
        "resolve %.1f, render %.1f, index %.1f, write %.1f)\n",
        last.pages, last.provisions, last.files, last.bytes / 1024.0, real_runs, median(total), median(load),
        median(resolve), median(render), median(search), median(write));
    std::fflush(stdout);
    // `kijun check` (what an editor's save runs): the same checks, in memory, writing nothing.
    std::vector<double> check_total, lint;
    for (int i = 0; i < real_runs; ++i) {
      kijun::BuildResult r = kijun::check_site(real);
      check_total.push_back(r.stats.total_ms);
      lint.push_back(r.stats.lint_ms);
    }
    std::printf("content/   kijun check | median of %d: total %.1f ms (lint pass %.1f)\n", real_runs,
                median(check_total), median(lint));
    std::fflush(stdout);
  }

  if (edits > 0) {
    // A copy of the project's sources, so that the edits never touch content/.
    const fs::path copy = tmp / "preview-real";
    for (const char* dir : {"content", "editions"}) {
      fs::create_directories(copy / dir);
      fs::copy(fs::path(source) / dir, copy / dir, fs::copy_options::recursive);
    }
    kijun::BuildOptions opt;
    opt.project_root = copy.string();
    opt.theme_dir = source + "/themes/default";
    opt.lunr_js = source + "/node_modules/lunr/lunr.js";
    preview_latency("content/  ", opt, copy / "content/01-basics.md", "/basics.html", edits);
    fs::remove_all(copy);
  }

  std::vector<fs::path> done_with;  // deleted after the last build (see 3. above)
  for (int n : sizes) {
    const fs::path root = tmp / ("corpus-" + std::to_string(n));
    const auto fig = kijun_bench::write_corpus(root, n);
    kijun::BuildOptions opt;
    opt.project_root = root.string();
    opt.theme_dir = source + "/themes/default";
    opt.lunr_js = source + "/node_modules/lunr/lunr.js";
    const fs::path log = tmp / "kijun-build.log";
    const fs::path hplain = tmp / "hugo-plain";
    if (hugo) write_hugo_site(hplain, fs::absolute(root / "content"), false);
    // kijun's build into output folder `out` (under the corpus), Hugo's into `public` (under its site).
    auto kijun_into = [&](const std::string& out) {
      kijun::BuildOptions o = opt;
      o.out_dir = out;
      ::sync();  // each timed build starts with nothing else's writes pending
      return run_kijun(cap, o, log);
    };
    auto hugo_into = [&](const std::string& out) {
      ::sync();
      return run_exec(cap, {"hugo", "--quiet", "-s", hplain.string(), "-d", (hplain / out).string()});
    };
    // First builds, each into a new folder, taking turns: kijun then Hugo, then Hugo then kijun, and
    // so on. Whichever program runs first after a pause, or after the other one, finds the machine
    // in a different state (on a virtual machine that hands freed memory back to its host, the next
    // program to touch that much memory waits for the host: 0.3-0.5 s for kijun at 10,000 pages),
    // so each takes each place as often; the medians are compared.
    std::vector<Run> kf, hf;
    take_turns(rounds, [&](int round) { return kijun_into("site-" + std::to_string(round)); },
               hugo ? std::function<Run(int)>([&](int round) { return hugo_into("public-" + std::to_string(round)); })
                    : nullptr,
               kf, hf);
    const Run& k = median_run(kf);
    std::printf("%6d pages (%d provisions, %.1f M characters): kijun ", fig.pages, fig.provisions,
                fig.characters / 1e6);
    if (k.capped)
      std::printf("stopped after %.0f s (cap), peak RSS so far %ld MB\n", k.wall_s, k.rss_mb);
    else if (!k.ok)
      std::printf("FAILED after %.1f s\n", k.wall_s);
    else {
      std::printf("%.2f s (CPU %.2f s; median of %zu: %s), peak RSS %ld MB, %zu files, %.1f MB written | ", k.wall_s,
                  k.cpu_s, kf.size(), walls(kf).c_str(), k.rss_mb, k.stats.files, k.stats.bytes / 1e6);
      print_phases(k.stats);
      std::printf("\n");
    }
    std::fflush(stdout);
    const bool hugo_ok = hugo && all_ok(hf);
    if (hugo) {
      const Run& h = median_run(hf);
      std::printf("        hugo without nav  : ");
      if (!hugo_ok)
        std::printf("FAILED or stopped after %.1f s\n", hf.empty() ? 0.0 : hf.back().wall_s);
      else
        std::printf("%.2f s (CPU %.2f s; median of %zu: %s), peak RSS %ld MB | kijun takes %.2fx Hugo's time\n",
                    h.wall_s, h.cpu_s, hf.size(), walls(hf).c_str(), h.rss_mb, k.ok ? k.wall_s / h.wall_s : 0.0);
    }
    std::fflush(stdout);
    // Again, as an editor rebuilds: kijun into its first folder, which from the third build on has
    // its spare beside it, whose files are rewritten instead of created (creating a file is most
    // of a small file's cost); Hugo into its first public/, whose files it rewrites in place. Taking
    // turns again.
    if (k.ok) {
      Run second = kijun_into("site-0");
      std::vector<Run> ka, ha;
      if (second.ok)
        take_turns(rounds, [&](int) { return kijun_into("site-0"); },
                   hugo_ok ? std::function<Run(int)>([&](int) { return hugo_into("public-0"); }) : nullptr, ka, ha);
      if (all_ok(ka)) {
        const Run& again = median_run(ka);
        std::printf("        kijun again (site/ and its spare there): %.2f s (CPU %.2f s; median of %zu: %s), peak RSS "
                    "%ld MB | ",
                    again.wall_s, again.cpu_s, ka.size(), walls(ka).c_str(), again.rss_mb);
        print_phases(again.stats);
        std::printf("\n");
        if (all_ok(ha)) {
          const Run& h = median_run(ha);
          std::printf("        hugo without nav again: %.2f s (CPU %.2f s; median of %zu: %s) | kijun again takes "
                      "%.2fx Hugo's time\n",
                      h.wall_s, h.cpu_s, ha.size(), walls(ha).c_str(), again.wall_s / h.wall_s);
        }
      }
      std::fflush(stdout);
    }
    if (hugo) done_with.push_back(hplain);
    if (hugo && hugo_nav) {
      // With a full nav on every page: once (at 10,000 pages it takes a quarter of an hour).
      const fs::path hdir = tmp / "hugo-nav";
      write_hugo_site(hdir, fs::absolute(root / "content"), true);
      ::sync();
      Run h = run_exec(cap, {"hugo", "--quiet", "-s", hdir.string(), "-d", (hdir / "public").string()});
      std::printf("        hugo with a full nav: ");
      if (h.capped)
        std::printf("stopped after %.0f s (cap)\n", h.wall_s);
      else if (!h.ok)
        std::printf("FAILED after %.1f s\n", h.wall_s);
      else if (k.ok)
        std::printf("%.2f s (CPU %.2f s), peak RSS %ld MB | kijun takes %.2fx Hugo's time\n", h.wall_s, h.cpu_s,
                    h.rss_mb, k.wall_s / h.wall_s);
      else
        std::printf("%.2f s, peak RSS %ld MB\n", h.wall_s, h.rss_mb);
      std::fflush(stdout);
      done_with.push_back(hdir);
    }
    if (edits > 0 && k.ok) {
      // The first page of the corpus that is not a section index.
      fs::path page;
      for (const auto& e : fs::recursive_directory_iterator(root / "content"))
        if (e.path().extension() == ".md" && e.path().filename().string()[0] != '_') {
          page = e.path();
          break;
        }
      if (!page.empty()) {
        std::string label = std::to_string(n) + " pages";
        const std::string url = "/" + kijun::url_for(fs::relative(page, root / "content").generic_string());
        preview_latency(label.c_str(), opt, page, url, std::min(edits, 5));
      }
    }
    done_with.push_back(root);
  }
  for (const fs::path& dir : done_with) fs::remove_all(dir);
  fs::remove_all(tmp);
  return 0;
}
