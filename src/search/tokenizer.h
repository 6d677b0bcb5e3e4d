// kijun — Japanese search tokenizer "ja-bigram-v1" (+ kijun folds, stop words and spelling variants).
//
// The identical algorithm is implemented in JavaScript in themes/default/static/js/tokenizer.js;
// both are checked against the shared table tests/data/tokenizer-cases.json. Change both or neither.
//
// Rules (see src/search/tokenizer.cpp for the full statement, including how variants map positions):
//   * input: UTF-8; invalid byte sequences are separators, one UTF-16 unit each (the same count
//     a browser's TextDecoder produces with U+FFFD replacement);
//   * width fold: Unicode NFKC (utf8proc) per character and its marks, then A-Z -> a-z;
//   * stop words (particles, endings, interrogatives) become separators;
//   * kana fold: hiragana -> katakana, small kana -> large, a word-final ー dropped;
//   * spelling variants rewritten to their canonical spelling;
//   * runs of [0-9a-z] -> tokens, cut where letters and digits meet; runs of kana/kanji ->
//     overlapping bigrams (unigram when the run is one character); everything else separates;
//   * positions are [start, length] in UTF-16 code units of the ORIGINAL text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kijun {

/// Version label of the tokenizer rules; the JS tokenizer and the shared test table carry the same.
inline constexpr const char* kTokenizerVersion = "ja-bigram-v1+kijun-fold-2";

/// One token: the folded term and its [start, length] in UTF-16 code units of the ORIGINAL text.
struct Token {
  std::string term;
  std::size_t start;
  std::size_t length;
  bool operator==(const Token&) const = default;
};

/// The tokens of one text, packed: the terms' bytes one after another in `bytes`, and per token
/// where its term ends there and its position. tokenize_into() clears and refills it, so that a
/// list kept from text to text tokenizes without allocating once its buffers have grown (the
/// index builder's way: 22 million tokens at 10,000 pages, none of them a string of its own).
struct TokenList {
  struct Item {
    std::uint32_t end;     // where the term ends in `bytes`
    std::uint32_t start;   // UTF-16 start in the original text
    std::uint32_t length;  // UTF-16 length
  };
  std::string bytes;
  std::vector<Item> items;
  std::size_t size() const { return items.size(); }
  std::string_view term(std::size_t k) const {
    const std::uint32_t begin = k == 0 ? 0 : items[k - 1].end;
    return std::string_view(bytes).substr(begin, items[k].end - begin);
  }
};

/// Pairs of equivalent spellings, e.g. {"ウェブ会議", {"Web会議"}}: the variant spellings are
/// rewritten to the canonical one before tokenizing, at index and at query time.
struct VariantGroup {
  std::string canonical;
  std::vector<std::string> variants;
};

class Tokenizer {
 public:
  explicit Tokenizer(std::vector<VariantGroup> variants = {}, std::vector<std::string> stop_words = {});

  /// ja-bigram-v1 + NFKC and kana folds + stop words + variants. Never throws on bad UTF-8.
  std::vector<Token> tokenize(std::string_view utf8) const;
  /// The same tokens, into `out` (cleared first). Throws std::length_error for a text of 4 GiB
  /// or more (positions are kept in 32 bits).
  void tokenize_into(std::string_view utf8, TokenList& out) const;

  /// The variant groups as given to the constructor.
  const std::vector<VariantGroup>& variants() const { return groups_; }
  /// The stop words as given to the constructor.
  const std::vector<std::string>& stop_words() const { return stop_words_; }

  /// One compiled spelling (implementation detail, public for tests): `from` is replaced by
  /// `to` (both folded); `prefix`/`suffix` = lengths of their common head and tail.
  struct Rule {
    std::u32string from;
    std::u32string to;
    std::size_t prefix = 0;
    std::size_t suffix = 0;
  };
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<VariantGroup> groups_;
  std::vector<std::string> stop_words_;
  std::vector<Rule> rules_;  // sorted by first code point, then longest first
  std::vector<Rule> stops_;  // stop words (`to` empty), sorted the same way
  // Bit c set: some rule (stop word) starts with the BMP code point c; above the BMP every code
  // point is looked up. Most code points start none, and are passed without a search.
  std::vector<std::uint64_t> rule_starts_, stop_starts_;
};

/// Length of a UTF-8 string in UTF-16 code units, counting each invalid byte sequence
/// (maximal subpart) as one unit, like the string a browser decodes from it.
std::size_t utf16_length(std::string_view utf8);

}  // namespace kijun
