# The two commands of README.md:
#   make site   installs what is missing, builds kijun and builds site/ from content/
#   make test   runs every test: C++ unit and integration tests (CTest) and Node tests (lunr.js, Chromium)

BUILD_DIR ?= build
JOBS ?= 2

.PHONY: site test deps tool bench clean

site: tool
	./$(BUILD_DIR)/kijun build

deps:
	sh tools/install-deps.sh

tool: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: tool
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	node --test tests/node/

bench: tool
	./$(BUILD_DIR)/kijun_bench
	./$(BUILD_DIR)/kijun_index_bench

clean:
	rm -rf $(BUILD_DIR) site
