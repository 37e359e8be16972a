/* QEMU replay logs from readable descriptions (tests/data/README). */
#ifndef QASM_H
#define QASM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Assemble desc into buf (at most cap bytes); # starts a comment to the
 * end of its line.  0 with *len set; -1 with err filled (a bad word, or
 * more than cap bytes).
 */
int	qasm(const char *desc, uint8_t *buf, size_t cap, size_t *len,
	    char *err, size_t errlen);

#endif /* QASM_H */
