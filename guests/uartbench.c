/* uartbench: heavy UART input; counts bytes up to an END line, with a CRC. */
#include "rt.h"

/*
 * Stop after reading this many bytes (0: only at a line "END" or ^D).
 * In its own section so a test can patch it in the ELF.
 */
__attribute__((section(".param"), used))
volatile uint32_t uartbench_limit = 0;

static uint32_t crc = 0xffffffffu, bytes, lines;

/* Count one byte of data: the END line and ^D are markers, not data. */
static void
account(int c)
{
	int k;

	crc ^= (uint8_t)c;
	for (k = 0; k < 8; k++)
		crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	bytes++;
	lines += c == '\n';
}

int
main(void)
{
	static const char end[] = "END";
	uint32_t limit, nread = 0;
	uint64_t t0;
	/* m: bytes of "END" matched at the line's start; -1: none. */
	int c, i, m = 0;
	int marker = 0;

	limit = uartbench_limit;
	puts("uartbench: reading UART input up to a line \"END\"");
	t0 = mtime();
	for (;;) {
		if (limit != 0 && nread == limit)
			break;
		c = getchar();
		nread++;
		if (c == 0x04) {
			marker = 1;
			break;
		}
		/* Hold back a possible "END" until its line ends. */
		if (m >= 0 && m < 3 && c == end[m]) {
			m++;
			continue;
		}
		if (m == 3 && c == '\n') {
			marker = 1;
			m = 0;
			break;
		}
		for (i = 0; i < m; i++)
			account(end[i]);
		account(c);
		m = c == '\n' ? 0 : -1;
	}
	for (i = 0; i < m; i++)
		account(end[i]);
	printf("uartbench: %lu bytes in %lu lines, crc32 0x%08lx, %s\n",
	    bytes, lines, ~crc, marker ? "end marker" : "limit reached");
	printf("~ uartbench: %lu receive interrupts, %llu mtime units\n",
	    rt_ext_irqs, mtime() - t0);
	return 0;
}
