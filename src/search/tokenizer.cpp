// kijun — Japanese search tokenizer, rules "ja-bigram-v1+kijun-fold-2".
//
// THE SAME RULES are implemented in themes/default/static/js/tokenizer.js (query side, browser)
// and tested against the shared table tests/data/tokenizer-cases.json. Keep them identical.
//
// 1. Decode. The text is read as code points; every code point keeps its span [s, e) in UTF-16
//    code units of the ORIGINAL text (width 2 above U+FFFF). An invalid UTF-8 sequence (maximal
//    subpart, as in the WHATWG decoder) is one "bad" code point of width 1; in JS a lone
//    surrogate is one bad code point of width 1. Bad code points are separators.
// 2. Width fold (NFKC). The text is cut into clusters: a code point and the marks that follow it
//    (general category M, and the half-width sound marks U+FF9E / U+FF9F). Each cluster is
//    replaced by its Unicode NFKC form (utf8proc here, String.prototype.normalize('NFKC') in JS):
//    ＩＳＯ -> ISO, ｶﾞ -> ガ, か+U+3099 -> が, ㍿ -> 株式会社, ﬁ -> fi — except the enclosed numbers
//    U+2460-24FF, U+3251-325F, U+32B1-32BF (①, ⑴, ⒈, ㉑), which stay as they are (separators), so
//    that 3.3① is not read as 3.31. When the form has as many code
//    points as the cluster, each keeps its own span; otherwise every code point of the form takes
//    the span of the whole cluster. Then A-Z -> a-z. No other case folding.
// 3. Stop words (words that carry no meaning for search, e.g. の は を が に で とは ですか 誰 何),
//    each folded by step 2. Scanning left to right, at each position the LONGEST stop word that
//    matches is taken and its code points become separators; scanning resumes after it. A stop
//    word whose first (last) character is in class W does not match when the character before
//    (after) it is also W.
// 4. Kana fold: hiragana -> katakana (ぁ..ゖ -> ァ..ヶ, ゝゞ -> ヽヾ); small kana -> large
//    (ァィゥェォ -> アイウエオ, ッ -> ツ, ャュョ -> ヤユヨ, ヮ -> ワ, ヵ -> カ, ヶ -> ケ); a run of
//    long-vowel marks ー that ends a kana word is dropped: it follows a hiragana (katakana) code
//    point, and the code point after the run is not hiragana (katakana), e.g. サーバー -> サーバ,
//    サーバーの -> サーバ + の; サーバーセキュリティ keeps its first ー. Scripts are judged on the
//    text of step 3 (before this fold). A dropped mark is not a separator: its neighbours stay in
//    one run.
// 5. Variants. Every spelling (canonical and variants) is folded by steps 2 and 4. Scanning the
//    folded text left to right, at each position the LONGEST spelling that matches is taken (the
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
//    So "Web会議" (variant of "ウェブ会議") gives ウ, エ, ブ the span of "Web" and 会, 議 their own.
// 6. Classify each folded code point:
//      W: 0-9, a-z.
//      C: U+3005-3007, U+3041-3096, U+309D-309F, U+30A1-30FA, U+30FC-30FF, U+3400-4DBF,
//         U+4E00-9FFF, U+F900-FAFF, U+FF66-FF9F, U+20000-3FFFF.
//      everything else (spaces, ・ U+30FB, punctuation, symbols, emoji): separator.
// 7. A maximal run of W is cut where letters and digits meet (iso27001 -> iso, 27001; e2e -> e,
//    2, e); each piece is one token. A maximal run of C of length 1 is one token; of length
//    n >= 2 it gives the n-1 overlapping bigrams in order. W and C runs are separate even when
//    adjacent. A token's position is [min start, max end - min start] over the spans of its code
//    points.
#include "search/tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include <utf8proc.h>

#include "base/utf8.h"

namespace kijun {
namespace {

constexpr char32_t kBad = utf8::kInvalid;  // an invalid UTF-8 sequence (separator)
constexpr char32_t kSep = U' ';           // what a stop word becomes

struct Unit {
  char32_t cp;
  std::uint32_t s;  // UTF-16 start in the original text
  std::uint32_t e;  // UTF-16 end (exclusive)
};

// Reads the text's code points one by one, each with its span in UTF-16 units (step 1): an invalid
// sequence is one kBad unit of width 1 ("maximal subpart"). The text is less than 4 GiB
// (tokenize_into checks), so its UTF-16 offsets fit in 32 bits.
class Decoder {
 public:
  explicit Decoder(std::string_view text) : text_(text) {}
  bool next(Unit& u) {
    if (i_ >= text_.size()) return false;
    char32_t cp;
    if (utf8::plain_length(text_, i_))
      cp = utf8::next(text_, i_);  // ASCII or a plain three-byte character: never invalid
    else
      i_ = utf8::decode(text_, i_, cp);
    const std::uint32_t w = (cp != kBad && cp > 0xFFFF) ? 2 : 1;
    u = {cp, pos_, pos_ + w};
    pos_ += w;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t i_ = 0;
  std::uint32_t pos_ = 0;
};

// A code point that joins the cluster of the code point before it (step 2).
bool is_mark(char32_t c) {
  if (c < 0x300) return false;
  // Kana and CJK ideographs, most of a Japanese text, without a table lookup (the combining sound
  // marks U+3099-309A lie between these ranges).
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF)) return false;
  if (c == 0xFF9E || c == 0xFF9F) return true;
  const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
}

// Code points taken as they are, without a library call: those that NFKC leaves alone whatever
// follows them except a mark (ASCII, hiragana, katakana without ゛゜ U+309B-309C and ゟ ヿ, CJK
// ideographs), and the enclosed numbers ① ⑴ ⒈ ㉑ ㊱ (U+2460-24FF, U+3251-325F, U+32B1-32BF),
// which stay separators so that 3.3① is not read as 3.31.
bool nfkc_stable(char32_t c) {
  return c < 0x80 || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3251 && c <= 0x325F) || (c >= 0x32B1 && c <= 0x32BF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FE) ||
         (c >= 0x4E00 && c <= 0x9FFF);
}

char32_t lower_ascii(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 0x20 : c; }

// The NFKC form of the code points `cluster` (utf8proc); a text it cannot map (unassigned code
// points etc.) stays as it is.
void nfkc(std::u32string_view cluster, std::u32string& form) {
  std::string buf;
  for (const char32_t c : cluster) utf8::append(buf, c);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t len =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(buf.data()), static_cast<utf8proc_ssize_t>(buf.size()),
                   &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE));
  form.clear();
  if (len >= 0 && mapped) {
    std::string_view m(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(len));
    for (std::size_t at = 0; at < m.size();) {
      char32_t c;
      at = utf8::decode(m, at, c);
      form.push_back(c);
    }
  } else {
    form.assign(cluster);
  }
  std::free(mapped);
}

// Steps 1-2, in one pass: clusters -> NFKC, then A-Z -> a-z. A cluster of one code point (、 。 「
// （ and the like, which are not nfkc_stable) has its form looked up in this thread's memo of them.
// `raw` is scratch for a cluster.
constexpr std::size_t kSingleFormsKept = 4096;  // bounds the memo whatever the text holds
void fold_text(std::string_view text, std::vector<Unit>& raw, std::vector<Unit>& out) {
  thread_local std::unordered_map<char32_t, std::u32string> single_forms;
  out.clear();
  out.reserve(text.size());
  Decoder in(text);
  Unit cur, ahead;
  bool have = in.next(cur);
  std::u32string cluster, computed;
  while (have) {
    bool have_ahead = in.next(ahead);
    if (cur.cp == kBad) {
      out.push_back(cur);
    } else if (!(have_ahead && ahead.cp != kBad && is_mark(ahead.cp)) && nfkc_stable(cur.cp)) {
      out.push_back({lower_ascii(cur.cp), cur.s, cur.e});
    } else {
      // The code point and the marks after it.
      raw.assign(1, cur);
      while (have_ahead && ahead.cp != kBad && is_mark(ahead.cp)) {
        raw.push_back(ahead);
        have_ahead = in.next(ahead);
      }
      const std::size_t n = raw.size();
      const std::u32string* form = &computed;
      const auto known = n == 1 ? single_forms.find(cur.cp) : single_forms.end();
      if (known != single_forms.end()) {
        form = &known->second;
      } else if (n == 1 && single_forms.size() < kSingleFormsKept) {
        std::u32string& kept = single_forms[cur.cp];
        nfkc(std::u32string_view(&cur.cp, 1), kept);
        form = &kept;
      } else {
        cluster.clear();
        for (const Unit& u : raw) cluster.push_back(u.cp);
        nfkc(cluster, computed);
      }
      const bool one_to_one = form->size() == n;
      for (std::size_t k = 0; k < form->size(); ++k) {
        const Unit& src = one_to_one ? raw[k] : raw[0];
        out.push_back({lower_ascii((*form)[k]), src.s, one_to_one ? src.e : raw[n - 1].e});
      }
    }
    cur = ahead;
    have = have_ahead;
  }
}

bool is_w(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z'); }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

inline bool is_c(char32_t c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) ||
         (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

// 'h' hiragana, 'k' katakana (without ー), 0 otherwise — the script of step 4.
char kana_script(char32_t c) {
  if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E) return 'h';
  if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FD || c == 0x30FE) return 'k';
  return 0;
}

char32_t kana_char(char32_t c) {
  if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E) c += 0x60;
  switch (c) {
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9:  // ァィゥェォ
    case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE:  // ッャュョヮ
      return c + 1;
    case 0x30F5: return 0x30AB;  // ヵ -> カ
    case 0x30F6: return 0x30B1;  // ヶ -> ケ
    default: return c;
  }
}

// Step 4, in place (the text only shrinks: a dropped ー is never replaced by anything). The script
// of the code point before a run of ー is that of the text before this fold, kept in `before_cp`.
void kana_fold(std::vector<Unit>& u) {
  const std::size_t n = u.size();
  std::size_t w = 0;
  char32_t before_cp = kBad;
  for (std::size_t i = 0; i < n;) {
    if (u[i].cp != 0x30FC) {
      Unit x = u[i++];
      before_cp = x.cp;
      if (x.cp != kBad) x.cp = kana_char(x.cp);
      u[w++] = x;
      continue;
    }
    std::size_t j = i;
    while (j < n && u[j].cp == 0x30FC) ++j;
    const char before = i > 0 && before_cp != kBad ? kana_script(before_cp) : 0;
    const char after = j < n && u[j].cp != kBad ? kana_script(u[j].cp) : 0;  // not yet overwritten: w <= i < j
    if (!(before && after != before))
      for (std::size_t k = i; k < j; ++k) u[w++] = u[k];
    before_cp = 0x30FC;
    i = j;
  }
  u.resize(w);
}

// The working arrays of one thread's tokenizing, kept from text to text.
struct Scratch {
  std::vector<Unit> raw, folded, rewritten;
};

std::u32string code_points(const std::vector<Unit>& units) {
  std::u32string r;
  r.reserve(units.size());
  for (const Unit& u : units) r.push_back(u.cp);
  return r;
}

bool rule_less(const Tokenizer::Rule& a, const Tokenizer::Rule& b) {
  if (a.from[0] != b.from[0]) return a.from[0] < b.from[0];
  return a.from.size() > b.from.size();
}

// The BMP code points that start a rule of `rules`, as a bit set (see Tokenizer::rule_starts_).
std::vector<std::uint64_t> first_code_points(const std::vector<Tokenizer::Rule>& rules) {
  std::vector<std::uint64_t> bits(0x10000 / 64, 0);
  for (const Tokenizer::Rule& r : rules)
    if (r.from[0] < 0x10000) bits[r.from[0] / 64] |= std::uint64_t{1} << (r.from[0] % 64);
  return bits;
}

// The longest rule of `rules` (sorted by rule_less, starting as `starts` says) matching u at i, or
// nullptr.
const Tokenizer::Rule* match_at(const std::vector<Tokenizer::Rule>& rules, const std::vector<std::uint64_t>& starts,
                                const std::vector<Unit>& u, std::size_t i) {
  const std::size_t n = u.size();
  const char32_t c = u[i].cp;
  if (c < 0x10000 && !(starts[c / 64] >> (c % 64) & 1)) return nullptr;
  auto it = std::lower_bound(rules.begin(), rules.end(), c, [](const Tokenizer::Rule& r, char32_t v) { return r.from[0] < v; });
  for (; it != rules.end() && it->from[0] == c; ++it) {
    const std::u32string& f = it->from;
    const std::size_t m = f.size();
    if (i + m > n) continue;
    bool eq = true;
    for (std::size_t k = 1; k < m && eq; ++k) eq = u[i + k].cp == f[k];
    if (!eq) continue;
    if (is_w(f.front()) && i > 0 && is_w(u[i - 1].cp)) continue;
    if (is_w(f.back()) && i + m < n && is_w(u[i + m].cp)) continue;
    return &*it;
  }
  return nullptr;
}

}  // namespace

Tokenizer::Tokenizer(std::vector<VariantGroup> variants, std::vector<std::string> stop_words)
    : groups_(std::move(variants)), stop_words_(std::move(stop_words)) {
  auto spelling = [](std::string_view s, bool kana) {
    std::vector<Unit> raw, units;
    fold_text(s, raw, units);
    if (kana) kana_fold(units);
    return code_points(units);
  };
  for (const VariantGroup& g : groups_) {
    const std::u32string to = spelling(g.canonical, true);
    if (to.empty()) continue;  // a group without a canonical spelling would erase text: ignored
    auto add = [&](std::string_view v) {
      std::u32string from = spelling(v, true);
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
  for (const std::string& w : stop_words_) {
    std::u32string from = spelling(w, false);
    if (from.empty()) continue;
    if (std::none_of(stops_.begin(), stops_.end(), [&](const Rule& r) { return r.from == from; }))
      stops_.push_back({std::move(from), {}, 0, 0});
  }
  std::stable_sort(stops_.begin(), stops_.end(), rule_less);
  rule_starts_ = first_code_points(rules_);
  stop_starts_ = first_code_points(stops_);
}

std::vector<Token> Tokenizer::tokenize(std::string_view utf8) const {
  TokenList list;
  tokenize_into(utf8, list);
  std::vector<Token> tokens;
  tokens.reserve(list.size());
  for (std::size_t k = 0; k < list.size(); ++k)
    tokens.push_back({std::string(list.term(k)), list.items[k].start, list.items[k].length});
  return tokens;
}

void Tokenizer::tokenize_into(std::string_view utf8, TokenList& out) const {
  if (utf8.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("tokenizer: text of 4 GiB or more");
  thread_local Scratch scratch;
  std::vector<Unit>& folded = scratch.folded;
  fold_text(utf8, scratch.raw, folded);

  // Step 3: stop words.
  if (!stops_.empty()) {
    for (std::size_t i = 0; i < folded.size();) {
      const Rule* hit = folded[i].cp == kBad ? nullptr : match_at(stops_, stop_starts_, folded, i);
      if (!hit) {
        ++i;
        continue;
      }
      for (std::size_t k = 0; k < hit->from.size(); ++k) folded[i + k].cp = kSep;
      i += hit->from.size();
    }
  }
  // Step 4: kana.
  kana_fold(folded);

  // Step 5: variants.
  std::vector<Unit>& rewritten = scratch.rewritten;
  const std::vector<Unit>* seq = &folded;
  if (!rules_.empty()) {
    rewritten.clear();
    rewritten.reserve(folded.size() + 8);
    const std::size_t n = folded.size();
    std::size_t i = 0;
    while (i < n) {
      const Rule* hit = folded[i].cp == kBad ? nullptr : match_at(rules_, rule_starts_, folded, i);
      if (!hit) {
        rewritten.push_back(folded[i++]);
        continue;
      }
      const std::size_t m = hit->from.size(), cn = hit->to.size(), p = hit->prefix, q = hit->suffix;
      for (std::size_t k = 0; k < p; ++k) rewritten.push_back({hit->to[k], folded[i + k].s, folded[i + k].e});
      if (cn - q > p) {
        std::uint32_t ms, me;
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

  // Steps 6-7: runs -> tokens.
  const std::vector<Unit>& u = *seq;
  out.bytes.clear();
  out.items.clear();
  const std::size_t n = u.size();
  out.items.reserve(n);          // at most a token a unit
  out.bytes.reserve(n * 6 + 8);  // a bigram is at most 8 bytes, most are 6
  auto push = [&](std::uint32_t s, std::uint32_t e) {
    out.items.push_back({static_cast<std::uint32_t>(out.bytes.size()), s, e - s});
  };
  std::size_t i = 0;
  while (i < n) {
    const char32_t c = u[i].cp;
    if (c != kBad && is_w(c)) {
      const bool digits = is_digit(c);
      std::size_t j = i;
      std::uint32_t s = u[i].s, e = u[i].e;
      for (; j < n && u[j].cp != kBad && is_w(u[j].cp) && is_digit(u[j].cp) == digits; ++j) {
        out.bytes.push_back(static_cast<char>(u[j].cp));
        s = std::min(s, u[j].s);
        e = std::max(e, u[j].e);
      }
      push(s, e);
      i = j;
    } else if (c != kBad && is_c(c)) {
      std::size_t j = i + 1;
      while (j < n && u[j].cp != kBad && is_c(u[j].cp)) ++j;
      if (j - i == 1) {
        utf8::append(out.bytes, c);
        push(u[i].s, u[i].e);
      } else {
        // Each bigram is the previous one's second character and the next; each character is
        // encoded once.
        char prev[4];
        std::size_t prev_len = utf8::encode(prev, u[i].cp);
        for (std::size_t k = i; k + 1 < j; ++k) {
          char next[4];
          const std::size_t next_len = utf8::encode(next, u[k + 1].cp);
          out.bytes.append(prev, prev_len);
          out.bytes.append(next, next_len);
          push(std::min(u[k].s, u[k + 1].s), std::max(u[k].e, u[k + 1].e));
          std::copy(next, next + next_len, prev);
          prev_len = next_len;
        }
      }
      i = j;
    } else {
      ++i;
    }
  }
}

std::size_t utf16_length(std::string_view utf8) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp;
    i = utf8::decode(utf8, i, cp);
    units += (cp != kBad && cp > 0xFFFF) ? 2 : 1;
  }
  return units;
}

}  // namespace kijun
