/* slowrx: reads input slowly through a tiny ring; nothing may be lost. */
#include "rt.h"

#define RING_LIMIT	8u
#define DELAY		2000u	/* loop iterations of work per byte */

int
main(void)
{
	static const char end[] = "\nEND\n";
	volatile uint32_t spin;
	uint32_t crc = 0xffffffffu, bytes = 0, k;
	size_t m = 1;		/* bytes of end[] matched; a line starts */
	int c;

	printf("slowrx: %lu-byte ring, %lu iterations of work per byte\n",
	    (uint32_t)RING_LIMIT, (uint32_t)DELAY);
	uart_rx_set_limit(RING_LIMIT);
	for (;;) {
		c = getchar();
		/* Slower than the input: the UART and the host must wait. */
		for (spin = 0; spin < DELAY; spin++)
			;
		if (c == 0x04)
			break;
		crc ^= (uint8_t)c;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
		bytes++;
		/* Input that starts "END\n" or holds "\nEND\n" ends here. */
		if (c == end[m])
			m++;
		else
			m = c == '\n' ? 1 : 0;
		if (m == sizeof(end) - 1)
			break;
	}
	/* The count and CRC include the END line: simpler, still exact. */
	printf("slowrx: %lu bytes, crc32 0x%08lx\n", bytes, ~crc);
	printf("~ slowrx: %lu receive interrupts, ring full %lu times\n",
	    rt_ext_irqs, uart_rx_stalls);
	return 0;
}
