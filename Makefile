# Loopscope developer entry points. On a fresh Debian 12 machine:
#   make run    install dependencies, build, open the app (on the Semaphore scenario)
#   make test   install dependencies, build, run the default test suites

BUILDDIR       ?= _build
ASAN_BUILDDIR  ?= _build-asan
GC_BUILDDIR    ?= _build-gcstress
MESON          ?= meson
NINJA          ?= ninja
SCENARIO       ?= data/scenarios/semaphore.py

# Suites run by `make test`. The shared asyncio corpus runs in suite asyncio when
# ../shared/conformance is there. The gui suite (tests/app) opens real windows, so the
# whole run goes through a headless X server and a private D-Bus session.
TEST_SUITES    ?= lang cli trace asyncio session gui data
TEST_WRAPPER   ?= xvfb-run -a dbus-run-session --
MESON_TEST_ARGS ?=

comma := ,
SUITE_ARGS = $(foreach s,$(TEST_SUITES),--suite $(s))
# Sanitizer and GC-stress runs leave the GUI out: GTK's and fontconfig's one-time
# allocations would drown LeakSanitizer's report.
SANITIZER_SUITE_ARGS = $(foreach s,$(filter-out gui,$(TEST_SUITES)),--suite $(s))

# Sanitizer runs stop at the first report; GLib's one-time allocations are suppressed.
SANITIZER_ENV = \
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/build-aux/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# configure BUILDDIR [OPTIONS...]: meson setup, once per build directory. The
# meson.build files pick up optional sources and tests with fs.exists(), which
# meson evaluates only when it configures, so a source file added or removed since
# then also triggers a reconfigure.
SOURCE_LIST = find src tests/lang tests/trace tests/app data/scenarios \( -name '*.c' -o -name '*.py' \) 2>/dev/null | LC_ALL=C sort
define configure
	@if [ ! -f $(1)/build.ninja ]; then \
		echo "$(MESON) setup $(1) $(2)"; \
		$(MESON) setup $(1) $(2) && $(SOURCE_LIST) > $(1)/.source-list; \
	elif ! $(SOURCE_LIST) | cmp -s - $(1)/.source-list; then \
		echo "source files added or removed: reconfiguring $(1)"; \
		$(MESON) setup --reconfigure $(1) && $(SOURCE_LIST) > $(1)/.source-list; \
	fi
endef

.PHONY: all deps setup build run run-cli test test-asyncio conformance regen \
	asan gcstress bench clean

all: build

deps:
	@./build-aux/install-deps.sh

setup: deps
	$(call configure,$(BUILDDIR))

build: setup
	$(NINJA) -C $(BUILDDIR)

# The settings schema is compiled into the build dir (data/meson.build).
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/app/loopscope

# The headless runner on one scenario (what `make run` did before the app).
run-cli: build
	$(BUILDDIR)/src/cli/loopscope-run $(SCENARIO)

test: build
	$(TEST_WRAPPER) $(MESON) test -C $(BUILDDIR) --print-errorlogs $(SUITE_ARGS) $(MESON_TEST_ARGS)

# The shared asyncio corpus (../shared/conformance); not part of `make test` yet.
test-asyncio: build
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --suite asyncio $(MESON_TEST_ARGS)

# Only the synchronous conformance corpus, with every failure's diff.
conformance: build
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --verbose conformance

# Rewrite tests/conformance/*.out from CPython 3.11 (see README.md).
regen:
	tests/oracle/regen.sh

asan: deps
	$(call configure,$(ASAN_BUILDDIR),-Db_sanitize=address$(comma)undefined -Db_lundef=false)
	$(NINJA) -C $(ASAN_BUILDDIR)
	$(SANITIZER_ENV) LS_CONFORMANCE_TIMEOUT=180 $(TEST_WRAPPER) $(MESON) test -C $(ASAN_BUILDDIR) --print-errorlogs \
		--timeout-multiplier 3 $(SANITIZER_SUITE_ARGS) $(MESON_TEST_ARGS)

gcstress: deps
	$(call configure,$(GC_BUILDDIR),-Dgc_stress=true)
	$(NINJA) -C $(GC_BUILDDIR)
	LS_CONFORMANCE_TIMEOUT=600 $(TEST_WRAPPER) $(MESON) test -C $(GC_BUILDDIR) --print-errorlogs \
		--timeout-multiplier 10 $(SANITIZER_SUITE_ARGS) $(MESON_TEST_ARGS)

bench: build
	bench/run.sh $(BUILDDIR)/src/cli/loopscope-run

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR) $(GC_BUILDDIR)
