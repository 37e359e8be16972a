/* JSON Lines records of the checking tools (rrverify, rrdiff): "type" first. */
#ifndef CMD_JRECORD_H
#define CMD_JRECORD_H

struct json_t;

/*
 * A new record {"type": type} (and "file": file unless NULL); NULL on
 * ENOMEM.  The caller adds fields and passes it to cmd_jrecord_put.
 */
struct json_t	*cmd_jrecord(const char *type, const char *file);
/*
 * Print j as one line and drop the reference; NULL (out of memory) is
 * reported and raises the exit status to 2.
 */
void		 cmd_jrecord_put(struct json_t *j);

#endif /* CMD_JRECORD_H */
