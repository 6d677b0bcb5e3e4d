// Benchmark of the search index: tokenizer and lunr_index_text (build + serialize) on synthetic
// corpora of provisions (fields id / citation / title / body with kijun's boosts 10 / 8 / 5 / 1).
//
//   kijun_index_bench [documents=2000] [body_chars=2000] [runs=3] [out.json] [corpus.json]
//
// corpus.json receives the documents in the input format of kijun_lunr_emit, so that
// bench/lunr_ratio.mjs can build the very same index with lunr.js's Builder and compare.
//
// The text is generated like the corpus of the index-format study (about 150 kanji compounds,
// katakana loanwords, hiragana particles, punctuation and English terms), so the figures can be
// set beside lunr.js's own builder (30-35 s and 100-136 MB for 2,000 x 2,000 characters with
// positions). Prints times, sizes and counts; optionally writes the index to a file.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "search/search_index.h"
#include "search/tokenizer.h"

namespace {

const char* const kKanji[] = {
    "情報", "資産",   "機密",   "管理", "利用", "申請", "許可", "所属", "監査", "報告", "認証", "暗号", "通信",
    "保存", "期間",   "記録",   "対策", "基準", "規程", "運用", "保守", "構築", "導入", "更改", "廃棄", "契約",
    "調達", "委託",   "事業",   "提供", "責任", "分界", "範囲", "適用", "目的", "確認", "評価", "判断", "選定",
    "条件", "要件",   "格付",   "取扱", "制限", "明示", "運搬", "送信", "消去", "合意", "事前", "実施", "状況",
    "定期", "点検",   "障害",   "対応", "復旧", "手順", "訓練", "教育", "周知", "徹底", "職員", "端末", "接続",
    "経路", "境界",   "外部",   "内部", "不正", "防止", "検知", "監視", "脆弱", "修正", "適用", "更新", "版数",
    "設定", "変更",   "承認",   "権限", "付与", "削除", "停止", "終了", "移行", "継続", "計画", "策定", "文書",
    "様式", "別紙",   "参照",   "記載", "区分", "重要", "会議", "開催", "参加", "資料", "共有", "録画", "音声",
    "映像", "画面",   "待機",   "入室", "名簿", "本人", "確認", "国内", "海外", "所在", "拠点", "法令", "準拠",
    "個人", "漏えい", "改ざん", "滅失", "毀損", "可用", "完全", "機能", "性能", "品質", "水準", "稼働", "率",
    "時間", "応答",   "窓口",   "連絡", "体制", "整備", "市民", "業務", "処理", "方式", "媒体", "鍵",   "証跡"};
const char* const kKana[] = {"クラウドサービス", "セキュリティ", "アクセス",    "ログ",         "データセンター",
                             "パスワード",       "ネットワーク", "システム",    "バックアップ", "インシデント",
                             "ベンダー",         "サーバー",     "ウェブ会議",  "チャット",     "ファイル",
                             "アカウント",       "ポリシー",     "ガイドライン"};
const char* const kParticles[] = {"の",
                                  "を",
                                  "に",
                                  "は",
                                  "が",
                                  "と",
                                  "で",
                                  "や",
                                  "から",
                                  "まで",
                                  "について",
                                  "により",
                                  "すること",
                                  "しなければならない",
                                  "するものとする",
                                  "等の"};
const char* const kPunct[] = {"、", "。", "・", "「", "」", "（", "）", " "};
const char* const kEnglish[] = {"ISO/IEC 27001", "ISO/IEC 27017", "ISMAP",   "SOC 2", "E2E", "CISO",
                                "SLA",           "99.9%",         "Web会議", "ｸﾗｳﾄﾞ", "𠮷"};

std::string make_text(std::mt19937& rng, std::size_t target_units) {
  std::string s;
  std::size_t units = 0;
  auto add = [&](const char* w) {
    s += w;
    units += kijun::utf16_length(w);
  };
  while (units < target_units) {
    const unsigned r = rng() % 100;
    if (r < 45)
      add(kKanji[rng() % std::size(kKanji)]);
    else if (r < 60)
      add(kKana[rng() % std::size(kKana)]);
    else if (r < 85)
      add(kParticles[rng() % std::size(kParticles)]);
    else if (r < 95)
      add(kPunct[rng() % std::size(kPunct)]);
    else
      add(kEnglish[rng() % std::size(kEnglish)]);
  }
  return s;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n_docs = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  const std::size_t body_chars = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2000;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  const char* out_path = argc > 4 && *argv[4] ? argv[4] : nullptr;
  const char* corpus_path = argc > 5 ? argv[5] : nullptr;

  std::mt19937 rng(20261125);
  std::vector<kijun::SearchDocument> docs;
  std::size_t total_units = 0;
  for (std::size_t i = 0; i < n_docs; ++i) {
    const std::string id = "CS-" + std::to_string(1 + i % 6) + "." + std::to_string(1 + i % 5) + "-" +
                           std::to_string(1 + i % 9) + "-" + std::to_string(i);
    const std::string citation =
        std::to_string(1 + i % 6) + "." + std::to_string(1 + i % 5) + "(" + std::to_string(1 + i % 9) + ")";
    std::string title = make_text(rng, 20), body = make_text(rng, body_chars);
    total_units += kijun::utf16_length(title) + kijun::utf16_length(body);
    docs.push_back({id, {id, citation, std::move(title), std::move(body)}, 1});
  }
  const std::vector<kijun::SearchField> fields = {{"id", 10}, {"citation", 8}, {"title", 5}, {"body", 1}};
  const kijun::Tokenizer tokenizer({{"ウェブ会議", {"Web会議", "WEB会議"}}, {"サーバー", {"サーバ"}}});

  std::printf("corpus: %zu documents, body ~%zu characters, %zu UTF-16 units of title+body\n", n_docs, body_chars,
              total_units);

  double best_tok = 1e9, best_build = 1e9;
  std::string text;
  kijun::LunrIndexStats stats;
  for (int run = 0; run < runs; ++run) {
    auto t0 = std::chrono::steady_clock::now();
    std::size_t tokens = 0;
    kijun::TokenList list;  // as the index builder tokenizes: into one list, reused
    for (const auto& d : docs)
      for (const auto& f : d.fields) {
        tokenizer.tokenize_into(f, list);
        tokens += list.size();
      }
    const double tok = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    text = kijun::lunr_index_text(fields, docs, tokenizer, &stats);
    const double build = seconds_since(t0);

    std::printf("run %d: tokenize only (one thread) %.3f s (%zu tokens) | lunr_index_text (build + serialize) %.3f s\n",
                run + 1, tok, tokens, build);
    best_tok = std::min(best_tok, tok);
    best_build = std::min(best_build, build);
  }
  std::printf("best: tokenize %.3f s, build + serialize %.3f s\n", best_tok, best_build);
  std::printf("index: %zu bytes (%.1f MB), %zu terms, %zu tokens, %zu postings, %zu field vectors\n", text.size(),
              text.size() / 1e6, stats.terms, stats.tokens, stats.postings, stats.field_vectors);
  std::printf("peak RSS: %ld MB\n", peak_rss_mb());
  if (out_path) {
    std::ofstream(out_path, std::ios::binary) << text;
    std::printf("written to %s\n", out_path);
  }
  if (corpus_path) {
    nlohmann::json corpus;
    for (const auto& f : fields) corpus["fields"].push_back({{"name", f.name}, {"boost", f.boost}});
    for (const auto& d : docs) corpus["docs"].push_back({{"ref", d.ref}, {"fields", d.fields}, {"boost", d.boost}});
    corpus["variants"] = {{"ウェブ会議", "Web会議", "WEB会議"}, {"サーバー", "サーバ"}};
    std::ofstream(corpus_path, std::ios::binary) << corpus.dump();
    std::printf("corpus written to %s\n", corpus_path);
  }
  return 0;
}
