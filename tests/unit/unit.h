/* Shared helpers for the unit tests. */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

/* Every suite, from the generated list (one per tests/unit/check_*.c). */
#define SUITE(name) Suite *suite_##name(void);
#include "suites.h"
#undef SUITE

/* Build directory (make passes B=...), for guest ELFs and tools. */
const char	*unit_builddir(void);
/* A fresh temporary directory for this test (removed by the OS). */
const char	*unit_tmpdir(void);
/* Remove a directory tree. */
void		 unit_rmtree(const char *path);
/* Read a whole file; NULL on error.  Caller frees. */
uint8_t		*unit_slurp(const char *path, size_t *len);

/* What the cmd_put* calls left in cmd_out, as a string; then empty it. */
const char	*unit_out_take(void);

#endif
