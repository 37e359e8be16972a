# rr toolkit: one GNU Makefile, no recursion.
# make [all|check|bench|demo|install|uninstall|clean|deps|fuzz|fuzz-cpu]
# make SAN=1 check     builds into build-san/ with ASan+UBSan

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
LIBDIR	?= $(PREFIX)/lib
INCDIR	?= $(PREFIX)/include
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=
CC	?= cc
PKG_CONFIG ?= pkg-config
RVCC	?= riscv64-unknown-elf-gcc
OPT	?= -O2
WERROR	?=
SAN	?=

ifeq ($(SAN),1)
B	?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
B	?= build
SANFLAGS :=
endif

PKGS	:= libzstd jansson
WARN	:= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes $(if $(WERROR),-Werror)
CFLAGS	?= $(OPT) -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   $(WARN) $(SANFLAGS) $(CFLAGS) -pthread -MMD -MP \
	   $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS) -pthread
# libfdt (the machine's device tree, emu/dtb.c): Debian's has no .pc file.
FDT_LIBS ?= -lfdt
LIBS	:= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
DW_LIBS	:= $(or $(shell $(PKG_CONFIG) --libs libdw 2>/dev/null),-ldw -lelf)

# The tools, each cmd/TOOL.c with main() and the cmd/TOOL-*.c files no
# other tool needs.  A new tool is added here, with its link list
# (TOOL_LIBS) below.
TOOLS	:= rremu rrdump rrverify rrdiff rrcut rrmerge

# Sources are found by layout: a new file joins its part of the build.
LIB_SRC	:= $(sort $(wildcard lib/*.c))
EMU_SRC	:= $(sort $(wildcard emu/*.c))
CMD_OWN	= $(sort $(wildcard $(patsubst %,cmd/%-*.c,$(1))))
# cmd/sym.c (code addresses named, --elf) reads DWARF through elfutils'
# libdw: only the tools that take --elf link it (SYM_OBJ, DW_LIBS).
SYM_SRC	:= cmd/sym.c
CMD_COMMON := $(filter-out $(patsubst %,cmd/%.c,$(TOOLS)) \
	   $(call CMD_OWN,$(TOOLS)) $(SYM_SRC),$(sort $(wildcard cmd/*.c)))
PROGS	:= $(TOOLS)
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS	:= $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC))
BENCH_SRC := $(sort $(wildcard tests/bench/*.c))
MANS	:= $(sort $(wildcard man/*.[1357]))

LIB_OBJ	:= $(patsubst %.c,$(B)/%.o,$(LIB_SRC))
EMU_OBJ	:= $(patsubst %.c,$(B)/%.o,$(EMU_SRC))
# cmd/page.js and cmd/page.css, the timeline page's script and style,
# go into the tools as byte arrays ($(B)/gen/page.c, for cmd/html.c).
PAGE_SRC := cmd/page.js cmd/page.css
COMMON_OBJ := $(patsubst %.c,$(B)/%.o,$(CMD_COMMON)) $(B)/gen/page.o
SYM_OBJ	:= $(patsubst %.c,$(B)/%.o,$(SYM_SRC))

# Guests: guests/NAME.c (+ runtime in guests/rt/) -> NAME.elf,
# built twice: $(B)/guests/ for rv32im, $(B)/guests-c/ for rv32imac (the
# C extension: what most RV32 firmware is built for).
GUEST_SRC := $(sort $(wildcard guests/*.c))
GUESTS_IM := $(patsubst guests/%.c,$(B)/guests/%.elf,$(GUEST_SRC))
GUESTS_C := $(patsubst guests/%.c,$(B)/guests-c/%.elf,$(GUEST_SRC))
GUESTS	:= $(GUESTS_IM) $(GUESTS_C)
GUEST_RT := $(sort $(wildcard guests/rt/*.c guests/rt/*.S))
GUEST_ISA_guests := rv32im
GUEST_ISA_guests-c := rv32imac
# Debian's multilib picks the 64-bit libgcc unless asked for the rv32 one.
GUEST_LIBGCC = $(shell $(RVCC) -march=$(1) -mabi=ilp32 -print-libgcc-file-name 2>/dev/null)
GUEST_CFLAGS := -mabi=ilp32 -O2 -g \
	-ffreestanding -nostdlib -fno-builtin -mcmodel=medany -Wall -Wextra \
	-Iguests/rt -Tguests/rt/link.ld -static
# Semihosting guests: guests/picolibc/NAME.c -> NAME.elf, against
# Debian's picolibc (picolibc-riscv64-unknown-elf) with --oslib=semihost.
# picolibc.ld links for a flash at 0x10000000 and RAM at 0x20000000
# unless told: the defsyms put its "flash" (code, rodata, the data's
# load image) at the start of virt's RAM and its RAM 4 MiB above.
# Built as the other guests are, for rv32im and rv32imac: both are
# multilibs Debian's picolibc ships.  --crt0=semihost passes
# GET_CMDLINE's words to main and exits with main's value (picolibc's
# plain crt0 spins after main).
PICO_SRC := $(sort $(wildcard guests/picolibc/*.c))
PICO_GUESTS := $(patsubst guests/picolibc/%.c,$(B)/guests/picolibc/%.elf,$(PICO_SRC)) \
	$(patsubst guests/picolibc/%.c,$(B)/guests-c/picolibc/%.elf,$(PICO_SRC))
PICO_CFLAGS := --specs=picolibc.specs --oslib=semihost --crt0=semihost \
	-mabi=ilp32 -O2 -g -Wall -Wextra \
	-Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x400000 \
	-Wl,--defsym=__ram=0x80400000 -Wl,--defsym=__ram_size=0x400000
# Test machines in assembly, run by rremu only (tests/emu/*.S: guests
# that must stop rremu, which would spin under QEMU).
TEST_ELFS := $(patsubst tests/emu/%.S,$(B)/tests/emu/%.elf,\
	   $(sort $(wildcard tests/emu/*.S)))
# Per-guest flags after the common ones: the gdb tests step through
# gdbdemo line by line, so it keeps every variable in memory.
GUEST_CFLAGS_gdbdemo := -O0

.PHONY: all check check-build demo-run unit cli data emu-props guest-check gdb-check fuzz-replay manlint schema-check bench demo install \
	qemu-replay-check draw-check \
	uninstall clean deps fuzz guests lib-example cpudiff fuzz-cpu
.DELETE_ON_ERROR:

all: $(addprefix $(B)/,$(PROGS)) $(B)/librr.a $(GUESTS) $(TEST_ELFS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(if $(filter tests/unit/%,$<),$(CHECK_CFLAGS) -I$(B)/tests) -c -o $@ $<

$(B)/gen/page.c: $(PAGE_SRC) Makefile
	@mkdir -p $(@D)
	{ echo '/* Generated by the Makefile from $(PAGE_SRC). */'; \
	  echo '#include <stddef.h>'; \
	  for f in js css; do \
	    echo "const unsigned char cmd_page_$$f[] = {"; \
	    od -An -v -tx1 cmd/page.$$f | \
	        sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0 };'; \
	    echo "const size_t cmd_page_$${f}_len = sizeof(cmd_page_$$f) - 1;"; \
	  done; } > $@

$(B)/gen/page.o: $(B)/gen/page.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/librr.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libemu.a: $(EMU_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# What each tool links besides cmd/'s shared objects: the log library
# alone, or the emulator too for a tool that replays a log through it
# (rremu, rrverify, rrdiff, rrcut: TOOL_LIBS := $(REPLAY_LIBS)).
LOG_LIBS    = $(B)/librr.a
REPLAY_LIBS = $(B)/libemu.a $(B)/librr.a
rremu_LIBS = $(SYM_OBJ) $(REPLAY_LIBS)
rrdump_LIBS = $(LOG_LIBS)
rrverify_LIBS = $(REPLAY_LIBS)
rrdiff_LIBS = $(SYM_OBJ) $(REPLAY_LIBS)
rrcut_LIBS = $(REPLAY_LIBS)
rrmerge_LIBS = $(LOG_LIBS)

.SECONDEXPANSION:
OWN_OBJ	= $(patsubst %.c,$(B)/%.o,$(call CMD_OWN,$(1)))
$(addprefix $(B)/,$(TOOLS)): $(B)/%: $(B)/cmd/%.o $$(call OWN_OBJ,$$*) \
	    $(COMMON_OBJ) $$($$*_LIBS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(if $(filter $(B)/libemu.a,$^),$(FDT_LIBS)) \
	    $(if $(filter $(SYM_OBJ),$^),$(DW_LIBS))

guests: $(GUESTS)
# $(B)/guests/NAME.elf and $(B)/guests-c/NAME.elf; the directory names
# the ISA (GUEST_ISA_guests, GUEST_ISA_guests-c above).
$(GUESTS): $(B)/%.elf: guests/$$(notdir $$*).c $(GUEST_RT) \
	    guests/rt/link.ld $(wildcard guests/rt/*.h)
	@mkdir -p $(@D)
	$(RVCC) -march=$(GUEST_ISA_$(notdir $(@D)))_zicsr_zifencei \
	    $(GUEST_CFLAGS) $(GUEST_CFLAGS_$(notdir $*)) -o $@ $(GUEST_RT) \
	    $< $(call GUEST_LIBGCC,$(GUEST_ISA_$(notdir $(@D))))

$(TEST_ELFS): $(B)/tests/emu/%.elf: tests/emu/%.S guests/rt/link.ld
	@mkdir -p $(@D)
	$(RVCC) -march=rv32imafc_zicsr -mabi=ilp32 -nostdlib -static \
	    -Tguests/rt/link.ld -o $@ $<

$(PICO_GUESTS): $(B)/%.elf: guests/picolibc/$$(notdir $$*).c
	@mkdir -p $(@D)
	$(RVCC) -march=$(GUEST_ISA_$(notdir $(patsubst %/,%,$(dir $(@D))))) \
	    $(PICO_CFLAGS) -o $@ $<

# ---- tests ----
# Each tests/unit/check_NAME.c defines "Suite *suite_NAME(void)".
$(B)/tests/suites.h: $(UNIT_SRC)
	@mkdir -p $(@D)
	sed -n 's/^suite_\([a-z0-9_]*\)(void)$$/SUITE(\1)/p' $(UNIT_SRC) > $@
	@n=$$(grep -c . $@); w=$(words $(filter tests/unit/check_%,$(UNIT_SRC))); \
	[ "$$n" = "$$w" ] || { echo "$@: $$n suites for $$w check_*.c files" \
	    "(a suite_NAME(void) not at the start of a line is never run)" >&2; \
	    rm -f $@; exit 1; }

$(patsubst %.c,$(B)/%.o,$(UNIT_SRC)): $(B)/tests/suites.h

$(B)/check_unit: $(patsubst %.c,$(B)/%.o,$(UNIT_SRC)) $(COMMON_OBJ) \
	    $(SYM_OBJ) $(B)/tests/data/qasm.o $(B)/libemu.a $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS) $(FDT_LIBS) \
	    $(DW_LIBS)

$(B)/fuzz_driver_%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/driver.o $(B)/libemu.a $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(FDT_LIBS)

# check and demo first install what is missing (a fresh Debian machine),
# then build with the flags pkg-config gives once the packages are there.
check: deps
	$(MAKE) --no-print-directory check-build
check-build: all unit cli schema-check fuzz-replay manlint emu-props guest-check gdb-check \
	lib-example cpudiff qemu-replay-check draw-check

# Determinism properties of the emulator, through rremu (tests/emu/).
$(B)/tamper: $(B)/tests/emu/tamper.o $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/reframe: $(B)/tests/emu/reframe.o $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# The determinism properties on the rv32im guests, then on the rv32imac
# (compressed) ones; the output and damage properties once.
emu-props: all $(B)/tamper $(B)/reframe $(PICO_GUESTS)
	for g in guests guests-c; do \
		for t in props stops diffprops cutprops osprops; do \
			B=$(B) GUESTS=$$g sh tests/emu/$$t.sh || exit 1; \
		done; \
	done
	B=$(B) sh tests/emu/outputs.sh
	B=$(B) sh tests/emu/tty.sh
	B=$(B) sh tests/emu/damageprops.sh
	B=$(B) sh tests/emu/dtb.sh
	B=$(B) sh tests/emu/semihost.sh
	B=$(B) sh tests/emu/pinned.sh
	B=$(B) sh tests/emu/readme.sh

# gdb-multiarch against rremu --gdb, forwards and backwards, and started
# by rremu debug.
$(B)/gdbpoke: $(B)/tests/emu/gdbpoke.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^

gdb-check: all $(B)/gdbpoke
	B=$(B) sh tests/emu/gdb.sh
	B=$(B) GUESTS=guests-c sh tests/emu/gdb.sh
	B=$(B) sh tests/emu/debug.sh

# Random instruction streams under rremu and QEMU (tests/cpudiff/README):
# a short round in check (the seed printed), a long one in fuzz-cpu.
$(B)/cpudiff_gen: tests/cpudiff/gen.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

CPUDIFF_ROUNDS ?= 200
cpudiff: all $(B)/cpudiff_gen
	B=$(B) sh tests/cpudiff/run.sh -n 2
fuzz-cpu: all $(B)/cpudiff_gen
	B=$(B) sh tests/cpudiff/run.sh -n $(CPUDIFF_ROUNDS) -k 64 -l 300

# Each guest under QEMU (and rremu): same output (tests/guests/README).
guest-check: all
	B=$(B) sh tests/guests/qemu-check.sh

# Pictures of a recording (rrdump --html, --svg, --trace-events, rrdiff
# --html) in headless chromium, xmllint and python3-jsonschema.
draw-check: all
	B=$(B) sh tests/draw/run.sh

# QEMU's own replay logs of the guests, read by rrdump and rrverify.
qemu-replay-check: all
	B=$(B) sh tests/guests/qemu-replay.sh

unit: $(B)/check_unit $(GUESTS) $(TEST_ELFS) $(B)/rremu $(B)/rrcut
	CK_DEFAULT_TIMEOUT=120 B=$(B) $(B)/check_unit

# The test corpus: tests/data/*.desc -> $(B)/data/*.rr (tests/data/README)
$(B)/mkdata: $(B)/tests/data/mkdata.o $(B)/libemu.a $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(FDT_LIBS)

# tests/data/*.qdesc -> $(B)/data/*.qlog: QEMU replay logs (mkqlog)
$(B)/mkqlog: $(B)/tests/data/mkqlog.o $(B)/tests/data/qasm.o $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

data: $(B)/mkdata $(B)/mkqlog
	B=$(B) sh tests/data/gen.sh

cli: all data $(B)/tamper
	B=$(B) sh tests/cli/run.sh

# librr(3)'s example, built through pkg-config against a scratch install
# with this build's warnings and sanitizers (tests/lib/run.sh).
lib-example: all data
	rm -rf $(B)/libtest
	$(MAKE) --no-print-directory install DESTDIR= \
	    PREFIX=$(abspath $(B)/libtest) >/dev/null
	B=$(B) CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" \
	    EXAMPLE_CFLAGS="-std=c11 $(WARN) $(SANFLAGS) $(CFLAGS) $(LDFLAGS)" \
	    sh tests/lib/run.sh

fuzz-replay: $(addprefix $(B)/fuzz_driver_,$(FUZZERS))
	@for f in $(FUZZERS); do \
		echo "fuzz replay: $$f"; \
		$(B)/fuzz_driver_$$f tests/fuzz/corpus/$$f || exit 1; \
	done

# JSON Schema (formats/*.schema.json) over the JSON goldens: Debian's
# python3-jsonschema, through /usr/bin/python3 (not a python on PATH).
schema-check:
	@sh tests/schema/check.sh

# mandoc's lint, then the rendered pages: no word turned into a flag, no
# macro name in the text (tests/man/lint.sh).
manlint:
	@sh tests/man/lint.sh $(MANS)

# libFuzzer builds (clang): make fuzz; then build-fuzz/fuzz_NAME corpus/
fuzz:
	@mkdir -p build-fuzz
	@for f in $(FUZZERS); do \
		clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
		    -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
		    -D_DEFAULT_SOURCE $$($(PKG_CONFIG) --cflags $(PKGS)) \
		    -o build-fuzz/$$f tests/fuzz/$$f.c $(LIB_SRC) $(EMU_SRC) \
		    $(LIBS) $(FDT_LIBS) || exit 1; \
	done

$(B)/bench_%: $(B)/tests/bench/%.o $(B)/libemu.a $(B)/librr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(FDT_LIBS)

bench: all $(patsubst tests/bench/%.c,$(B)/bench_%,$(BENCH_SRC))
	B=$(B) sh tests/bench/run.sh
	B=$(B) sh tests/bench/cut.sh
	B=$(B) sh tests/bench/qemulog.sh
	B=$(B) sh tests/bench/draw.sh

demo: deps
	$(MAKE) --no-print-directory demo-run
demo-run: all $(B)/tamper
	B=$(B) sh tests/demo.sh

# ---- install ----
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
HEADERS	:= lib/rr.h lib/rrsnap.h lib/rrjson.h lib/qreplay.h
LIB_VERSION = $(shell sed -n 's/^\#define RR_LIB_VERSION[^"]*"\(.*\)"/\1/p' lib/rr.h)

# librr.pc names the paths of this install; librr.a is static, so its
# own libraries come with `pkg-config --static`.
$(B)/librr.pc: lib/rr.h Makefile FORCE
	@mkdir -p $(@D)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
	    'includedir=$(INCDIR)' '' 'Name: librr' \
	    'Description: rr toolkit replay-log and snapshot library' \
	    'Version: $(LIB_VERSION)' 'Requires.private: $(PKGS)' \
	    'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lrr' \
	    'Libs.private: -pthread' > $@
FORCE:

install: all $(B)/librr.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(addprefix $(B)/,$(PROGS)) $(DESTDIR)$(BINDIR)
	install -m 644 $(B)/librr.a $(DESTDIR)$(LIBDIR)
	install -m 644 $(B)/librr.pc $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 $(HEADERS) $(DESTDIR)$(INCDIR)
	for m in $(MANS); do \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; \
	done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(PROGS))
	rm -f $(DESTDIR)$(LIBDIR)/librr.a $(DESTDIR)$(PKGCONFIGDIR)/librr.pc \
	    $(addprefix $(DESTDIR)$(INCDIR)/,$(notdir $(HEADERS)))
	for m in $(MANS); do \
		s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m#man/}; \
	done

clean:
	rm -rf build build-san build-fuzz

DEB_PKGS := build-essential pkg-config libzstd-dev libjansson-dev check \
	mandoc gcc-riscv64-unknown-elf qemu-system-misc qemu-utils \
	gdb-multiarch jq strace libfdt-dev device-tree-compiler \
	picolibc-riscv64-unknown-elf procps chromium fonts-dejavu-core \
	libxml2-utils python3-jsonschema python3-pil libdw-dev
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "installing:$$missing"; \
		$$sudo apt-get update && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y $$missing; \
	else echo "deps: all present"; fi

-include $(shell find $(B) -name '*.d' 2>/dev/null)
