/* Serialising one part of the machine state for the state hash. */
#ifndef EMU_HASH_H
#define EMU_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * A part is rr_hash64, seeded with its part id, over a canonical
 * little-endian serialisation of exactly the state a snapshot restores,
 * so a loaded machine hashes as the saved one did.
 */
struct hash_buf {
	uint8_t		 b[512];
	size_t		 n;
};

void		 hash_put8(struct hash_buf *h, uint8_t v);
void		 hash_put32(struct hash_buf *h, uint32_t v);
void		 hash_put64(struct hash_buf *h, uint64_t v);
/* The part's hash: over the bytes put so far, seeded with id. */
uint64_t	 hash_done(const struct hash_buf *h, uint32_t id);

#endif /* EMU_HASH_H */
