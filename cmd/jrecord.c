/* JSON Lines records of the checking tools (cmd/jrecord.h). */
#include <jansson.h>

#include "common.h"
#include "jrecord.h"

json_t *
cmd_jrecord(const char *type, const char *file)
{
	json_t *j = json_object();

	if (j == NULL)
		return NULL;
	json_object_set_new(j, "type", json_string(type));
	if (file != NULL)
		json_object_set_new(j, "file", json_string(file));
	return j;
}

void
cmd_jrecord_put(json_t *j)
{
	if (j == NULL || cmd_putjson(j) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
	}
	json_decref(j);
}
