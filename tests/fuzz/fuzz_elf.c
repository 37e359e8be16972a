/* Fuzz target: elf_load of arbitrary bytes into a small machine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../emu/machine.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RAM_SIZE	(64u * 1024)

/*
 * Seeds in corpus/fuzz_elf/: good-two-segments (text, data with .bss),
 * and one refusal each: bad-truncated (40 bytes), bad-class64,
 * bad-phnum-huge (65535), bad-outside-ram (p_paddr 0x7ffffff0),
 * bad-offset-wrap (p_offset 0xfffffff8).
 */

/*
 * One machine for all inputs: a failed load must leave RAM untouched,
 * so RAM is checked against a pattern after each refusal.
 */
static struct machine m;
static int ready;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t entry = 1;
	char err[256];
	size_t i;

	if (!ready) {
		if (machine_init(&m, RAM_SIZE, 0) != 0)
			abort();
		ready = 1;
	}
	memset(m.ram, 0x5a, RAM_SIZE);
	machine_hash_reset(&m);
	err[0] = '\0';
	if (elf_load(&m, data, size, &entry, err, sizeof(err)) != 0) {
		/* Every refusal says where, and changes nothing. */
		if (strncmp(err, "offset ", 7) != 0 || entry != 1)
			abort();
		for (i = 0; i < RAM_SIZE; i++)
			if (m.ram[i] != 0x5a)
				abort();
		return 0;
	}
	if (entry < m.ram_base || entry - m.ram_base >= m.ram_size)
		abort();
	if (m.image_hash != rr_hash64(data, size, 0))
		abort();
	/* The loaded pages must be rehashed without trouble. */
	(void)machine_hash(&m, NULL, NULL);
	return 0;
}
