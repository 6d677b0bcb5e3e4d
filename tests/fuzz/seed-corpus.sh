#!/bin/sh
# Writes the seed corpus of each fuzz target into tests/fuzz/corpus/<target>/ from the real content
# and the test fixtures: every file named seed-<sha1 of its bytes> (duplicates fall together).
# Files with other names (crash-…, regressions kept from earlier findings) are left alone.
# Run from the repository root: sh tests/fuzz/seed-corpus.sh
set -eu
out=tests/fuzz/corpus
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Copies the file "$2" into target "$1"'s corpus under its content hash.
keep() {
  mkdir -p "$out/$1"
  sum=$(sha1sum "$2" | cut -c1-40)
  cp "$2" "$out/$1/seed-$sum"
}

for t in front_matter markdown site_config template edition_record; do
  mkdir -p "$out/$t"
  find "$out/$t" -name 'seed-*' -exec rm -f {} +
done

pages=$(find content tests/fixtures -name '*.md' -type f | LC_ALL=C sort)
for f in $pages; do
  # front matter: the whole file, as a build reads it.
  keep front_matter "$f"
  # markdown: the option byte (0: raw HTML shown as text), then the body after the front matter.
  { printf '\000'; awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$f"; } >"$tmp"
  keep markdown "$tmp"
done

for f in $(find content tests/fixtures -name 'site.yaml' -type f | LC_ALL=C sort); do
  keep site_config "$f"
done

# template: each layout, then every partial of its theme after a NUL byte as "name\ntext".
for theme in themes/default tests/fixtures/sites/minimal-theme; do
  for layout in $(find "$theme/templates" -maxdepth 1 -name '*.mustache' -type f | LC_ALL=C sort); do
    {
      cat "$layout"
      for p in $(find "$theme/templates/partials" -maxdepth 1 -name '*.mustache' -type f 2>/dev/null | LC_ALL=C sort); do
        printf '\000%s\n' "$(basename "$p" .mustache)"
        cat "$p"
      done
    } >"$tmp"
    keep template "$tmp"
  done
done

# edition_record: every published record, as `kijun edition publish` wrote it.
for f in $(find editions tests/fixtures -path '*editions/*.yaml' -type f | LC_ALL=C sort); do
  keep edition_record "$f"
done

for t in front_matter markdown site_config template edition_record; do
  echo "seed-corpus: $t: $(ls "$out/$t" | wc -l) files"
done
