/* QEMU replay logs from readable descriptions: one word, some bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/qreplay.h"
#include "qasm.h"

/* Big-endian, as QEMU writes (formats/qemu-replay.md). */
static int
put(uint8_t *buf, size_t cap, size_t *len, uint64_t v, int n)
{
	if (*len + (size_t)n > cap)
		return -1;
	while (n-- > 0)
		buf[(*len)++] = (uint8_t)(v >> (n * 8));
	return 0;
}

/*
 * The words:
 *   hdr:VERSION  the version word (hex) and 8 zero bytes; hdr:0 none
 *   NAME         an event kind byte by its name: instruction, clock-host,
 *                checkpoint-init, shutdown-host-signal, end, ...
 *   k:N b:N      a raw kind byte, a byte
 *   d:N q:N      a big-endian dword, qword (C syntax, may be < 0)
 *   a:TEXT       an array: dword length, then TEXT (a: is empty)
 *   A:N          an array header claiming N bytes, without the bytes
 */
int
qasm(const char *desc, uint8_t *buf, size_t cap, size_t *len, char *err,
    size_t errlen)
{
	char word[256], *s;
	const char *d = desc;
	int k, n, rc = 0;

	*len = 0;
	while (rc == 0 && sscanf(d, " %255s%n", word, &n) == 1) {
		d += n;
		if (word[0] == '#') {
			d += strcspn(d, "\n");
			continue;
		}
		s = word + 2;
		if (strncmp(word, "hdr:", 4) == 0)
			rc = put(buf, cap, len, strtoull(word + 4, NULL, 16),
			    4) | put(buf, cap, len, 0, 8);
		else if (strncmp(word, "k:", 2) == 0 ||
		    strncmp(word, "b:", 2) == 0)
			rc = put(buf, cap, len, (uint64_t)strtoll(s, NULL, 0), 1);
		else if (strncmp(word, "d:", 2) == 0)
			rc = put(buf, cap, len, (uint64_t)strtoll(s, NULL, 0), 4);
		else if (strncmp(word, "q:", 2) == 0)
			rc = put(buf, cap, len, (uint64_t)strtoll(s, NULL, 0), 8);
		else if (strncmp(word, "A:", 2) == 0)
			rc = put(buf, cap, len, strtoull(s, NULL, 0), 4);
		else if (strncmp(word, "a:", 2) == 0) {
			rc = put(buf, cap, len, strlen(s), 4);
			while (rc == 0 && *s != '\0')
				rc = put(buf, cap, len, (uint8_t)*s++, 1);
		} else if ((k = rr_qkind_from_name(word)) >= 0)
			rc = put(buf, cap, len, (uint64_t)k, 1);
		else {
			snprintf(err, errlen, "unknown word '%s'", word);
			return -1;
		}
	}
	if (rc != 0)
		snprintf(err, errlen, "more than %zu bytes", cap);
	return rc;
}
