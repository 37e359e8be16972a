/* hello: the smallest guest; prints a greeting and exits 0. */
#include "rt.h"

int
main(void)
{
	puts("hello: hello from an rr guest (rv32im, machine mode)");
	return 0;
}
