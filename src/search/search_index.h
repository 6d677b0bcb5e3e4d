// kijun — lunr 2.3.9-compatible serialized search index.
//
// Specification: docs of the project, "lunr 2.3.9 serialized index" (lunr-index-format.md):
// JSON shape §2, BM25 numbers §3, UTF-16 term order, JSON.stringify text conventions §2.7.
// build_lunr_index() produces exactly what lunr's own Builder produces with k1 = 1.2, b = 0.75,
// metadataWhitelist ["position"], empty pipelines and the kijun tokenizer; serialize_lunr_index()
// prints it exactly like JSON.stringify would.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_string.h"

#include "search/tokenizer.h"

namespace kijun {

struct SearchField {
  std::string name;  // must not contain '/', must be unique
  double boost = 1;  // 0 (or NaN) means 1, as in lunr
};

struct SearchDocument {
  std::string ref;                  // unique; may contain '/'
  std::vector<std::string> fields;  // in SearchField order; missing trailing fields = empty
  double boost = 1;                 // 0 (or NaN) means 1, as in lunr
};

/// Figures about one build (optional out-parameter of build_lunr_index).
struct LunrIndexStats {
  std::size_t documents = 0;
  std::size_t field_vectors = 0;
  std::size_t terms = 0;     // distinct terms (= entries of invertedIndex)
  std::size_t tokens = 0;    // occurrences indexed (Σ field lengths)
  std::size_t postings = 0;  // (term, field, document) entries
};

/// Builds the lunr 2.3.9 index exactly as lunr's Builder would (k1 1.2, b 0.75,
/// metadataWhitelist ["position"], pipeline []). Throws std::invalid_argument for a field name
/// containing '/', duplicate field names, duplicate refs, or a document with more field values
/// than fields.
nlohmann::ordered_json build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                                        const Tokenizer& tokenizer);
nlohmann::ordered_json build_lunr_index(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                                        const Tokenizer& tokenizer, LunrIndexStats* stats);

/// The same index as its serialized text, written directly (no JSON tree), with the tokenizing
/// and the writing spread over the cores: what the build and kijun_lunr_emit use. Byte for byte
/// serialize_lunr_index(build_lunr_index(...)).
std::string lunr_index_text(const std::vector<SearchField>& fields, const std::vector<SearchDocument>& docs,
                            const Tokenizer& tokenizer, LunrIndexStats* stats = nullptr);

/// The same index in term shards, for a site too large for one search file. The terms, in the
/// index's (UTF-16) order, are cut into shards of about `shard_bytes` (a term is never split).
/// Each shard is a JSON array of entries [term, _index, F_0, ..., F_{n-1}], one per term: F_f is
/// the posting of the f-th field of LunrShards::fields (the index's effective order, which JS key
/// order may make differ from `fields`') as one flat array of numbers that names
/// documents by their number in `docs` (see IndexBuild::write_shard_term and search-shards.js),
/// and carries the stored field-vector weight of each (field, document). Shards reach
/// `sink(number, text)` one by one, as they are done. Any set of shards, with the documents'
/// refs, gives back a lunr index of their terms (the browser's search-shards.js does it) that
/// scores every document exactly as the whole index does for queries of those terms. The
/// documents' texts are dropped once they are tokenized: pass `docs` with std::move when they are
/// not needed after.
struct LunrShards {
  std::vector<std::string> fields;  ///< in the index's (effective) order
  std::vector<std::string> terms;   ///< every term, in the index's order
  std::vector<std::size_t> first;   ///< per shard: the position in `terms` of its first term
};
/// How each shard's text is wrapped when it reaches the sink: `before(number)`, the JSON text with
/// every "</" written "<\/" (as base/html's append_script_safe writes it), then `after`. Written
/// so as the shard is put together, on every core, instead of copied once more by the sink.
struct ShardScript {
  std::function<std::string(std::size_t)> before;
  std::string after;
};
LunrShards lunr_index_shards(const std::vector<SearchField>& fields, std::vector<SearchDocument> docs,
                             const Tokenizer& tokenizer, std::size_t shard_bytes,
                             const std::function<void(std::size_t, std::string&&)>& sink,
                             LunrIndexStats* stats = nullptr, const ShardScript* script = nullptr);

/// Serialises like JSON.stringify (no whitespace, raw UTF-8, JS number formatting — stored
/// weights come out from their integer thousandths —, JSON.stringify string escapes). Keys are
/// written in the json's own order; invalid UTF-8 in strings is written as U+FFFD.
std::string serialize_lunr_index(const nlohmann::ordered_json& index);

// ---- building blocks, exposed for tests -------------------------------------------------------

/// JS Math.round: nearest integer, halves toward +infinity.
double js_round(double x);
/// Number.prototype.toString() / JSON.stringify of a finite double ("null" for NaN/Infinity).
std::string js_number_to_string(double x);
/// k / 1000 printed like JS (1823 -> "1.823", 2000 -> "2", 150 -> "0.15", -7 -> "-0.007").
std::string thousandths_to_string(long long k);
/// The same, appended to `out`.
void append_thousandths(std::string& out, long long k);
/// Three-way comparison of two UTF-8 strings in UTF-16 code-unit order (JS sort order).
int compare_utf16(std::string_view a, std::string_view b);
/// True for the keys JS enumerates first: canonical decimal integers 0 .. 4294967294.
bool is_array_index_key(std::string_view key);

}  // namespace kijun
