// kijun — lunr 2.3.9-compatible serialized search index (see search_index.h).
//
// Numbers follow lunr 2.3.9's Builder exactly (spec §3): for term t, field f, document d
//   idf   = ln(1 + |(N - df + 0.5) / (df + 0.5)|), df counted per field (title + body = 2),
//   norm  = (1 - b) + b * (L(f,d) / avgL(f)),
//   w     = (idf * ((k1 + 1) * tf)) / (k1 * norm + tf);  w *= fieldBoost;  w *= docBoost;
//   store = Math.round(w * 1000) / 1000,
// evaluated in IEEE double in that order; ln is the C library's log (see the note at the idf).
// Floating-point contraction (FMA) would change last bits, so it is switched off for this file.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "search/search_index.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>
#include <unordered_set>

#include "base/html.h"
#include "base/memory.h"
#include "base/parallel.h"
#include "base/utf8.h"

namespace kijun {

// ---- JS numerics -------------------------------------------------------------------------------

double js_round(double x) {
  if (!std::isfinite(x)) return x;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1.0;  // exact: |x| < 2^52 here or x is already an integer
  if (r == 0.0 && std::signbit(x)) return -0.0;
  return r;
}

std::string thousandths_to_string(long long k) {
  std::string out;
  append_thousandths(out, k);
  return out;
}

namespace {

// Writes thousandths `k` as JavaScript prints k / 1000 (at most 25 characters), returning the end.
char* put_thousandths(char* out, long long k) {
  // |k| without overflow at the smallest long long; k < 0 is never -0 (|k| >= 1).
  const unsigned long long a = k < 0 ? static_cast<unsigned long long>(-(k + 1)) + 1 : static_cast<unsigned long long>(k);
  if (k < 0) *out++ = '-';
  const unsigned long long whole = a / 1000;
  out = whole < 10 ? (*out = static_cast<char>('0' + whole), out + 1) : std::to_chars(out, out + 20, whole).ptr;
  const unsigned frac = static_cast<unsigned>(a % 1000);
  if (frac != 0) {
    out[0] = '.';
    out[1] = static_cast<char>('0' + frac / 100);
    out[2] = static_cast<char>('0' + frac / 10 % 10);
    out[3] = static_cast<char>('0' + frac % 10);
    int len = 4;
    while (out[len - 1] == '0') --len;
    out += len;
  }
  return out;
}

}  // namespace

void append_thousandths(std::string& out, long long k) {
  char buf[32];
  out.append(buf, put_thousandths(buf, k));
}

// ECMAScript Number::toString(10): shortest round-trip digits (std::to_chars gives the same digit
// string: shortest, nearest to the exact value), laid out by the ECMAScript rules.
std::string js_number_to_string(double x) {
  if (!std::isfinite(x)) return "null";
  if (x == 0.0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.823e+00"
  std::string out;
  std::size_t p = 0;
  if (sci[0] == '-') {
    out.push_back('-');
    p = 1;
  }
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (std::size_t q = p; q < epos; ++q)
    if (sci[q] != '.') digits.push_back(sci[q]);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int e = std::stoi(sci.substr(epos + 1));
  const int k = static_cast<int>(digits.size());
  const int n = e + 1;  // x = 0.d1d2...dk * 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

// ---- strings -------------------------------------------------------------------------------

int compare_utf16(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
  // Back up to the first byte of the code point that differs.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  char32_t ca, cb;
  utf8::decode(a, i, ca);
  utf8::decode(b, i, cb);
  if (ca == utf8::kInvalid) ca = 0xFFFD;
  if (cb == utf8::kInvalid) cb = 0xFFFD;
  auto lead = [](char32_t c) -> std::uint32_t { return c < 0x10000 ? c : 0xD800 + ((c - 0x10000) >> 10); };
  const std::uint32_t la = lead(ca), lb = lead(cb);
  if (la != lb) return la < lb ? -1 : 1;
  if (ca != cb) return ca < cb ? -1 : 1;  // same lead surrogate: trail order = code point order
  // Equal code points decoded from different bytes (invalid sequences): fall back to bytes.
  return a.compare(b) < 0 ? -1 : 1;
}

bool is_array_index_key(std::string_view k) {
  if (k.empty() || k.size() > 10) return false;
  if (k.size() > 1 && k[0] == '0') return false;
  std::uint64_t v = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v <= 4294967294ull;
}

// ---- the builder -------------------------------------------------------------------------------

namespace {

using ojson = nlohmann::ordered_json;

std::uint64_t array_index_value(std::string_view k) {
  std::uint64_t v = 0;
  for (char c : k) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

// Order in which JS enumerates the own keys of an object created by inserting `keys` in order:
// array-index keys ascending, then the others in insertion order.
template <class KeyOf>
std::vector<std::size_t> js_key_order(std::size_t count, KeyOf key_of) {
  std::vector<std::size_t> idx, rest;
  for (std::size_t i = 0; i < count; ++i) (is_array_index_key(key_of(i)) ? idx : rest).push_back(i);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
    return array_index_value(key_of(x)) < array_index_value(key_of(y));
  });
  idx.insert(idx.end(), rest.begin(), rest.end());
  return idx;
}

double lunr_boost(double b) { return (b == 0 || std::isnan(b)) ? 1.0 : b; }

// Positions are kept packed: per (start, length) pair, the start's difference from the previous
// start of the same term (zigzag, as tokens need not come in order) and the length, each as a
// LEB128 varint. A Japanese text's pair takes two or three bytes instead of eight, and the index
// of 10,000 pages holds some 30 million of them.
// Writes `v` at `out` (room for 5 bytes) and returns the end.
inline unsigned char* put_varint(unsigned char* out, std::uint32_t v) {
  while (v >= 0x80) {
    *out++ = static_cast<unsigned char>(v | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<unsigned char>(v);
  return out;
}

inline const unsigned char* get_varint(const unsigned char* p, std::uint32_t& v) {
  v = 0;
  for (int shift = 0;; shift += 7) {
    const unsigned char c = *p++;
    v |= static_cast<std::uint32_t>(c & 0x7F) << shift;
    if (!(c & 0x80)) return p;
  }
}

// The hash of a term for the tables below: eight bytes at a time, mixed as MurmurHash3's
// finalizer mixes (the low bits pick the slot). Terms are short (a bigram of kana or kanji is six
// bytes), where std::hash's call and loop cost more than the lookup itself. Any hash gives the same
// index: ids follow first occurrence.
inline std::size_t term_hash(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  std::uint64_t w = 0;
  for (std::size_t k = 0; k < n; ++k) w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
  h ^= w;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return static_cast<std::size_t>(h);
}

// Terms -> ids in order of first occurrence: open addressing on precomputed hashes. A slot holds
// the id and the high half of the term's hash, so that a probe reads the texts only on a likely
// match (one miss a lookup instead of three). A term's text is kept as `Text` when it is first
// seen: a copy (std::string) for the index's table, a view into the tokens for a field's own (see
// local_terms).
template <typename Text>
class TermTable {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  /// Empties the table, keeping the room it has, with room for `expected` terms without growing.
  void reset(std::size_t expected) {
    std::size_t n = 16;
    while (n < expected * 2) n <<= 1;
    slots_.assign(n, kEmpty);
    texts_.clear();
    hashes_.clear();
  }
  /// The id of `text` (whose hash is `hash`), or kNone. Safe alongside other finds.
  std::uint32_t find(std::string_view text, std::size_t hash) const {
    if (slots_.empty()) return kNone;
    const std::uint64_t tag = tag_of(hash);
    for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const std::uint64_t s = slots_[i];
      if (s == kEmpty) return kNone;
      if ((s & kTagMask) == tag && texts_[id_of(s)] == text) return id_of(s);
    }
  }
  std::uint32_t intern(std::string_view text, std::size_t hash) {
    if ((texts_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t tag = tag_of(hash);
    for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const std::uint64_t s = slots_[i];
      if (s == kEmpty) {
        if (texts_.size() >= kNone) throw std::length_error("search index: too many terms");
        const auto id = static_cast<std::uint32_t>(texts_.size());
        slots_[i] = tag | id;
        texts_.emplace_back(text);
        hashes_.push_back(hash);
        return id;
      }
      if ((s & kTagMask) == tag && texts_[id_of(s)] == text) return id_of(s);
    }
  }
  std::vector<Text>& texts() { return texts_; }
  std::vector<std::size_t>& hashes() { return hashes_; }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // no id is kNone (intern checks)
  static constexpr std::uint64_t kTagMask = 0xFFFFFFFF00000000ull;
  static std::uint64_t tag_of(std::size_t hash) { return static_cast<std::uint64_t>(hash) & kTagMask; }
  static std::uint32_t id_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }
  void grow() {
    slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), kEmpty);
    for (std::uint32_t s = 0; s < texts_.size(); ++s)
      for (std::size_t i = hashes_[s] & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
        if (slots_[i] == kEmpty) {
          slots_[i] = tag_of(hashes_[s]) | s;
          break;
        }
  }
  std::vector<std::uint64_t> slots_;
  std::vector<Text> texts_;
  std::vector<std::size_t> hashes_;
};

// One field of one document, tokenized (in parallel, a block of them at a time): its distinct
// terms in order of first occurrence, each with its positions, packed, in one array. The merge
// gives the terms their ids and moves the rest into the index's arrays.
struct FieldVector {
  bool repeats_previous = false;        // the same text as the same field of the document before
  std::uint32_t length = 0;             // tokens
  std::vector<std::uint32_t> tf;        // local term -> how many times it occurs
  std::vector<std::uint32_t> first;     // local term -> its first byte in `pos` (CSR)
  std::vector<unsigned char> pos;       // packed positions grouped by local term
  std::string terms;                    // the local terms' texts, one after another
  std::vector<std::uint32_t> term_end;  // local term -> where its text ends in `terms`
  std::vector<std::size_t> hash;        // local term -> hash of its text
  std::vector<std::uint32_t> id;        // local term -> its id, if the terms of earlier blocks hold it
  std::string_view term(std::size_t l) const {
    const std::uint32_t begin = l == 0 ? 0 : term_end[l - 1];
    return std::string_view(terms).substr(begin, term_end[l] - begin);
  }
};

// Tokens of one field -> the field vector's local terms and positions (runs in parallel; the
// working arrays are the thread's own, kept from field to field).
void local_terms(FieldVector& fv, const TokenList& toks) {
  const std::size_t nt = toks.size();
  fv.length = static_cast<std::uint32_t>(nt);
  // Tokens -> local terms, in order of first occurrence; the terms' texts are views into `toks`.
  thread_local TermTable<std::string_view> local;
  thread_local std::vector<std::uint32_t> of_token, by_term, at, fill;
  local.reset(nt);
  of_token.resize(nt);
  std::vector<std::uint32_t>& count = fv.tf;
  for (std::size_t i = 0; i < nt; ++i) {
    const std::string_view text = toks.term(i);
    const std::uint32_t l = local.intern(text, term_hash(text));
    if (l == count.size()) count.push_back(0);
    ++count[l];
    of_token[i] = l;
  }
  const std::size_t n = count.size();
  fv.term_end.reserve(n);
  for (const std::string_view text : local.texts()) {
    fv.terms += text;
    fv.term_end.push_back(static_cast<std::uint32_t>(fv.terms.size()));
  }
  fv.hash.swap(local.hashes());
  // The tokens of each local term, in order (CSR), then packed term by term.
  at.assign(n + 1, 0);
  for (std::size_t l = 0; l < n; ++l) at[l + 1] = at[l] + count[l];
  by_term.resize(nt);
  fill.assign(at.begin(), at.end() - 1);
  for (std::size_t i = 0; i < nt; ++i) by_term[fill[of_token[i]]++] = static_cast<std::uint32_t>(i);
  fv.first.assign(n + 1, 0);
  fv.pos.resize(nt * 10);  // room for two varints a token, cut to what they take below
  unsigned char* const pos = fv.pos.data();
  unsigned char* out = pos;
  for (std::size_t l = 0; l < n; ++l) {
    std::uint32_t prev = 0;
    for (std::uint32_t k = at[l]; k < at[l + 1]; ++k) {
      const TokenList::Item& tok = toks.items[by_term[k]];
      const std::uint32_t delta = tok.start - prev;  // modulo 2^32, undone the same way
      out = put_varint(out, static_cast<std::int32_t>(delta) < 0 ? ~(delta << 1) : delta << 1);
      out = put_varint(out, tok.length);
      prev = tok.start;
    }
    fv.first[l + 1] = static_cast<std::uint32_t>(out - pos);
  }
  fv.pos.resize(static_cast<std::size_t>(out - pos));
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Writes `v` at `out` (room for 10 digits), returning the end; most positions' lengths are one digit.
char* put_uint(char* out, std::uint32_t v) {
  if (v < 10) {
    *out = static_cast<char>('0' + v);
    return out + 1;
  }
  return std::to_chars(out, out + 10, v).ptr;
}

// Writes `v` at `out` (room for 11 characters), returning the end.
char* put_int(char* out, std::int64_t v) {
  if (v >= 0 && v < 10) {
    *out = static_cast<char>('0' + v);
    return out + 1;
  }
  return std::to_chars(out, out + 20, v).ptr;
}

// A packed start's difference from the previous start (zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...),
// modulo 2^32 as the starts are.
std::uint32_t unzigzag(std::uint32_t z) { return (z & 1) ? ~(z >> 1) : z >> 1; }

}  // namespace

ojson build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                       const Tokenizer& tokenizer) {
  return build_lunr_index(fields, docs, tokenizer, nullptr);
}

ojson build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                       const Tokenizer& tokenizer, LunrIndexStats* stats) {
  // ordered_json keeps the key order of the text, and its numbers print back the same, so the
  // tree is the text read back: one builder, one set of rules.
  return ojson::parse(lunr_index_text(fields, docs, tokenizer, stats));
}

namespace {

// One build of the index: the documents tokenized, the postings grouped by term and the numbers
// computed, once; then written either as one index (lunr_index_text) or in term shards
// (lunr_index_shards). Both print the same postings and weights from the same code.
class IndexBuild {
 public:
  IndexBuild(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs, const Tokenizer& tokenizer)
      : fields_(fields), docs_(docs) {
    validate();
    // lunr keeps fields in an object: JS key order decides the effective field order.
    field_order_ = js_key_order(fields.size(), [&](std::size_t i) -> std::string_view { return fields[i].name; });
    nf_ = field_order_.size();
    tokenize(tokenizer);
    group_postings();
    compute_numbers();
    prepare_keys();
  }

  std::size_t field_count() const { return nf_; }
  /// Frees what only write_field_vector() reads.
  void drop_field_vectors() {
    vstart_ = {};
    vterm_ = {};
    vtf_ = {};
  }
  /// About what write_field_vector prints of vectors [from, to): the most a term index takes and
  /// a weight of four digits per entry.
  std::size_t vector_bytes(std::size_t from, std::size_t to) const {
    const std::size_t index_digits = std::to_string(term_text_.size()).size();
    return (vstart_[to] - vstart_[from]) * (index_digits + 7) + (to - from) * (longest_ref_ + 16);
  }
  /// About what write_term prints of the terms order[from, to) (a packed pair of three bytes
  /// prints as "[1234,2],", a longer start or a shorter length more).
  std::size_t term_bytes(std::size_t from, std::size_t to) const {
    std::size_t bytes = 0;
    for (std::size_t i = from; i < to; ++i) {
      const std::uint32_t t = order_[i];
      bytes += term_text_[t].size() + 24;
      for (std::size_t fo = 0; fo < nf_; ++fo) {
        const std::uint32_t begin = start_[fo][t], end = start_[fo][t + 1];
        bytes += field_key_[fo].size() + 4 + (end - begin) * (longest_ref_ + 16) +
                 (pos_start_[fo][end] - pos_start_[fo][begin]) * 4;
      }
    }
    return bytes;
  }
  /// About what write_shard_term(t) prints (from its postings' sizes, without printing them).
  std::size_t estimated_bytes(std::uint32_t t) const {
    std::size_t bytes = term_text_[t].size() + 16;
    for (std::size_t fo = 0; fo < nf_; ++fo) {
      const std::uint32_t begin = start_[fo][t], end = start_[fo][t + 1];
      bytes += (end - begin) * 12 + (pos_start_[fo][end] - pos_start_[fo][begin]) * 2;
    }
    return bytes;
  }
  const std::string& field_name(std::size_t fo) const { return fields_[field_order_[fo]].name; }
  std::size_t vector_count() const { return length_.size(); }
  std::size_t token_count() const { return total_tokens_; }
  const std::vector<std::uint32_t>& term_order() const { return order_; }
  const std::string& term_text(std::uint32_t t) const { return term_text_[t]; }

  void fill_stats(LunrIndexStats* stats) const {
    if (!stats) return;
    stats->documents = docs_.size();
    stats->field_vectors = length_.size();
    stats->terms = term_text_.size();
    stats->tokens = total_tokens_;
    stats->postings = total_postings_;
  }

  /// Puts each field vector's postings in term order (lunr's vector keeps its elements sorted by
  /// term index), each with its occurrences in vtf_, for write_field_vector(): read off the
  /// postings grouped by term, which visit the terms in order. The field vectors' documents are
  /// cut into runs, one a core; a run finds its part of each term's hits (in document order) by
  /// binary search.
  void order_field_vectors() {
    std::vector<std::uint32_t> fill(vstart_.begin(), vstart_.end() - 1);
    vtf_.resize(vterm_.size());
    const std::size_t n_docs = docs_.size(), n_terms = term_text_.size();
    const std::size_t runs = std::max<std::size_t>(1, std::min(worker_count(), n_docs));
    for (std::size_t fo = 0; fo < nf_; ++fo) {
      const std::vector<Hit>& hits = hits_[fo];
      const std::vector<std::uint32_t>& off = pos_start_[fo];
      const unsigned char* pos = pos_[fo].data();
      parallel_for(runs, [&](std::size_t r) {
        const Hit lo = static_cast<Hit>(n_docs * r / runs), hi = static_cast<Hit>(n_docs * (r + 1) / runs);
        for (std::uint32_t t = 0; t < n_terms; ++t) {
          const auto end = hits.begin() + start_[fo][t + 1];
          for (auto it = std::lower_bound(hits.begin() + start_[fo][t], end, lo); it != end && *it < hi; ++it) {
            const std::size_t h = static_cast<std::size_t>(it - hits.begin());
            std::uint32_t ends = 0;  // varints, each ending on a byte below 0x80: two a position
            for (const unsigned char *q = pos + off[h], *stop = pos + off[h + 1]; q < stop; ++q) ends += (*q & 0x80) == 0;
            const std::uint32_t g = fill[*it * nf_ + fo]++;
            vterm_[g] = t;
            vtf_[g] = ends / 2;
          }
        }
      });
    }
  }

  /// ["field/ref",[termIndex,weight,...]] of field vector `v`; order_field_vectors() first.
  void write_field_vector(std::string& o, std::size_t v) const {
    const std::size_t fo = v % nf_, doc = v / nf_;
    o.push_back('[');
    append_json_string(o, field_name(fo) + "/" + docs_[doc].ref);
    o += ",[";
    // Written into room for the most an entry can take (",4294967295," and a weight of at most 25
    // characters), then appended at once.
    const std::uint32_t begin = vstart_[v], end = vstart_[v + 1];
    thread_local std::vector<char> room;
    if (room.size() < (end - begin) * 40) room.resize((end - begin) * 40);
    char* const first = room.data();
    char* out = first;
    for (std::uint32_t g = begin; g < end; ++g) {
      if (g > begin) *out++ = ',';
      out = put_uint(out, vterm_[g]);
      *out++ = ',';
      const double k = weight_thousandths(fo, doc, vtf_[g], vterm_[g]);
      if (std::isfinite(k) && std::fabs(k) < 1e15) {
        out = put_thousandths(out, static_cast<long long>(k));
      } else {
        const std::string js = js_number_to_string(k / 1000);
        out = std::copy(js.begin(), js.end(), out);
      }
    }
    o.append(first, out);
    o += "]]";
  }

  /// ["term",{"_index":n,"field":{"ref":{"position":[[start,length],...]},...},...}] of term `t`.
  void write_term(std::string& o, std::uint32_t t) const {
    std::vector<std::uint32_t> sorted;
    bool first_key = true;
    auto key = [&](const std::string& quoted) {
      if (!first_key) o.push_back(',');
      first_key = false;
      o += quoted;
      o.push_back(':');
    };
    auto emit_field = [&](std::size_t fo) {
      const std::vector<Hit>& hits = hits_[fo];
      const std::vector<std::uint32_t>& off = pos_start_[fo];
      const unsigned char* pos = pos_[fo].data();
      const std::uint32_t begin = start_[fo][t], end = start_[fo][t + 1];
      posting_order(fo, t, sorted);
      key(field_key_[fo]);
      o.push_back('{');
      // The postings are written through a pointer into the thread's scratch room, made for the
      // most they can take (a packed pair is at least two bytes and prints as at most
      // "[4294967295,4294967295],"), then appended at once: this loop prints most of the index.
      // Hits are in document order and their positions lie in the same order, so it reads memory
      // straight on.
      thread_local std::vector<char> room;
      const std::size_t most = (end - begin) * (longest_ref_ + 18) + (off[end] - off[begin]) / 2 * 24;
      if (room.size() < most) room.resize(most);
      char* const first_out = room.data();
      char* out = first_out;
      for (std::uint32_t i = begin; i < end; ++i) {
        const std::uint32_t h = sorted.empty() ? i : sorted[i - begin];
        const std::string& ref = ref_key_[hits[h]];
        static constexpr std::string_view kOpen = ":{\"position\":[";
        if (i > begin) *out++ = ',';
        out = std::copy(ref.begin(), ref.end(), out);
        out = std::copy(kOpen.begin(), kOpen.end(), out);
        std::uint32_t start = 0;
        bool first = true;
        for (const unsigned char *p = pos + off[h], *stop = pos + off[h + 1]; p < stop;) {
          std::uint32_t zigzag, length;
          p = get_varint(get_varint(p, zigzag), length);
          start += unzigzag(zigzag);
          if (!first) *out++ = ',';
          first = false;
          *out++ = '[';
          out = put_uint(out, start);
          *out++ = ',';
          out = put_uint(out, length);
          *out++ = ']';
        }
        *out++ = ']';
        *out++ = '}';
      }
      o.append(first_out, out);
      o.push_back('}');
    };
    o.push_back('[');
    append_json_string(o, term_text_[t]);
    o += ",{";
    // lunr creates the posting as {_index, field1, field2, ...}; JS lists array-index keys first.
    for (std::size_t fo = 0; fo < nf_; ++fo)
      if (field_is_index_[fo]) emit_field(fo);
    key("\"_index\"");
    append_uint(o, t);
    for (std::size_t fo = 0; fo < nf_; ++fo)
      if (!field_is_index_[fo]) emit_field(fo);
    o.push_back('}');
    o.push_back(']');
  }

  /// The entry of term `t` in a term shard: [term, _index, F_0, ..., F_{n-1}], F_f the postings of
  /// the f-th field (in the index's field order) as one flat array of numbers. Per document of
  /// the posting, in the order lunr's posting lists them: the document's number less the
  /// previous one's (the first less 0), the term's occurrences n, n pairs (the start less the
  /// previous start, the length), and the stored field-vector weight in thousandths (null when
  /// it is not a number, as JSON.stringify prints it). search-shards.js turns it back into the
  /// posting and the weights.
  void write_shard_term(std::string& o, std::uint32_t t) const {
    std::vector<std::uint32_t> sorted;
    o.push_back('[');
    append_json_string(o, term_text_[t]);
    o.push_back(',');
    append_uint(o, t);
    for (std::size_t fo = 0; fo < nf_; ++fo) {
      const std::vector<Hit>& hits = hits_[fo];
      const std::vector<std::uint32_t>& off = pos_start_[fo];
      const unsigned char* pos = pos_[fo].data();
      const std::uint32_t begin = start_[fo][t], end = start_[fo][t + 1];
      posting_order(fo, t, sorted);
      o += ",[";
      // The field's postings are written into the thread's scratch room, then appended at once:
      // growing `o` hit by hit zero-filled room for the most a hit can take, three times what it does.
      // The most: per hit "-4294967295," twice, per pair "-4294967295,4294967295,", and the weight
      // (an integer, or as JavaScript prints a number: at most 25 characters).
      const std::size_t pairs = (off[end] - off[begin]) / 2;  // a pair is two varints, 2 bytes at least
      thread_local std::vector<char> room;
      const std::size_t most = (end - begin) * (24 + 32) + pairs * 23;
      if (room.size() < most) room.resize(most);
      char* const first = room.data();
      char* out = first;
      std::int64_t previous_doc = 0;
      constexpr std::uint32_t kAhead = 8;  // the numbers of the document this many hits on are fetched early
      for (std::uint32_t i = begin; i < end; ++i) {
        const std::uint32_t h = sorted.empty() ? i : sorted[i - begin];
        const std::size_t doc = hits[h];
        if (i + kAhead < end)
          __builtin_prefetch(&doc_numbers_[hits[sorted.empty() ? i + kAhead : sorted[i + kAhead - begin]] * doc_stride_]);
        const unsigned char *p = pos + off[h], *stop = pos + off[h + 1];
        std::uint32_t tf = 0;  // pairs: half the varints, each ending on a byte below 0x80
        for (const unsigned char* q = p; q < stop; ++q) tf += (*q & 0x80) == 0;
        tf /= 2;
        if (i > begin) *out++ = ',';
        out = put_int(out, static_cast<std::int64_t>(doc) - previous_doc);
        previous_doc = static_cast<std::int64_t>(doc);
        *out++ = ',';
        out = put_uint(out, tf);
        std::uint32_t start = 0;
        while (p < stop) {
          std::uint32_t zigzag, length;
          p = get_varint(get_varint(p, zigzag), length);
          const std::uint32_t previous = start;
          start += unzigzag(zigzag);
          *out++ = ',';
          out = put_int(out, static_cast<std::int64_t>(start) - previous);
          *out++ = ',';
          out = put_uint(out, length);
        }
        *out++ = ',';
        const double k = weight_thousandths(fo, doc, tf, t);
        if (std::isfinite(k) && std::fabs(k) < 1e15) {
          out = std::to_chars(out, out + 20, static_cast<long long>(k)).ptr;
        } else {
          const std::string js = js_number_to_string(k);  // an integer or null: the decoder divides by 1000
          out = std::copy(js.begin(), js.end(), out);
        }
      }
      o.append(first, out);
      o.push_back(']');
    }
    o.push_back(']');
  }

 private:
  static constexpr double k1 = 1.2, b = 0.75;

  using Hit = std::uint32_t;  // the document holding the term (in the field of the hit's list)

  void validate() const {
    std::unordered_set<std::string> names;
    for (const SearchField& f : fields_) {
      if (f.name.find('/') != std::string::npos)
        throw std::invalid_argument("search field name contains '/': " + f.name);
      if (!names.insert(f.name).second) throw std::invalid_argument("duplicate search field name: " + f.name);
    }
    std::unordered_set<std::string_view> refs;
    for (const SearchDocument& d : docs_) {
      if (!refs.insert(d.ref).second) throw std::invalid_argument("duplicate search document ref: " + d.ref);
      if (d.fields.size() > fields_.size())
        throw std::invalid_argument("search document has more field values than fields: " + d.ref);
    }
  }

  // Pass 1: tokenize each field of each document and group its tokens by term, in parallel, a
  // block of documents at a time (memory stays bounded); then, in document order, give each term
  // its _index by first occurrence.
  void tokenize(const Tokenizer& tokenizer) {
    const std::size_t n_vectors = docs_.size() * nf_;
    length_.resize(n_vectors);
    vstart_.assign(n_vectors + 1, 0);
    // Room reserved from the size of the text (a token is at least one UTF-8 byte, a packed
    // position about as long): address space only, until written. Capped below what tcmalloc
    // reports as a large allocation (1 GB); past it the arrays grow as vectors do.
    std::size_t text_bytes = 0;
    for (const SearchDocument& d : docs_)
      for (const std::string& f : d.fields) text_bytes += f.size();
    text_bytes = std::min<std::size_t>(text_bytes, 512u << 20);
    vterm_.reserve(text_bytes / 3);
    vpos_first_.reserve(text_bytes / 3 + 1);
    vpos_.reserve(text_bytes);
    vpos_first_.push_back(0);
    TermTable<std::string> table;
    total_length_.assign(nf_, 0.0);
    const std::size_t block = 64 * worker_count() * nf_;
    std::vector<FieldVector> fvs(std::min(block, n_vectors));
    for (std::size_t first = 0; first < n_vectors; first += block) {
      const std::size_t count = std::min(block, n_vectors - first);
      parallel_for(count, [&](std::size_t i) {
        const std::size_t v = first + i;
        fvs[i] = FieldVector{};
        // A field with the text of the same field of the document before (the section's title in
        // the "context" of each provision on a page) repeats that one's vector: not tokenized again.
        if (v >= nf_ && field_text(v) == field_text(v - nf_)) {
          fvs[i].repeats_previous = true;
          return;
        }
        thread_local TokenList tokens;
        tokenizer.tokenize_into(field_text(v), tokens);
        FieldVector& fv = fvs[i];
        local_terms(fv, tokens);
        // Terms of the blocks before this one are looked up here, on every core (the table only
        // changes between blocks): the merge below interns only the terms new in this block.
        fv.id.resize(fv.tf.size());
        for (std::size_t l = 0; l < fv.tf.size(); ++l) fv.id[l] = table.find(fv.term(l), fv.hash[l]);
      });
      // In document order: each term gets its id by first occurrence, and the field vector joins
      // the index's arrays (its slot in `fvs` takes a field vector of the next block).
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t v = first + i;
        FieldVector& fv = fvs[i];
        if (fv.repeats_previous) {
          repeat_vector(v, v - nf_);
          continue;
        }
        for (std::size_t l = 0; l < fv.tf.size(); ++l) {
          const std::uint32_t known = fv.id[l];
          add_posting(known != TermTable<std::string>::kNone ? known : table.intern(fv.term(l), fv.hash[l]),
                      fv.first[l + 1] - fv.first[l]);
        }
        vpos_.insert(vpos_.end(), fv.pos.begin(), fv.pos.end());
        close_vector(v, fv.length);
      }
    }
    total_postings_ = vterm_.size();
    term_text_ = std::move(table.texts());
  }

  // The text of field vector v (the empty text for a field the document does not have).
  std::string_view field_text(std::size_t v) const {
    const std::size_t decl = field_order_[v % nf_];
    const SearchDocument& doc = docs_[v / nf_];
    return decl < doc.fields.size() ? std::string_view(doc.fields[decl]) : std::string_view();
  }

  // A posting of the field vector being merged: its term and packed positions' size (the positions
  // themselves join vpos_ after the vector's postings; their count is the term's occurrences).
  void add_posting(std::uint32_t term, std::uint32_t position_bytes) {
    vterm_.push_back(term);
    const std::uint64_t end = static_cast<std::uint64_t>(vpos_first_.back()) + position_bytes;
    if (end > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("search index: too many positions");
    vpos_first_.push_back(static_cast<std::uint32_t>(end));
  }

  // Field vector v, its postings and positions merged, of `length` tokens.
  void close_vector(std::size_t v, std::uint32_t length) {
    vstart_[v + 1] = static_cast<std::uint32_t>(vterm_.size());
    length_[v] = length;
    total_length_[v % nf_] += length;
    total_tokens_ += length;
  }

  // Field vector v, whose text is field vector `earlier`'s, joins the index's arrays as a copy of it.
  void repeat_vector(std::size_t v, std::size_t earlier) {
    const std::uint32_t first = vstart_[earlier], stop = vstart_[earlier + 1];
    for (std::uint32_t g = first; g < stop; ++g) add_posting(vterm_[g], vpos_first_[g + 1] - vpos_first_[g]);
    // Its positions lie together, in the order of its postings.
    const std::size_t from = vpos_first_[first], to = vpos_first_[stop];
    vpos_.resize(vpos_.size() + (to - from));
    std::copy(vpos_.begin() + from, vpos_.begin() + to, vpos_.end() - (to - from));
    close_vector(v, length_[earlier]);
  }

  // Postings as one array per field (CSR): for term t, field f, the field vectors holding it, in
  // document order; their positions moved into the same order.
  void group_postings() {
    const std::size_t n_terms = term_text_.size();
    start_.assign(nf_, {});
    hits_.assign(nf_, {});
    pos_start_.assign(nf_, {});
    pos_.assign(nf_, {});
    // A field at a time, its documents cut into as many runs as there are cores (the body field
    // holds most postings): each run counts its terms, then puts its hits after those of the runs
    // before it, so that every term's hits stay in document order.
    const std::size_t n_docs = docs_.size();
    const std::size_t runs = std::max<std::size_t>(1, std::min(worker_count(), n_docs));
    std::vector<std::vector<std::uint32_t>> count(runs), first_slot(runs);
    for (std::size_t fo = 0; fo < nf_; ++fo) {
      auto vectors_of = [&](std::size_t r, auto&& each) {
        for (std::size_t d = n_docs * r / runs, stop = n_docs * (r + 1) / runs; d < stop; ++d) each(d * nf_ + fo);
      };
      parallel_for(runs, [&](std::size_t r) {
        count[r].assign(n_terms, 0);
        vectors_of(r, [&](std::size_t v) {
          for (std::size_t g = vstart_[v]; g < vstart_[v + 1]; ++g) ++count[r][vterm_[g]];
        });
      });
      // start[t]: where term t's hits begin; count[r][t] becomes where run r puts its first one.
      std::vector<std::uint32_t>& start = start_[fo];
      start.assign(n_terms + 1, 0);
      for (std::size_t t = 0; t < n_terms; ++t) {
        std::uint32_t at = start[t];
        for (std::size_t r = 0; r < runs; ++r) {
          const std::uint32_t here = count[r][t];
          count[r][t] = at;
          at += here;
        }
        start[t + 1] = at;
      }
      std::vector<Hit>& hits = hits_[fo];
      hits.resize(start[n_terms]);
      std::vector<std::uint32_t>& off = pos_start_[fo];
      off.assign(hits.size() + 1, 0);
      // Each run places its hits twice, the same way from the same first slots: once for the
      // documents and the positions' sizes, once (after the sizes are summed) to move the
      // positions; a map from posting to hit would weigh 4 bytes a posting (36 MB at 10,000 pages).
      for (std::size_t r = 0; r < runs; ++r) first_slot[r] = count[r];
      parallel_for(runs, [&](std::size_t r) {
        std::vector<std::uint32_t>& fill = count[r];
        vectors_of(r, [&](std::size_t v) {
          for (std::size_t g = vstart_[v]; g < vstart_[v + 1]; ++g) {
            const std::uint32_t h = fill[vterm_[g]]++;
            hits[h] = static_cast<Hit>(v / nf_);
            off[h + 1] = vpos_first_[g + 1] - vpos_first_[g];
          }
        });
      });
      // The positions move into the hits' order, so that printing a term reads them straight on.
      for (std::size_t h = 1; h < off.size(); ++h) off[h] += off[h - 1];
      pos_[fo].resize(off.back());
      parallel_for(runs, [&](std::size_t r) {
        std::vector<std::uint32_t>& fill = first_slot[r];
        vectors_of(r, [&](std::size_t v) {
          for (std::size_t g = vstart_[v]; g < vstart_[v + 1]; ++g)
            std::copy(vpos_.begin() + vpos_first_[g], vpos_.begin() + vpos_first_[g + 1],
                      pos_[fo].begin() + off[fill[vterm_[g]]++]);
        });
      });
    }
    vpos_ = {};
    vpos_first_ = {};
  }

  void compute_numbers() {
    const std::size_t n_terms = term_text_.size();
    const double n_docs = static_cast<double>(docs_.size());
    avg_length_.resize(nf_);
    for (std::size_t fo = 0; fo < nf_; ++fo) avg_length_[fo] = total_length_[fo] / n_docs;
    // Per document, one cache line (for up to 7 fields): the length normalisation of BM25 of each
    // of its field vectors (lunr's 1 - b + b * length / average), then its boost. Every weight
    // reads the two, and a term's documents lie anywhere.
    doc_stride_ = (nf_ + 1 + 7) / 8 * 8;
    doc_numbers_.assign(docs_.size() * doc_stride_, 0.0);
    for (std::size_t v = 0; v < length_.size(); ++v)
      doc_numbers_[v / nf_ * doc_stride_ + v % nf_] = (1 - b) + b * (static_cast<double>(length_[v]) / avg_length_[v % nf_]);
    for (std::size_t d = 0; d < docs_.size(); ++d) doc_numbers_[d * doc_stride_ + nf_] = lunr_boost(docs_[d].boost);
    field_boost_.resize(nf_);
    for (std::size_t fo = 0; fo < nf_; ++fo) field_boost_[fo] = lunr_boost(fields_[field_order_[fo]].boost);
    idf_.resize(n_terms);
    for (std::size_t t = 0; t < n_terms; ++t) {
      std::size_t df = 0;
      for (std::size_t fo = 0; fo < nf_; ++fo) df += start_[fo][t + 1] - start_[fo][t];
      const double dfd = static_cast<double>(df);
      const double x = (n_docs - dfd + 0.5) / (dfd + 0.5);
      // glibc's log, correctly rounded, differs from V8's Math.log (fdlibm) in the last bit for a
      // few arguments; after rounding the weight to thousandths that almost never shows (the
      // parity tests compare kijun's index with lunr's own byte for byte).
      idf_[t] = std::log(1 + std::fabs(x));
    }
    order_.resize(n_terms);
    for (std::uint32_t t = 0; t < order_.size(); ++t) order_[t] = t;
    std::sort(order_.begin(), order_.end(),
              [&](std::uint32_t x, std::uint32_t y) { return compare_utf16(term_text_[x], term_text_[y]) < 0; });
  }

  // Per document: does its ref come first in JS key order? And field names and refs as JSON
  // strings, escaped once.
  void prepare_keys() {
    ref_is_index_.resize(docs_.size());
    for (std::size_t d = 0; d < docs_.size(); ++d) {
      ref_is_index_[d] = is_array_index_key(docs_[d].ref);
      any_index_ref_ = any_index_ref_ || ref_is_index_[d];
    }
    field_is_index_.resize(nf_);
    field_key_.resize(nf_);
    for (std::size_t fo = 0; fo < nf_; ++fo) {
      field_is_index_[fo] = is_array_index_key(field_name(fo));
      append_json_string(field_key_[fo], field_name(fo));
    }
    ref_key_.resize(docs_.size());
    for (std::size_t d = 0; d < docs_.size(); ++d) {
      append_json_string(ref_key_[d], docs_[d].ref);
      longest_ref_ = std::max(longest_ref_, ref_key_[d].size());
    }
  }

  // The hits of term `t` in field `fo` in the order lunr's posting lists their documents:
  // document order, except that refs JS enumerates first (array indexes) come first, ascending.
  // Hit `i` of [start, end) is `sorted[i - start]`, or `i` itself when `sorted` is left empty.
  void posting_order(std::size_t fo, std::uint32_t t, std::vector<std::uint32_t>& sorted) const {
    sorted.clear();
    if (!any_index_ref_) return;
    const std::vector<Hit>& hits = hits_[fo];
    for (std::uint32_t h = start_[fo][t]; h < start_[fo][t + 1]; ++h) sorted.push_back(h);
    auto doc_of = [&](std::uint32_t h) { return hits[h]; };
    std::stable_sort(sorted.begin(), sorted.end(), [&](std::uint32_t x, std::uint32_t y) {
      const bool ix = ref_is_index_[doc_of(x)], iy = ref_is_index_[doc_of(y)];
      if (ix != iy) return ix;
      if (!ix) return false;
      return array_index_value(docs_[doc_of(x)].ref) < array_index_value(docs_[doc_of(y)].ref);
    });
  }

  // The stored weight of term `t` in field `fo` of document `doc`, which holds it `tf` times, in
  // thousandths: lunr stores Math.round(w * 1000) / 1000.
  double weight_thousandths(std::size_t fo, std::size_t doc, std::uint32_t tf, std::uint32_t t) const {
    const double tfd = static_cast<double>(tf);
    const double* numbers = &doc_numbers_[doc * doc_stride_];
    double score = (idf_[t] * ((k1 + 1) * tfd)) / (k1 * numbers[fo] + tfd);
    score *= field_boost_[fo];
    score *= numbers[nf_];
    return js_round(score * 1000);
  }

  const std::vector<SearchField>& fields_;
  const std::vector<SearchDocument>& docs_;
  std::vector<std::size_t> field_order_;
  std::size_t nf_ = 0;
  // Field vector v is field v % nf_ of document v / nf_: its postings are [vstart_[v], vstart_[v+1])
  // of vterm_ (term id), their packed positions [vpos_first_[g], vpos_first_[g+1]) of vpos_ until
  // they move into pos_. order_field_vectors() puts each vector's postings in term order, with
  // their occurrences in vtf_.
  std::vector<std::uint32_t> vstart_, vterm_, vtf_, vpos_first_;
  std::vector<unsigned char> vpos_;
  std::vector<std::string> term_text_;
  std::vector<double> total_length_, avg_length_, idf_, field_boost_;
  std::vector<double> doc_numbers_;  // per document, doc_stride_ numbers: see compute_numbers()
  std::size_t doc_stride_ = 0;
  std::size_t total_tokens_ = 0, total_postings_ = 0;
  std::vector<std::vector<std::uint32_t>> start_;
  std::vector<std::vector<Hit>> hits_;
  // Per field, the packed positions of the hits in the hits' order, and where each hit's begin
  // (CSR over hits_): what write_term prints, laid out as it prints it.
  std::vector<std::vector<std::uint32_t>> pos_start_;
  std::vector<std::vector<unsigned char>> pos_;
  std::vector<std::uint32_t> length_;  // field vector -> its tokens
  std::vector<std::uint32_t> order_;  // terms in UTF-16 order
  std::vector<bool> ref_is_index_, field_is_index_;
  bool any_index_ref_ = false;
  std::vector<std::string> field_key_, ref_key_;
  std::size_t longest_ref_ = 0;  // of ref_key_
};

// Items [0, n) written on every core, comma-separated (parallel_chunks), joined in order;
// `bytes(from, to)` is about what items [from, to) take.
std::vector<std::string> in_chunks(std::size_t n, const std::function<void(std::string&, std::size_t)>& item,
                                   const std::function<std::size_t(std::size_t, std::size_t)>& bytes) {
  return parallel_chunks(
      n,
      [&](std::string& out, std::size_t i) {
        if (i > 0) out.push_back(',');
        item(out, i);
      },
      [&](std::size_t from, std::size_t to) { return bytes(from, to) + (to - from); });
}

}  // namespace

std::string lunr_index_text(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                            const Tokenizer& tokenizer, LunrIndexStats* stats) {
  IndexBuild build(fields, docs, tokenizer);
  build.order_field_vectors();
  // The text is written directly, as JSON.stringify would print lunr's index object, in chunks
  // written in parallel and joined in order, into a string of the exact size (growing one of
  // about 100 MB would copy it).
  const std::vector<std::string> vectors =
      in_chunks(
          build.vector_count(), [&](std::string& o, std::size_t i) { build.write_field_vector(o, i); },
          [&](std::size_t from, std::size_t to) { return build.vector_bytes(from, to); });
  const auto& order = build.term_order();
  const std::vector<std::string> terms =
      in_chunks(
          order.size(), [&](std::string& o, std::size_t i) { build.write_term(o, order[i]); },
          [&](std::size_t from, std::size_t to) { return build.term_bytes(from, to); });
  std::string out;
  std::size_t size = 1024;
  for (const std::string& part : vectors) size += part.size();
  for (const std::string& part : terms) size += part.size();
  for (std::size_t fo = 0; fo < build.field_count(); ++fo) size += build.field_name(fo).size() * 6 + 3;
  out.reserve(size);
  advise_huge_pages(out.data(), out.capacity());
  out += "{\"version\":\"2.3.9\",\"fields\":[";
  for (std::size_t fo = 0; fo < build.field_count(); ++fo) {
    if (fo > 0) out.push_back(',');
    append_json_string(out, build.field_name(fo));
  }
  out += "],\"fieldVectors\":[";
  for (const std::string& part : vectors) out += part;
  out += "],\"invertedIndex\":[";
  for (const std::string& part : terms) out += part;
  out += "],\"pipeline\":[]}";
  build.fill_stats(stats);
  return out;
}

LunrShards lunr_index_shards(const std::vector<SearchField>& fields, std::vector<SearchDocument> docs,
                             const Tokenizer& tokenizer, std::size_t shard_bytes,
                             const std::function<void(std::size_t, std::string&&)>& sink, LunrIndexStats* stats,
                             const ShardScript* script) {
  IndexBuild build(fields, docs, tokenizer);
  // Printing the terms needs neither the texts nor the field vectors (shards carry their weights):
  // at 10,000 pages they are some 250 MB.
  for (SearchDocument& d : docs) d.fields = {};
  build.drop_field_vectors();
  LunrShards shards;
  for (std::size_t fo = 0; fo < build.field_count(); ++fo) shards.fields.push_back(build.field_name(fo));
  const auto& order = build.term_order();
  for (std::uint32_t t : order) shards.terms.push_back(build.term_text(t));
  // Terms are written a block at a time on every core, then cut, in order, into shards of about
  // shard_bytes (a term is never split; a term larger than that is a shard of its own).
  std::string shard;
  std::size_t json_bytes = 0;  // of the shard being put together (0: none), before any "</" was escaped: where it is cut
  auto flush = [&] {
    shard.push_back(']');
    if (script) shard += script->after;
    sink(shards.first.size() - 1, std::move(shard));
    shard.clear();
    // Room for the next, which then does not grow by halves (at most 4 MiB: shards can be set large).
    shard.reserve(std::min<std::size_t>(shard_bytes + shard_bytes / 8, 4u << 20));
    json_bytes = 0;
  };
  // A block holds a few hundred terms, fewer when they are large: terms that sort together can be
  // the largest of all (the hiragana bigrams of a Japanese text).
  const std::size_t block = std::max<std::size_t>(64, worker_count() * 256);
  const std::size_t block_bytes = std::max<std::size_t>(shard_bytes, 16u << 20);
  std::vector<std::string> text(block);
  std::vector<std::size_t> text_bytes(block);  // each entry's JSON bytes, before escaping
  for (std::size_t from = 0, count = 0; from < order.size(); from += count) {
    std::size_t bytes = 0;
    for (count = 0; from + count < order.size() && count < block && (count == 0 || bytes < block_bytes); ++count)
      bytes += build.estimated_bytes(order[from + count]);
    parallel_for(count, [&](std::size_t i) {
      build.write_shard_term(text[i], order[from + i]);
      text_bytes[i] = text[i].size();
      // "</" cannot span two entries (each starts with '[' and follows ',' or '['), so each is
      // made safe for a script on its own.
      if (script && text[i].find("</") != std::string::npos) {
        std::string safe;
        append_script_safe(safe, text[i]);
        text[i] = std::move(safe);
      }
    });
    for (std::size_t i = 0; i < count; ++i) {
      if (json_bytes > 0 && json_bytes + text_bytes[i] > shard_bytes) flush();
      if (json_bytes == 0) {
        shards.first.push_back(from + i);
        if (script) shard += script->before(shards.first.size() - 1);
        shard.push_back('[');
        json_bytes = 1;
      } else {
        shard.push_back(',');
        ++json_bytes;
      }
      shard += text[i];
      json_bytes += text_bytes[i];
      text[i] = {};  // a slot would keep the room of the largest term it ever held
    }
  }
  if (json_bytes > 0) flush();
  build.fill_stats(stats);
  return shards;
}

// ---- serialisation ------------------------------------------------------------------------------

namespace {

void write_number_float(std::string& out, double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e12) {
    const double scaled = v * 1000;
    const long long k = std::llround(scaled);
    if (static_cast<double>(k) / 1000 == v) {  // a stored weight: exact k / 1000
      append_thousandths(out, k);
      return;
    }
  }
  out += js_number_to_string(v);
}

void write(std::string& out, const ojson& j) {
  switch (j.type()) {
    case ojson::value_t::null: out += "null"; break;
    case ojson::value_t::boolean: out += j.get<bool>() ? "true" : "false"; break;
    case ojson::value_t::number_integer: out += std::to_string(j.get<std::int64_t>()); break;
    case ojson::value_t::number_unsigned: out += std::to_string(j.get<std::uint64_t>()); break;
    case ojson::value_t::number_float: write_number_float(out, j.get<double>()); break;
    case ojson::value_t::string: append_json_string(out, j.get_ref<const std::string&>()); break;
    case ojson::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const ojson& e : j.get_ref<const ojson::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        write(out, e);
      }
      out.push_back(']');
      break;
    }
    case ojson::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : j.get_ref<const ojson::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, k);
        out.push_back(':');
        write(out, v);
      }
      out.push_back('}');
      break;
    }
    case ojson::value_t::binary:
    case ojson::value_t::discarded:
    default: throw std::invalid_argument("serialize_lunr_index: value not representable in JSON");
  }
}

}  // namespace

std::string serialize_lunr_index(const ojson& index) {
  std::string out;
  out.reserve(1 << 16);
  write(out, index);
  return out;
}

}  // namespace kijun
