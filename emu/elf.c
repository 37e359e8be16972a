/* ELF32 RISC-V executable loader: PT_LOAD segments into RAM at p_paddr. */
#include <stdio.h>
#include <string.h>

#include "machine.h"

#define EHDR_SIZE	52u
#define PHDR_SIZE	32u
#define PHNUM_MAX	256u	/* far more than any linker script makes */
#define EM_RISCV	243u
#define ET_EXEC		2u
#define PT_LOAD		1u

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

struct seg {
	uint32_t	 offset, paddr, filesz, memsz;
};

/*
 * Check one program header.  off is its byte offset in the file, for the
 * message.  Returns 1 for a segment to load, 0 to skip, -1 on error.
 */
static int
check_phdr(const struct machine *m, const uint8_t *ph, size_t off,
    unsigned idx, size_t len, struct seg *sg, char *err, size_t errlen)
{
	uint32_t ramoff;

	if (le32(ph) != PT_LOAD)
		return 0;
	sg->offset = le32(ph + 4);
	sg->paddr = le32(ph + 12);
	sg->filesz = le32(ph + 16);
	sg->memsz = le32(ph + 20);
	if (sg->filesz > sg->memsz) {
		snprintf(err, errlen, "offset %zu: segment %u: file size %u "
		    "exceeds memory size %u", off + 16, idx, sg->filesz,
		    sg->memsz);
		return -1;
	}
	/* Both tests are written so that nothing can overflow. */
	if (sg->offset > len || sg->filesz > len - sg->offset) {
		snprintf(err, errlen, "offset %zu: segment %u: file bytes "
		    "0x%x+0x%x run past the end of the file (%zu bytes)",
		    off + 4, idx, sg->offset, sg->filesz, len);
		return -1;
	}
	if (sg->memsz == 0)
		return 0;
	ramoff = sg->paddr - m->ram_base;
	if (sg->paddr < m->ram_base || ramoff >= m->ram_size ||
	    sg->memsz > m->ram_size - ramoff) {
		snprintf(err, errlen, "offset %zu: segment %u: memory "
		    "0x%08x+0x%x is outside RAM 0x%08x+0x%x", off + 12, idx,
		    sg->paddr, sg->memsz, m->ram_base, m->ram_size);
		return -1;
	}
	return 1;
}

/*
 * Everything is checked before anything is written, so a bad image
 * leaves RAM as it was.
 */
int
elf_load(struct machine *m, const uint8_t *img, size_t len,
    uint32_t *entry, char *err, size_t errlen)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	struct seg sg;
	uint32_t phoff, e, first;
	unsigned phnum, phentsize, i, nload = 0;
	size_t off;
	int rc;

	if (len < EHDR_SIZE) {
		snprintf(err, errlen, "offset %zu: file ends inside the ELF "
		    "header (%u bytes needed)", len, EHDR_SIZE);
		return -1;
	}
	if (memcmp(img, magic, 4) != 0) {
		snprintf(err, errlen, "offset 0: bad magic, not an ELF file");
		return -1;
	}
	if (img[4] != 1) {
		snprintf(err, errlen, "offset 4: ELF class %u%s, need 1 "
		    "(32-bit)", img[4], img[4] == 2 ? " (64-bit)" : "");
		return -1;
	}
	if (img[5] != 1) {
		snprintf(err, errlen, "offset 5: data encoding %u, need 1 "
		    "(little-endian)", img[5]);
		return -1;
	}
	if (img[6] != 1) {
		snprintf(err, errlen, "offset 6: ELF version %u, need 1",
		    img[6]);
		return -1;
	}
	if (le16(img + 16) != ET_EXEC) {
		snprintf(err, errlen, "offset 16: type %u, need %u "
		    "(executable)", le16(img + 16), ET_EXEC);
		return -1;
	}
	if (le16(img + 18) != EM_RISCV) {
		snprintf(err, errlen, "offset 18: machine %u, need %u "
		    "(RISC-V)", le16(img + 18), EM_RISCV);
		return -1;
	}
	e = le32(img + 24);
	phoff = le32(img + 28);
	phentsize = le16(img + 42);
	phnum = le16(img + 44);
	if (phentsize < PHDR_SIZE) {
		snprintf(err, errlen, "offset 42: program header size %u, "
		    "need at least %u", phentsize, PHDR_SIZE);
		return -1;
	}
	if (phnum == 0 || phnum > PHNUM_MAX) {
		snprintf(err, errlen, "offset 44: %u program headers, need "
		    "1 to %u", phnum, PHNUM_MAX);
		return -1;
	}
	/* phnum * phentsize < 2^24: no overflow in size_t. */
	if (phoff > len || (size_t)phnum * phentsize > len - phoff) {
		snprintf(err, errlen, "offset 28: program headers at %u "
		    "(%u of %u bytes) run past the end of the file (%zu "
		    "bytes)", phoff, phnum, phentsize, len);
		return -1;
	}
	for (i = 0; i < phnum; i++) {
		off = phoff + (size_t)i * phentsize;
		if ((rc = check_phdr(m, img + off, off, i, len, &sg, err,
		    errlen)) < 0)
			return -1;
		nload += (unsigned)rc;
	}
	if (nload == 0) {
		snprintf(err, errlen, "offset 44: no loadable segment in %u "
		    "program headers", phnum);
		return -1;
	}
	if (e < m->ram_base || e - m->ram_base >= m->ram_size) {
		snprintf(err, errlen, "offset 24: entry point 0x%08x is "
		    "outside RAM 0x%08x+0x%x", e, m->ram_base, m->ram_size);
		return -1;
	}
	for (i = 0; i < phnum; i++) {
		off = phoff + (size_t)i * phentsize;
		if (check_phdr(m, img + off, off, i, len, &sg, err,
		    errlen) != 1)
			continue;
		first = sg.paddr - m->ram_base;
		memcpy(m->ram + first, img + sg.offset, sg.filesz);
		memset(m->ram + first + sg.filesz, 0, sg.memsz - sg.filesz);
		machine_dirty_range(m, first, sg.memsz);
		if ((uint64_t)sg.paddr + sg.memsz > m->image_end)
			m->image_end = (uint64_t)sg.paddr + sg.memsz;
	}
	cpu_flush_cache(m);
	m->image_hash = rr_hash64(img, len, 0);
	*entry = e;
	return 0;
}
