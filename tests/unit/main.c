/* The one Check runner: every tests/unit/check_NAME.c adds suite_NAME. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

int
main(void)
{
	SRunner *sr;
	char root[256];
	const char *t = getenv("TMPDIR");
	int failed, made;

	/* Every test's files go below one directory, removed at the end. */
	snprintf(root, sizeof(root), "%s/rrunit-run.XXXXXX",
	    t != NULL ? t : "/tmp");
	made = mkdtemp(root) != NULL;
	if (made)
		setenv("TMPDIR", root, 1);
	sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, suite_##name());
#include "suites.h"
#undef SUITE
	/* Fork mode stays on: a crash fails one test, not the run. */
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (made)
		unit_rmtree(root);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
