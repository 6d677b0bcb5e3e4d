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
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "base/utf8.h"

namespace kijun {

// ---- JS numerics -------------------------------------------------------------------------------

namespace {}  // namespace

double js_round(double x) {
  if (!std::isfinite(x)) return x;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1.0;  // exact: |x| < 2^52 here or x is already an integer
  if (r == 0.0 && std::signbit(x)) return -0.0;
  return r;
}

std::string thousandths_to_string(long long k) {
  std::string out;
  unsigned long long a;
  if (k < 0) {
    out.push_back('-');
    a = static_cast<unsigned long long>(-(k + 1)) + 1;
  } else {
    a = static_cast<unsigned long long>(k);
  }
  out += std::to_string(a / 1000);
  unsigned frac = static_cast<unsigned>(a % 1000);
  if (frac != 0) {
    char d[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                 static_cast<char>('0' + frac % 10), 0};
    int len = 3;
    while (d[len - 1] == '0') --len;
    out.push_back('.');
    out.append(d, len);
  }
  if (out == "-0") return "0";
  return out;
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

void append_json_string(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      char32_t cp;
      const std::size_t next = utf8::decode(s, i, cp);
      if (cp == utf8::kInvalid)
        out += "\xEF\xBF\xBD";  // U+FFFD, as a browser would decode the bytes
      else
        out.append(s.data() + i, next - i);
      i = next;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

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
using Container = ojson::object_t::Container;

// Appends a key that is known to be new (skips ordered_map's linear duplicate search).
void put(ojson& obj, std::string key, ojson value) {
  static_cast<Container&>(obj.get_ref<ojson::object_t&>()).emplace_back(std::move(key), std::move(value));
}

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

struct Posting {
  std::uint32_t doc;
  std::vector<std::uint32_t> pos;  // start, length, start, length, ...
};

struct FieldVector {
  std::uint32_t doc;
  std::uint32_t field;  // position in the effective field order
  std::uint32_t length = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries;  // (term id, posting index)
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

ojson build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                       const Tokenizer& tokenizer) {
  return build_lunr_index(fields, docs, tokenizer, nullptr);
}

ojson build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                       const Tokenizer& tokenizer, LunrIndexStats* stats) {
  constexpr double k1 = 1.2, b = 0.75;

  // Validate.
  {
    std::unordered_set<std::string> names;
    for (const SearchField& f : fields) {
      if (f.name.find('/') != std::string::npos)
        throw std::invalid_argument("search field name contains '/': " + f.name);
      if (!names.insert(f.name).second) throw std::invalid_argument("duplicate search field name: " + f.name);
    }
    std::unordered_set<std::string_view> refs;
    for (const SearchDocument& d : docs) {
      if (!refs.insert(d.ref).second) throw std::invalid_argument("duplicate search document ref: " + d.ref);
      if (d.fields.size() > fields.size())
        throw std::invalid_argument("search document has more field values than fields: " + d.ref);
    }
  }

  // lunr keeps fields in an object: JS key order decides the effective field order.
  const std::vector<std::size_t> field_order =
      js_key_order(fields.size(), [&](std::size_t i) -> std::string_view { return fields[i].name; });
  const std::size_t nf = field_order.size();

  // Pass 1: tokenize, assign _index by first occurrence, collect postings with positions.
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> term_ids;
  std::vector<std::string> term_text;
  std::vector<std::vector<std::vector<Posting>>> postings;  // [term][field] -> postings in doc order
  std::vector<FieldVector> vectors;
  vectors.reserve(docs.size() * nf);
  std::vector<double> total_length(nf, 0.0);
  std::size_t total_tokens = 0, total_postings = 0;

  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    for (std::uint32_t fo = 0; fo < nf; ++fo) {
      const std::size_t decl = field_order[fo];
      FieldVector fv{d, fo, 0, {}};
      if (decl < docs[d].fields.size()) {
        std::vector<Token> toks = tokenizer.tokenize(docs[d].fields[decl]);
        fv.length = static_cast<std::uint32_t>(toks.size());
        for (Token& t : toks) {
          auto it = term_ids.find(t.term);
          std::uint32_t id;
          if (it == term_ids.end()) {
            id = static_cast<std::uint32_t>(term_text.size());
            term_ids.emplace(t.term, id);
            term_text.push_back(std::move(t.term));
            postings.emplace_back(nf);
          } else {
            id = it->second;
          }
          std::vector<Posting>& list = postings[id][fo];
          if (list.empty() || list.back().doc != d) {
            list.push_back({d, {}});
            fv.entries.emplace_back(id, static_cast<std::uint32_t>(list.size() - 1));
            ++total_postings;
          }
          list.back().pos.push_back(static_cast<std::uint32_t>(t.start));
          list.back().pos.push_back(static_cast<std::uint32_t>(t.length));
        }
      }
      total_length[fo] += fv.length;
      total_tokens += fv.length;
      vectors.push_back(std::move(fv));
    }
  }

  const double n_docs = static_cast<double>(docs.size());
  std::vector<double> avg_length(nf);
  for (std::size_t fo = 0; fo < nf; ++fo) avg_length[fo] = total_length[fo] / n_docs;

  std::vector<double> idf(term_text.size());
  for (std::size_t t = 0; t < term_text.size(); ++t) {
    std::size_t df = 0;
    for (const auto& per_field : postings[t]) df += per_field.size();
    const double dfd = static_cast<double>(df);
    const double x = (n_docs - dfd + 0.5) / (dfd + 0.5);
    // glibc's log, correctly rounded, differs from V8's Math.log (fdlibm) in the last bit for a
    // few arguments; after rounding the weight to thousandths that almost never shows (the
    // parity tests compare kijun's index with lunr's own byte for byte).
    idf[t] = std::log(1 + std::fabs(x));
  }

  ojson index = ojson::object();
  put(index, "version", "2.3.9");
  {
    ojson names = ojson::array();
    for (std::size_t decl : field_order) names.push_back(fields[decl].name);
    put(index, "fields", std::move(names));
  }

  // fieldVectors, in add order.
  {
    ojson arr = ojson::array();
    auto& vec = arr.get_ref<ojson::array_t&>();
    vec.reserve(vectors.size());
    for (FieldVector& fv : vectors) {
      const SearchField& field = fields[field_order[fv.field]];
      const SearchDocument& doc = docs[fv.doc];
      const double field_boost = lunr_boost(field.boost), doc_boost = lunr_boost(doc.boost);
      std::sort(fv.entries.begin(), fv.entries.end());
      ojson elements = ojson::array();
      auto& ev = elements.get_ref<ojson::array_t&>();
      ev.reserve(fv.entries.size() * 2);
      const double len = static_cast<double>(fv.length);
      for (const auto& [term, pidx] : fv.entries) {
        const double tf = static_cast<double>(postings[term][fv.field][pidx].pos.size() / 2);
        const double norm = (1 - b) + b * (len / avg_length[fv.field]);
        double score = (idf[term] * ((k1 + 1) * tf)) / (k1 * norm + tf);
        score *= field_boost;
        score *= doc_boost;
        const double stored = js_round(score * 1000) / 1000;
        ev.emplace_back(static_cast<std::uint64_t>(term));
        ev.emplace_back(stored);
      }
      ojson pair = ojson::array();
      auto& pv = pair.get_ref<ojson::array_t&>();
      pv.emplace_back(field.name + "/" + doc.ref);
      pv.push_back(std::move(elements));
      vec.push_back(std::move(pair));
    }
    put(index, "fieldVectors", std::move(arr));
  }

  // invertedIndex, terms in UTF-16 order.
  {
    std::vector<std::uint32_t> order(term_text.size());
    for (std::uint32_t t = 0; t < order.size(); ++t) order[t] = t;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t x, std::uint32_t y) { return compare_utf16(term_text[x], term_text[y]) < 0; });
    // Per document: does its ref come first in JS key order?
    std::vector<bool> ref_is_index(docs.size());
    bool any_index_ref = false;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      ref_is_index[d] = is_array_index_key(docs[d].ref);
      any_index_ref = any_index_ref || ref_is_index[d];
    }
    std::vector<bool> field_is_index(nf);
    for (std::size_t fo = 0; fo < nf; ++fo) field_is_index[fo] = is_array_index_key(fields[field_order[fo]].name);

    ojson arr = ojson::array();
    auto& vec = arr.get_ref<ojson::array_t&>();
    vec.reserve(order.size());
    std::vector<const Posting*> sorted;
    for (std::uint32_t t : order) {
      ojson posting = ojson::object();
      auto emit_field = [&](std::size_t fo) {
        const std::vector<Posting>& list = postings[t][fo];
        sorted.clear();
        for (const Posting& p : list) sorted.push_back(&p);
        if (any_index_ref) {
          std::stable_sort(sorted.begin(), sorted.end(), [&](const Posting* x, const Posting* y) {
            const bool ix = ref_is_index[x->doc], iy = ref_is_index[y->doc];
            if (ix != iy) return ix;
            if (!ix) return false;
            return array_index_value(docs[x->doc].ref) < array_index_value(docs[y->doc].ref);
          });
        }
        ojson by_doc = ojson::object();
        for (const Posting* p : sorted) {
          ojson positions = ojson::array();
          auto& pv = positions.get_ref<ojson::array_t&>();
          pv.reserve(p->pos.size() / 2);
          for (std::size_t k = 0; k < p->pos.size(); k += 2) {
            ojson pair = ojson::array();
            auto& two = pair.get_ref<ojson::array_t&>();
            two.reserve(2);
            two.emplace_back(static_cast<std::uint64_t>(p->pos[k]));
            two.emplace_back(static_cast<std::uint64_t>(p->pos[k + 1]));
            pv.push_back(std::move(pair));
          }
          ojson meta = ojson::object();
          put(meta, "position", std::move(positions));
          put(by_doc, docs[p->doc].ref, std::move(meta));
        }
        put(posting, fields[field_order[fo]].name, std::move(by_doc));
      };
      // lunr creates the posting as {_index, field1, field2, ...}; JS lists array-index keys first.
      for (std::size_t fo = 0; fo < nf; ++fo)
        if (field_is_index[fo]) emit_field(fo);
      put(posting, "_index", static_cast<std::uint64_t>(t));
      for (std::size_t fo = 0; fo < nf; ++fo)
        if (!field_is_index[fo]) emit_field(fo);
      ojson entry = ojson::array();
      auto& ev = entry.get_ref<ojson::array_t&>();
      ev.emplace_back(term_text[t]);
      ev.push_back(std::move(posting));
      vec.push_back(std::move(entry));
    }
    put(index, "invertedIndex", std::move(arr));
  }
  put(index, "pipeline", ojson::array());

  if (stats) {
    stats->documents = docs.size();
    stats->field_vectors = vectors.size();
    stats->terms = term_text.size();
    stats->tokens = total_tokens;
    stats->postings = total_postings;
  }
  return index;
}

// ---- serialisation ------------------------------------------------------------------------------

namespace {

void write_number_float(std::string& out, double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e12) {
    const double scaled = v * 1000;
    const long long k = std::llround(scaled);
    if (static_cast<double>(k) / 1000 == v) {  // a stored weight: exact k / 1000
      out += thousandths_to_string(k);
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
