// kijun — Japanese search tokenizer, rules "ja-bigram-v1+kijun-fold-1".
//
// THE SAME RULES are implemented in themes/default/static/js/tokenizer.js (query side, browser)
// and tested against the shared table tests/data/tokenizer-cases.json. Keep them identical.
//
// 1. Decode. The text is read as code points; every code point keeps its span [s, e) in UTF-16
//    code units of the ORIGINAL text (width 2 above U+FFFF). An invalid UTF-8 sequence (maximal
//    subpart, as in the WHATWG decoder) is one "bad" code point of width 1; in JS a lone
//    surrogate is one bad code point of width 1. Bad code points are separators.
// 2. Fold each code point (for classification and for the term text; spans unchanged):
//    U+FF01..U+FF5E -> U+0021..U+007E; then A-Z -> a-z; half-width katakana and punctuation
//    U+FF61..U+FF9F -> their NFKC full-width forms (ｶ -> カ, ｰ -> ー, ﾞ -> U+3099 ...).
//    Then, as NFKC composition does, a kana with a voiced / semi-voiced form followed by U+3099 /
//    U+309A becomes the composed kana (ｶﾞ -> ガ, ﾊﾟ -> パ, か+U+3099 -> が); the composed code
//    point spans both originals (2 units for ｶﾞ). An uncomposed U+3099 / U+309A is a separator.
//    No other Unicode folding (no toLowerCase, no ① -> 1).
// 3. Variants. Every spelling (canonical and variants) is folded by step 2. Scanning the folded
//    text left to right, at each position the LONGEST spelling that matches is taken (the
//    canonical spelling itself included, so "サーバー" is not rewritten by a variant "サーバ");
//    a spelling whose first (last) character is in class W does not match when the character
//    before (after) it is also W ("Web" does not match inside "myWebex"). The match is replaced
//    by the canonical spelling and scanning resumes after the match; the replacement is not
//    re-scanned. Ties between equal spellings: the first group given wins. A group whose
//    canonical spelling is empty is ignored.
//    Positions of the replacement: with p = length of the common prefix and q = length of the
//    common suffix of the matched spelling V (length m) and the canonical C (length n), where
//    p + q <= min(m, n):
//      * C[0..p) takes the spans of V[0..p), C[n-q..n) takes the spans of V[m-q..m);
//      * the middle C[p..n-q) takes, each character, the span covering V[p..m-q) (from the
//        start of V[p] to the end of V[m-q-1]); if that middle of V is empty (a pure insertion,
//        e.g. サーバ -> サーバー), it takes the span of V[p-1] (or, when p = 0, of V[m-q]).
//    So "Web会議" (variant of "ウェブ会議") gives ウ, ェ, ブ the span of "Web" and 会, 議 their own.
// 4. Classify each folded code point:
//      W: 0-9, a-z.
//      C: U+3005-3007, U+3041-3096, U+309D-309F, U+30A1-30FA, U+30FC-30FF, U+3400-4DBF,
//         U+4E00-9FFF, U+F900-FAFF, U+FF66-FF9F, U+20000-3FFFF.
//      everything else (spaces incl. U+3000, ・ U+30FB, punctuation, symbols, ①, emoji): separator.
// 5. A maximal run of W is one token (the folded run). A maximal run of C of length 1 is one
//    token; of length n >= 2 it gives the n-1 overlapping bigrams in order. W and C runs are
//    separate even when adjacent. A token's position is [min start, max end - min start] over
//    the spans of its code points.
#include "search/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "base/utf8.h"

namespace kijun {
namespace {

constexpr char32_t kBad = utf8::kInvalid;  // an invalid UTF-8 sequence (separator)

struct Unit {
  char32_t cp;
  std::size_t s;  // UTF-16 start in the original text
  std::size_t e;  // UTF-16 end (exclusive)
};

// Decodes UTF-8; invalid sequences become kBad units of UTF-16 width 1 ("maximal subpart").
void decode(std::string_view in, std::vector<Unit>& out) {
  out.clear();
  out.reserve(in.size());
  std::size_t i = 0, pos = 0;
  while (i < in.size()) {
    char32_t cp;
    i = utf8::decode(in, i, cp);
    const std::size_t w = (cp != kBad && cp > 0xFFFF) ? 2 : 1;
    out.push_back({cp, pos, pos + w});
    pos += w;
  }
}

// NFKC images of U+FF61..U+FF9F (half-width katakana block).
constexpr std::array<char16_t, 63> kHalfWidth = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A};

char32_t fold_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c >= 0xFF61 && c <= 0xFF9F) return kHalfWidth[c - 0xFF61];
  return c;
}

// Composition with U+3099 (voiced) / U+309A (semi-voiced); 0 when there is none.
char32_t compose(char32_t base, char32_t mark) {
  if (mark == 0x3099) {
    // か..ぢ (every other code point), つ て と, は ひ ふ へ ほ — and the same in katakana.
    for (char32_t off : {char32_t{0}, char32_t{0x60}}) {
      const char32_t b = base - off;
      if ((b >= 0x304B && b <= 0x3061 && (b - 0x304B) % 2 == 0) ||
          (b >= 0x3064 && b <= 0x3068 && (b - 0x3064) % 2 == 0) ||
          (b >= 0x306F && b <= 0x307B && (b - 0x306F) % 3 == 0))
        return base + 1;
    }
    switch (base) {
      case 0x3046: return 0x3094;  // う -> ゔ
      case 0x309D: return 0x309E;  // ゝ -> ゞ
      case 0x30A6: return 0x30F4;  // ウ -> ヴ
      case 0x30EF: return 0x30F7;  // ワ -> ヷ
      case 0x30F0: return 0x30F8;  // ヰ -> ヸ
      case 0x30F1: return 0x30F9;  // ヱ -> ヹ
      case 0x30F2: return 0x30FA;  // ヲ -> ヺ
      case 0x30FD: return 0x30FE;  // ヽ -> ヾ
      default: return 0;
    }
  }
  if (mark == 0x309A) {
    for (char32_t off : {char32_t{0}, char32_t{0x60}}) {
      const char32_t b = base - off;
      if (b >= 0x306F && b <= 0x307B && (b - 0x306F) % 3 == 0) return base + 2;  // は -> ぱ
    }
  }
  return 0;
}

// Steps 1-2: decode + fold + compose.
void fold_text(std::string_view text, std::vector<Unit>& out) {
  std::vector<Unit> raw;
  decode(text, raw);
  out.clear();
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Unit u = raw[i];
    if (u.cp == kBad) {
      out.push_back(u);
      continue;
    }
    u.cp = fold_char(u.cp);
    if (i + 1 < raw.size() && raw[i + 1].cp != kBad) {
      const char32_t mark = fold_char(raw[i + 1].cp);
      if (mark == 0x3099 || mark == 0x309A) {
        if (const char32_t c = compose(u.cp, mark)) {
          u.cp = c;
          u.e = raw[i + 1].e;
          ++i;
        }
      }
    }
    out.push_back(u);
  }
}

bool is_w(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z'); }

bool is_c(char32_t c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) ||
         (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

void append_utf8(std::string& s, char32_t c) {
  if (c < 0x80) {
    s.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (c >> 6)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (c >> 12)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (c >> 18)));
    s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::u32string folded_spelling(std::string_view s) {
  std::vector<Unit> units;
  fold_text(s, units);
  std::u32string r;
  r.reserve(units.size());
  for (const Unit& u : units) r.push_back(u.cp);
  return r;
}

bool rule_less(const Tokenizer::Rule& a, const Tokenizer::Rule& b) {
  if (a.from[0] != b.from[0]) return a.from[0] < b.from[0];
  return a.from.size() > b.from.size();
}

}  // namespace

Tokenizer::Tokenizer(std::vector<VariantGroup> variants) : groups_(std::move(variants)) {
  for (const VariantGroup& g : groups_) {
    const std::u32string to = folded_spelling(g.canonical);
    if (to.empty()) continue;  // a group without a canonical spelling would erase text: ignored
    auto add = [&](std::string_view spelling) {
      std::u32string from = folded_spelling(spelling);
      if (from.empty()) return;
      for (const Rule& r : rules_)
        if (r.from == from) return;  // the first group that names a spelling wins
      Rule r{std::move(from), to, 0, 0};
      const std::size_t lim = std::min(r.from.size(), r.to.size());
      while (r.prefix < lim && r.from[r.prefix] == r.to[r.prefix]) ++r.prefix;
      while (r.prefix + r.suffix < lim && r.from[r.from.size() - 1 - r.suffix] == r.to[r.to.size() - 1 - r.suffix])
        ++r.suffix;
      rules_.push_back(std::move(r));
    };
    add(g.canonical);
    for (const std::string& v : g.variants) add(v);
  }
  std::stable_sort(rules_.begin(), rules_.end(), rule_less);
}

std::vector<Token> Tokenizer::tokenize(std::string_view utf8) const {
  std::vector<Unit> folded;
  fold_text(utf8, folded);

  // Step 3: variants.
  std::vector<Unit> rewritten;
  const std::vector<Unit>* seq = &folded;
  if (!rules_.empty()) {
    rewritten.reserve(folded.size() + 8);
    const std::size_t n = folded.size();
    std::size_t i = 0;
    while (i < n) {
      const char32_t c = folded[i].cp;
      const Rule* hit = nullptr;
      auto it =
          std::lower_bound(rules_.begin(), rules_.end(), c, [](const Rule& r, char32_t v) { return r.from[0] < v; });
      for (; it != rules_.end() && it->from[0] == c; ++it) {
        const std::u32string& f = it->from;
        const std::size_t m = f.size();
        if (i + m > n) continue;
        bool eq = true;
        for (std::size_t k = 1; k < m && eq; ++k) eq = folded[i + k].cp == f[k];
        if (!eq) continue;
        if (is_w(f.front()) && i > 0 && is_w(folded[i - 1].cp)) continue;
        if (is_w(f.back()) && i + m < n && is_w(folded[i + m].cp)) continue;
        hit = &*it;
        break;
      }
      if (!hit) {
        rewritten.push_back(folded[i++]);
        continue;
      }
      const std::size_t m = hit->from.size(), cn = hit->to.size(), p = hit->prefix, q = hit->suffix;
      for (std::size_t k = 0; k < p; ++k) rewritten.push_back({hit->to[k], folded[i + k].s, folded[i + k].e});
      if (cn - q > p) {
        std::size_t ms, me;
        if (m - q > p) {
          ms = folded[i + p].s;
          me = folded[i + p].e;
          for (std::size_t k = p; k < m - q; ++k) {
            ms = std::min(ms, folded[i + k].s);
            me = std::max(me, folded[i + k].e);
          }
        } else {
          const Unit& src = p > 0 ? folded[i + p - 1] : folded[i + m - q];
          ms = src.s;
          me = src.e;
        }
        for (std::size_t k = p; k < cn - q; ++k) rewritten.push_back({hit->to[k], ms, me});
      }
      for (std::size_t k = cn - q; k < cn; ++k) {
        const Unit& src = folded[i + m - (cn - k)];
        rewritten.push_back({hit->to[k], src.s, src.e});
      }
      i += m;
    }
    seq = &rewritten;
  }

  // Steps 4-5: runs -> tokens.
  const std::vector<Unit>& u = *seq;
  std::vector<Token> tokens;
  const std::size_t n = u.size();
  std::size_t i = 0;
  while (i < n) {
    const char32_t c = u[i].cp;
    if (is_w(c)) {
      std::size_t j = i;
      std::string term;
      std::size_t s = u[i].s, e = u[i].e;
      for (; j < n && is_w(u[j].cp); ++j) {
        term.push_back(static_cast<char>(u[j].cp));
        s = std::min(s, u[j].s);
        e = std::max(e, u[j].e);
      }
      tokens.push_back({std::move(term), s, e - s});
      i = j;
    } else if (c != kBad && is_c(c)) {
      std::size_t j = i + 1;
      while (j < n && u[j].cp != kBad && is_c(u[j].cp)) ++j;
      if (j - i == 1) {
        std::string term;
        append_utf8(term, c);
        tokens.push_back({std::move(term), u[i].s, u[i].e - u[i].s});
      } else {
        for (std::size_t k = i; k + 1 < j; ++k) {
          std::string term;
          append_utf8(term, u[k].cp);
          append_utf8(term, u[k + 1].cp);
          const std::size_t s = std::min(u[k].s, u[k + 1].s);
          const std::size_t e = std::max(u[k].e, u[k + 1].e);
          tokens.push_back({std::move(term), s, e - s});
        }
      }
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

std::size_t utf16_length(std::string_view utf8) {
  std::vector<Unit> units;
  decode(utf8, units);
  return units.empty() ? 0 : units.back().e;
}

}  // namespace kijun
