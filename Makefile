# Ouro -- a Python 3.11 implementation in C11.
#   make          build build/ouro (optimised, computed-goto dispatch)
#   make test     install missing packages, build, run the differential tests
#   make run      run the tour (examples/tour.py)
#   make bench    time the benchmarks against /usr/bin/python3.11
#   make asan     build build/asan/ouro with AddressSanitizer + UBSan
#   make test-asan  run the tests under the sanitizer build
#   make expected regenerate tests/**/*.exp with /usr/bin/python3.11

CC      ?= gcc
ORACLE  ?= /usr/bin/python3.11
WARN    := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
CSTD    := -std=gnu11
DEPFLAGS = -MMD -MP
OPT     ?= -O2 -g
LIBS    := -lgmp -lm -lpthread -ldl

SRCS    := $(sort $(wildcard src/*/*.c) src/main.c)
SRCS    := $(filter-out src/main.c,$(SRCS)) src/main.c
OBJS    := $(SRCS:src/%.c=build/obj/%.o)
AOBJS   := $(SRCS:src/%.c=build/asan/obj/%.o)

.PHONY: all deps test run bench asan test-asan expected clean

all: deps build/ouro

deps:
	@sh scripts/deps.sh

build/ouro: $(OBJS)
	$(CC) $(OPT) -o $@ $(OBJS) $(LIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $(WARN) $(DEPFLAGS) -Isrc -c $< -o $@

ASANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -DOU_DEBUG=1 -DOU_MALLOC_ONLY=1

asan: deps build/asan/ouro

build/asan/ouro: $(AOBJS)
	$(CC) $(ASANFLAGS) -o $@ $(AOBJS) $(LIBS)

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(ASANFLAGS) $(WARN) $(DEPFLAGS) -Isrc -c $< -o $@

test: all
	@sh scripts/runtests.sh build/ouro

test-asan: asan
	@ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 sh scripts/runtests.sh build/asan/ouro

run: all
	build/ouro examples/tour.py

bench: all
	@sh scripts/bench.sh

expected:
	@sh scripts/expected.sh $(ORACLE)

clean:
	rm -rf build

-include $(OBJS:.o=.d) $(AOBJS:.o=.d)
