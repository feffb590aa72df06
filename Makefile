# Thin wrappers over scripts/ (see README.md). Each one installs or builds what it needs itself;
# the tools underneath (ninja, ctest) run in parallel on their own, so targets run one at a time.
.NOTPARALLEL:
.PHONY: run test build demo setup clean fuzz reliability

run:
	@scripts/run
test:
	@scripts/test
build:
	@scripts/setup && scripts/build
demo:
	@scripts/setup && scripts/build cpp && scripts/demo
setup:
	@scripts/setup
# make bench: figures of issue 2, printed and written into docs/performance.md (bench/bench.mk).
include bench/bench.mk
# Each libFuzzer target of fuzz/ for FUZZ_SECONDS (make fuzz FUZZ_SECONDS=60); see fuzz/README.md.
FUZZ_SECONDS ?= 300
fuzz:
	@scripts/setup && FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run
# The crash harness of tests/reliability/ (docs/testing.md), RELIABILITY_CYCLES crashes per engine and
# mode; prints cycles, acknowledged writes, lost, duplicated and half-visible ones.
RELIABILITY_CYCLES ?= 200
reliability:
	@scripts/setup && scripts/build cpp && node tests/reliability/crash.mjs --cycles $(RELIABILITY_CYCLES)
# Build outputs only: the demo database var/relais.db stays (make demo replaces it).
clean:
	rm -rf build build-san web/dist
