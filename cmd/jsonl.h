/* Front-end JSON Lines view of events, formatted by hand (text.h: text). */
#ifndef CMD_JSONL_H
#define CMD_JSONL_H

#include "../lib/rr.h"

/*
 * One event as a JSON Lines record (rr(7), "JSON Lines"), by hand:
 * the same bytes cmd_putjson gives for rr_event_json() with "type"
 * first, at a fraction of the cost.
 */
void		 cmd_event_json(const struct rr_event *ev);

/*
 * JSON Lines records through jansson, "type" first so it leads the line.
 * cmd_new_record: a new object with "type" set (NULL on ENOMEM).
 * cmd_put_record: set "type" and print j as one line; takes the
 * reference, and reports (exit status 2) a NULL j or a failure.
 */
struct json_t;
struct json_t	*cmd_new_record(const char *type);
void		 cmd_put_record(struct json_t *j, const char *type);
/*
 * The checking tools' records: a new {"type": type} with "file": file
 * unless NULL (NULL on ENOMEM); cmd_jrecord_put prints j as one line and
 * drops the reference (NULL is reported and raises the status to 2).
 */
struct json_t	*cmd_jrecord(const char *type, const char *file);
void		 cmd_jrecord_put(struct json_t *j);

#endif /* CMD_JSONL_H */
