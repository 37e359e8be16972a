/* Code addresses named from the guest's ELF, through elfutils' libdwfl. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <elfutils/libdwfl.h>
#include <gelf.h>

#include "../lib/rr.h"
#include "common.h"
#include "sym.h"

struct cmd_sym {
	Dwfl		*dwfl;
	Dwfl_Module	*mod;
	void		*map;		/* the file, which dwfl reads */
	size_t		 len;
};

/* Only the file given: no separate debug files looked for elsewhere. */
static int
no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
    Dwarf_Addr base, const char *file_name, const char *debuglink_file,
    GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base;
	(void)file_name, (void)debuglink_file, (void)debuglink_crc;
	(void)debuginfo_file_name;
	return -1;
}

static const Dwfl_Callbacks callbacks = {
	.find_debuginfo = no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

void
cmd_sym_close(struct cmd_sym *s)
{
	if (s == NULL)
		return;
	if (s->dwfl != NULL)
		dwfl_end(s->dwfl);
	if (s->map != NULL)
		munmap(s->map, s->len);
	free(s);
}

/* The file mapped into s (a regular file, not empty). */
static int
map_file(struct cmd_sym *s, const char *path)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		cmd_syserr(path, errno, "cannot open");
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		cmd_syserr(path, errno, "cannot read");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT, "not an ELF file (%s)",
		    S_ISREG(st.st_mode) ? "empty" : "not a regular file");
		close(fd);
		return -1;
	}
	s->len = (size_t)st.st_size;
	s->map = mmap(NULL, s->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		cmd_syserr(path, errno, "cannot read");
		return -1;
	}
	return 0;
}

int
cmd_sym_open(struct cmd_sym **sp, const char *path,
    const uint64_t *image_hash)
{
	struct cmd_sym *s;
	uint64_t h;

	*sp = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		cmd_syserr(path, ENOMEM, "cannot read");
		return -1;
	}
	if (map_file(s, path) != 0)
		goto fail;
	if (s->len < 4 || memcmp(s->map, "\177ELF", 4) != 0) {
		cmd_msg(path, 0, RR_NO_EVENT, "bad magic, not an ELF file");
		goto fail;
	}
	/* The image's hash is the whole file's, as the recorder took it. */
	if (image_hash != NULL &&
	    (h = rr_hash64(s->map, s->len, 0)) != *image_hash) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT, "not the guest image "
		    "the log was recorded from (image hash %016llx, the log's "
		    "%016llx)", (unsigned long long)h,
		    (unsigned long long)*image_hash);
		goto fail;
	}
	if ((s->dwfl = dwfl_begin(&callbacks)) == NULL ||
	    (s->mod = dwfl_report_offline_memory(s->dwfl, "guest", path,
	    s->map, s->len)) == NULL || dwfl_report_end(s->dwfl, NULL,
	    NULL) != 0) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT, "cannot read its "
		    "symbols: %s", dwfl_errmsg(-1));
		goto fail;
	}
	*sp = s;
	return 0;
fail:
	cmd_sym_close(s);
	return -1;
}

/*
 * The symbol that names addr: the nearest at or below it that is a
 * function or a label in code (not a section, a file, data, or a
 * mapping symbol such as RISC-V's "$x"), whose size (if it has one) and
 * section cover addr; at one address a function before a label, a
 * global before a local.  Its name, or NULL; *start its address.
 */
static const char *
find_symbol(Dwfl_Module *mod, uint32_t addr, GElf_Addr *start)
{
	const char *name, *best = NULL;
	GElf_Addr a, best_a = 0;
	GElf_Shdr sh;
	GElf_Word shndx;
	GElf_Sym sym;
	Elf *elf;
	int i, n, t, rank, best_rank = -1;

	if ((n = dwfl_module_getsymtab(mod)) <= 0)
		return NULL;
	for (i = 1; i < n; i++) {
		name = dwfl_module_getsym_info(mod, i, &sym, &a, &shndx, &elf,
		    NULL);
		t = GELF_ST_TYPE(sym.st_info);
		if (name == NULL || name[0] == '\0' || name[0] == '$' ||
		    (t != STT_FUNC && t != STT_NOTYPE) || a > addr ||
		    (sym.st_size != 0 && addr - a >= sym.st_size))
			continue;
		/*
		 * Code only (not the linker's marks, __stack_top, _end), and
		 * a label names no further than its section goes.
		 */
		if (elf == NULL || gelf_getshdr(elf_getscn(elf, shndx),
		    &sh) == NULL || !(sh.sh_flags & SHF_EXECINSTR) ||
		    addr - sh.sh_addr >= sh.sh_size)
			continue;
		rank = (t == STT_FUNC) * 2 +
		    (GELF_ST_BIND(sym.st_info) != STB_LOCAL);
		if (best == NULL || a > best_a || (a == best_a &&
		    rank > best_rank)) {
			best = name;
			best_a = a;
			best_rank = rank;
		}
	}
	*start = best_a;
	return best;
}

int
cmd_sym_name(struct cmd_sym *s, uint32_t addr, char *buf, size_t len)
{
	const char *name, *file, *base;
	Dwfl_Line *line;
	GElf_Addr start;
	uint32_t off;
	int n, lineno = 0;

	if (len > 0)
		buf[0] = '\0';
	if (s == NULL || len == 0 ||
	    (name = find_symbol(s->mod, addr, &start)) == NULL)
		return -1;
	off = addr - (uint32_t)start;
	if (off != 0)
		n = snprintf(buf, len, "%s+0x%x", name, off);
	else
		n = snprintf(buf, len, "%s", name);
	if (n < 0 || (size_t)n >= len)
		return 0;
	if ((line = dwfl_module_getsrc(s->mod, addr)) != NULL &&
	    (file = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL,
	    NULL)) != NULL && lineno > 0) {
		base = strrchr(file, '/');
		snprintf(buf + n, len - (size_t)n, " (%s:%d)",
		    base != NULL ? base + 1 : file, lineno);
	}
	return 0;
}

const char *
cmd_sym_addr(struct cmd_sym *s, uint32_t addr, char *buf, size_t len)
{
	int n;

	n = snprintf(buf, len, "0x%08x", addr);
	if (n > 0 && (size_t)n + 1 < len && s != NULL) {
		buf[n] = ' ';
		if (cmd_sym_name(s, addr, buf + n + 1, len - (size_t)n - 1) !=
		    0)
			buf[n] = '\0';
	}
	return buf;
}

int
cmd_sym_hook(void *arg, uint32_t addr, char *buf, size_t len)
{
	return cmd_sym_name(arg, addr, buf, len);
}
