#pragma once
// The synthetic Japanese corpus of the benchmarks: a site shaped like the standard (chapters of
// sections of pages), each page about 2,300 characters with headings, a paragraph, provisions with
// IDs (some referencing provisions on earlier pages), a table and a plain list. Fixed seed: the same
// `pages` always give the same files.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace kijun_bench {

inline const char* const kWords[] = {
    "情報",     "資産",         "機密性",   "管理",       "利用",     "申請",     "許可",   "所属長",
    "監査",     "報告",         "認証",     "暗号化",     "通信",     "保存期間", "記録",   "対策",
    "基準",     "運用",         "保守",     "構築",       "導入",     "更改",     "廃棄",   "契約",
    "調達",     "委託",         "事業者",   "提供",       "責任分界", "範囲",     "適用",   "確認",
    "評価",     "選定",         "条件",     "要件",       "格付",     "取扱い",   "障害",   "復旧",
    "手順",     "訓練",         "職員",     "端末",       "接続",     "不正",     "防止",   "監視",
    "脆弱性",   "設定",         "変更",     "承認",       "権限",     "削除",     "移行",   "計画",
    "文書",     "会議",         "資料",     "録画",     "国内",     "法令",     "個人情報", "可用性",
    "クラウドサービス", "セキュリティ", "アクセス", "ログ", "データセンター", "パスワード",
    "ネットワーク", "システム", "バックアップ", "インシデント", "ウェブ会議", "アカウント",
    "ISO/IEC 27001", "ISMAP", "SLA"};
inline const char* const kParticles[] = {"の", "を", "に", "は", "が", "と", "で", "や", "について",
                                         "により", "等の", "及び"};
inline const char* const kEndings[] = {"すること。", "しなければならない。", "するものとする。",
                                       "を確認すること。", "に留意すること。"};

/// Characters (code points) of a UTF-8 string.
inline std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// A sentence of about `target` characters.
inline std::string sentence(std::mt19937& rng, std::size_t target) {
  std::string s;
  while (chars(s) < target) {
    s += kWords[rng() % std::size(kWords)];
    s += kParticles[rng() % std::size(kParticles)];
    if (rng() % 5 == 0) s += "、";
  }
  return s + kEndings[rng() % std::size(kEndings)];
}

struct CorpusFigures {
  int pages = 0, provisions = 0;
  std::size_t characters = 0;  ///< of the Markdown bodies
};

/// Writes content/ for `pages` pages (counting the home page and every chapter and section index)
/// under `root`. The tree has about cbrt(pages) branches a level.
inline CorpusFigures write_corpus(const std::filesystem::path& root, int pages, unsigned seed = 20261201) {
  namespace fs = std::filesystem;
  std::mt19937 rng(seed);
  CorpusFigures fig;
  fs::path content = root / "content";
  fs::remove_all(content);
  fs::create_directories(content);
  std::ofstream(content / "site.yaml") << "title: ベンチマーク基準\norganisation: 北九州市\nedition: 第1.1版\n"
                                          "effective_date: 令和7年4月1日\neffective_date_iso: 2025-04-01\n";
  std::ofstream(content / "_index.md") << "---\ntitle: ホーム\ntype: page\n---\nベンチマーク用のサイト。\n";
  fig.pages = 1;
  const int b = std::max(2, static_cast<int>(std::ceil(std::cbrt(static_cast<double>(pages)))));
  std::string previous;  // the last provision written, for references
  char name[64];
  for (int c = 1; fig.pages < pages; ++c) {
    std::snprintf(name, sizeof name, "%03d-ch%d", c, c);
    fs::path chapter = content / name;
    fs::create_directories(chapter);
    std::ofstream(chapter / "_index.md") << "---\ntitle: 第" << c << "章 " << kWords[c % std::size(kWords)]
                                         << "\nnumber: \"" << c << "\"\n---\n" << sentence(rng, 120) << "\n";
    ++fig.pages;
    for (int s = 1; s <= b && fig.pages < pages; ++s) {
      const std::string sec = std::to_string(c) + "." + std::to_string(s);
      std::snprintf(name, sizeof name, "%03d-sec%d", s, s);
      fs::path section = chapter / name;
      fs::create_directories(section);
      std::ofstream(section / "_index.md") << "---\ntitle: " << kWords[(c * 7 + s) % std::size(kWords)]
                                           << "の基準\nnumber: \"" << sec << "\"\n---\n" << sentence(rng, 150) << "\n";
      ++fig.pages;
      for (int p = 1; p <= b && fig.pages < pages; ++p) {
        const std::string num = sec + "." + std::to_string(p);
        const std::string id = "B-" + num;
        std::string md;
        md += "## 概要\n\n" + sentence(rng, 220) + sentence(rng, 200) + "\n\n## 要件\n\n";
        for (int i = 1; i <= 4; ++i) {
          const std::string pid = id + "-" + std::to_string(i);
          md += "- {#" + pid + "} (" + std::to_string(i) + ") " + sentence(rng, 110);
          if (!previous.empty() && i == 1) md += "[[" + previous + "]]を参照。";
          md += "\n  - {#" + pid + "-a} (ア) " + sentence(rng, 70) + "\n";
          fig.provisions += 2;
          previous = pid;
        }
        md += "\n### 対応表\n\n| 区分 | 内容 | 担当 |\n|---|---|---|\n";
        for (int r = 1; r <= 4; ++r)
          md += "| 区分" + std::to_string(r) + " | " + sentence(rng, 60) + " | " + kWords[rng() % std::size(kWords)] +
                "担当 |\n";
        md += "\n## 解説\n\n";
        for (int r = 0; r < 4; ++r) md += "- " + sentence(rng, 50) + "\n";
        md += "\n" + sentence(rng, 200) + "\n";
        fig.characters += chars(md);
        std::snprintf(name, sizeof name, "%03d-page%d.md", p, p);
        std::ofstream(section / name) << "---\ntitle: " << kWords[rng() % std::size(kWords)] << "に関する事項 "
                                      << p << "\nnumber: \"" << num << "\"\n---\n" << md;
        ++fig.pages;
      }
    }
  }
  return fig;
}

}  // namespace kijun_bench
