# `make bench` (bench/run): include from the Makefile with `include bench/bench.mk`.
.PHONY: bench
bench:
	@scripts/setup && bench/run
