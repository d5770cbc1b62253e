# Channelbase — build, run, test, bench.
#   make            build the web UI (web/, Vite) and ./channelbase with it embedded
#                   (release, warnings are errors)
#   make SAN=1      build build/san/channelbase with AddressSanitizer + UBSan
#   make run        install missing packages, build, create a demo database, serve on :8080
#   make test       unit tests (cmocka; release and sanitizer builds), web component tests
#                   (vitest), API tests (node --test) and browser tests (tests/browser/)
#                   against the sanitizer build
#   make bench      load figures next to a bare-libmicrohttpd ceiling measured in the same run
#   make deps       install missing Debian packages (idempotent)
#   make check      formatting and banned-call checks

SAN ?= 0
CC ?= cc
PKGS := libmicrohttpd jansson sqlite3 libpq libsodium
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

ifeq ($(SAN),1)
BUILD := build/san
OPTFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD := build/rel
OPTFLAGS := -O2 -g
# mimalloc serves every malloc of the release binary (src/base/alloc.c says why); it is
# linked before the C library, and kept even where the linker drops unreferenced libraries.
ALLOC_LIBS := -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
ALLOC_FLAGS := -DCB_MIMALLOC
endif

CFLAGS_PKG = $(shell pkg-config --cflags $(PKGS))
LIBS_PKG = $(shell pkg-config --libs $(PKGS))
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS += -std=c17 -D_DEFAULT_SOURCE -Isrc $(WARN) $(OPTFLAGS) $(CFLAGS_PKG) -MMD -MP \
	  -DCB_VERSION='"$(VERSION)"' $(ALLOC_FLAGS)
LDFLAGS += $(OPTFLAGS)
LDLIBS += $(ALLOC_LIBS) $(LIBS_PKG) -lcsv -lm -lpthread

SRC := $(sort $(wildcard src/base/*.c src/store/*.c src/core/*.c src/http/*.c src/api/*.c src/cli/*.c))
OBJ := $(SRC:%.c=$(BUILD)/obj/%.o)
SCHEMA := $(sort $(wildcard src/store/schema/*/*.sql))
GEN := $(BUILD)/gen/schema.c $(BUILD)/gen/docs.c $(BUILD)/gen/web.c
GENOBJ := $(GEN:%.c=%.o)
LIBOBJ := $(OBJ) $(GENOBJ)
BIN := $(BUILD)/channelbase

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test unit api-test web-test browser-test bench check format clean san
all: $(BIN)
ifeq ($(SAN),0)
all: channelbase
channelbase: $(BIN)
	cp $(BIN) channelbase.tmp && mv channelbase.tmp channelbase
endif

$(BIN): $(LIBOBJ) $(BUILD)/obj/src/main.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/schema.c: $(BUILD)/tools/embed $(SCHEMA)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_schema src/store/schema $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/docs.c: $(BUILD)/tools/embed docs/openapi.json
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_docs docs docs/openapi.json > $@.tmp && mv $@.tmp $@

# ---- the web UI ---------------------------------------------------------------------
# `npm ci` runs when the lockfile changes; `npm run build` (tsc, vite build, then .gz/.br
# siblings by web/scripts/compress.mjs) when any input of the build changes. Both record
# success in a stamp, so a failed step runs again next time. web/dist/ is then embedded
# whole (its names are content-hashed, so the file list is read at recipe time) with
# `embed --incbin`: the assembler reads the files, nothing is printed as C.
WEB_MODULES := web/node_modules/.cb-stamp
WEB_BUILT := web/dist/.cb-built
WEB_INPUTS := $(shell find web/src web/scripts web/public -type f 2>/dev/null) \
	$(wildcard web/index.html web/vite.config.ts web/tsconfig.json web/package.json)

# A registry that lacks other platforms' optional packages (e.g. @rollup/rollup-darwin-*)
# makes `npm ci` refuse a lockfile written against it; then the locked versions are
# installed by `npm install --no-save`, which never rewrites the lockfile.
$(WEB_MODULES): web/package-lock.json
	cd web && { npm ci --no-audit --no-fund || { \
		echo "web: npm ci refused the lockfile; installing its versions with npm install --no-save"; \
		npm install --no-save --no-audit --no-fund; }; }
	touch $@

$(WEB_BUILT): $(WEB_MODULES) web/package-lock.json $(WEB_INPUTS)
	cd web && npm run build
	touch $@

$(BUILD)/gen/web.c: $(BUILD)/tools/embed $(WEB_BUILT)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed --incbin embedded_web web/dist \
		$$(find web/dist -type f ! -path 'web/dist/.*' ! -name '.*' | LC_ALL=C sort) > $@.tmp && mv $@.tmp $@

# The compiler's dependency list does not see .incbin: the object follows the build.
$(BUILD)/gen/web.o: $(WEB_BUILT)

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Wno-missing-prototypes -o $@ $< $(LIBOBJ) \
		$(LDFLAGS) $(LDLIBS) $(shell pkg-config --libs cmocka)

-include $(OBJ:.o=.d) $(BUILD)/obj/src/main.d

# ---- set-up -------------------------------------------------------------------------
deps:
	@sh tools/deps.sh

DB ?= ./data/channelbase.db
run: deps
	@$(MAKE) --no-print-directory all
	@if [ ! -f "$(DB)" ]; then ./channelbase init --db "$(DB)" && ./channelbase demo --db "$(DB)" --partners 300; fi
	./channelbase serve --db "$(DB)"

# ---- tests --------------------------------------------------------------------------
san:
	@$(MAKE) --no-print-directory SAN=1 build/san/channelbase unit-bins

unit-bins: $(UNIT_BIN)

unit: unit-bins
	@fail=0; for t in $(UNIT_BIN); do echo "== $$t"; $$t || fail=1; done; exit $$fail

# The API suite runs once per backend: SQLite files, then databases on a private
# PostgreSQL server that tests/with-pg.sh starts for the run and stops afterwards.
api-test:
	CHANNELBASE_BIN=$(abspath $(BIN)) node --test --test-concurrency=2 tests/api/
	CHANNELBASE_BIN=$(abspath $(BIN)) CHANNELBASE_TEST_BACKEND=pg tests/with-pg.sh \
		node --test --test-concurrency=2 tests/api/

# Component tests of the web UI (vitest + jsdom); quick, so they run before the API suite.
web-test: $(WEB_MODULES)
	cd web && npx vitest run

# Browser tests (playwright-core from web/node_modules driving Debian's chromium) against
# the real binary. Skipped when there is no tests/browser/.
browser-test: $(WEB_MODULES)
	@if [ -d tests/browser ]; then \
		echo "CHANNELBASE_BIN=$(abspath $(BIN)) node --test tests/browser/"; \
		CHANNELBASE_BIN=$(abspath $(BIN)) node --test tests/browser/; \
	else \
		echo "browser-test: no tests/browser/, skipped"; \
	fi

# The unit suites run twice: on the release build (what ships, with mimalloc and -O2) and
# under AddressSanitizer + UBSan, which the API and browser suites use too.
test: all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory SAN=1 build/san/channelbase unit-bins
	@$(MAKE) --no-print-directory SAN=1 unit
	@$(MAKE) --no-print-directory web-test
	@$(MAKE) --no-print-directory SAN=1 api-test
	@$(MAKE) --no-print-directory SAN=1 browser-test

# ---- fuzzing (libFuzzer via clang; not part of `make test`) ---------------------------
# Each fuzz/fuzz_<name>.c is linked with the parsers it drives, compiled by clang into
# build/fuzz/, and run for FUZZ_SECONDS from its seeds in fuzz/corpus/<name>/ (with
# fuzz/<name>.dict when present). New inputs go to build/fuzz/corpus/<name>/, crashes to
# build/fuzz/crash-*.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS := -std=c17 -D_DEFAULT_SOURCE -Isrc $(WARN) -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	$(shell pkg-config --cflags jansson) -MMD -MP
FUZZ_LIB_SRC := src/base/arena.c src/base/clock.c src/base/errors.c src/base/jsonv.c \
	src/base/str.c src/base/normalize.c src/base/sniff.c src/base/csvin.c src/http/router.c
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_NAMES := $(patsubst fuzz/%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_BIN := $(FUZZ_NAMES:%=build/fuzz/%)

.PHONY: fuzz fuzz-bins
.SECONDARY: $(FUZZ_LIB_OBJ)
build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) \
		$(shell pkg-config --libs jansson) -lcsv

fuzz-bins: $(FUZZ_BIN)

fuzz: fuzz-bins
	@for n in $(FUZZ_NAMES); do \
		echo "== $$n ($(FUZZ_SECONDS) s)"; \
		mkdir -p build/fuzz/corpus/$$n; \
		dict=; [ -f fuzz/$$n.dict ] && dict=-dict=fuzz/$$n.dict; \
		build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$dict \
			-artifact_prefix=build/fuzz/ build/fuzz/corpus/$$n fuzz/corpus/$$n || exit 1; \
	done

-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BIN:%=%.d)

# ---- performance ---------------------------------------------------------------------
bench: all
	@sh bench/run.sh
	@tests/with-pg.sh sh bench/pg.sh

# ---- style ---------------------------------------------------------------------------
check:
	@sh tools/check.sh

format:
	clang-format -i $(SRC) src/main.c $(wildcard src/*/*.h) $(UNIT_SRC) tools/embed.c

clean:
	rm -rf build channelbase web/dist

# docs/openapi.json is generated from tools/openapi.py (checked against the route table by
# tests/unit/test_openapi.c).
openapi:
	python3 tools/openapi.py > docs/openapi.json.tmp && mv docs/openapi.json.tmp docs/openapi.json
