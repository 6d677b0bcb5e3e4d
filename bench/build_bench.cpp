// Benchmark: how long a build takes, phase by phase. Prints figures; asserts nothing.
//   kijun_bench [runs]   builds content/ and a synthetic site ten times its size, `runs` times each
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "build.h"

namespace fs = std::filesystem;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void bench(const char* name, kijun::BuildOptions opt, int runs) {
  std::vector<double> load, resolve, render, search, write, total;
  kijun::BuildStats last;
  for (int i = 0; i < runs; ++i) {
    kijun::BuildResult r = kijun::build_site(opt);
    if (!r.written) {
      r.diagnostics.print(std::cerr);
      std::fprintf(stderr, "%s: build failed\n", name);
      return;
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
      "%-10s %5zu pages %6zu provisions %6zu files %8.1f KiB | median of %d: load %.1f, resolve %.1f, "
      "render %.1f, search index %.1f, write %.1f, total %.1f ms\n",
      name, last.pages, last.provisions, last.files, last.bytes / 1024.0, runs, median(load), median(resolve),
      median(render), median(search), median(write), median(total));
  std::fflush(stdout);
}

// A site shaped like the standard: chapters of sections of nested provisions with references.
void write_synthetic(const fs::path& root, int chapters, int sections, int items) {
  fs::create_directories(root / "content");
  std::ofstream(root / "content/site.yaml") << "title: ベンチマーク基準\norganisation: 北九州市\nedition: 第1.1版\n"
                                               "effective_date: 令和7年4月1日\neffective_date_iso: 2025-04-01\n";
  std::ofstream(root / "content/_index.md") << "---\ntitle: ホーム\ntype: page\n---\nベンチマーク用のサイト。\n";
  const char* sentence =
      "所属長は、クラウドサービスの特性や責任分界点に係る考え方を踏まえ、ISO/IEC 27001 "
      "等と同等以上の水準を求めること。";
  for (int c = 1; c <= chapters; ++c) {
    fs::path dir = root / "content" / ("0" + std::to_string(c) + "-ch" + std::to_string(c));
    fs::create_directories(dir);
    std::ofstream(dir / "_index.md") << "---\ntitle: 第" << c << "章\nnumber: \"" << c << "\"\nid: B-" << c
                                     << "\n---\n";
    for (int s = 1; s <= sections; ++s) {
      std::string sec = std::to_string(c) + "." + std::to_string(s);
      std::ofstream md(dir / (std::to_string(100 + s) + "-sec" + std::to_string(s) + ".md"));
      md << "---\ntitle: 節 " << sec << "\nnumber: \"" << sec << "\"\nid: B-" << sec << "\n---\n";
      for (int i = 1; i <= items; ++i) {
        md << "- {#B-" << sec << "-" << i << "} (" << i << ") " << sentence;
        if (i > 1) md << "[[B-" << sec << "-" << i - 1 << "|前項]]を参照。";
        md << "\n  - {#B-" << sec << "-" << i << "-a} (ア) " << sentence << "\n";
        md << "    - {#B-" << sec << "-" << i << "-a-1} ・ウェブ会議の待機室とパスワード、ログの保存期間\n";
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  fs::path tmp = fs::temp_directory_path() / "kijun-bench";
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  std::string source = KIJUN_SOURCE_DIR;

  kijun::BuildOptions real;
  real.project_root = source;
  real.out_dir = (tmp / "site-real").string();
  bench("content/", real, runs);

  write_synthetic(tmp / "synthetic", 6, 10, 12);  // 60 sections, 2,160 provisions
  kijun::BuildOptions synthetic;
  synthetic.project_root = (tmp / "synthetic").string();
  synthetic.theme_dir = source + "/themes/default";
  synthetic.lunr_js = source + "/node_modules/lunr/lunr.js";
  bench("synthetic", synthetic, runs);
  fs::remove_all(tmp);
  return 0;
}
