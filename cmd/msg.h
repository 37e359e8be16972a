/* Front-end status and messages: exit status, `prog: file: ...` on stderr. */
#ifndef CMD_MSG_H
#define CMD_MSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/rr.h"

#define CMD_VERSION	RR_LIB_VERSION

/* Exit status (rr(7)): a status only ever goes up. */
#define CMD_EXIT_OK	0	/* success */
#define CMD_EXIT_DATA	1	/* the data said no: invalid, different,
				   damaged input skipped */
#define CMD_EXIT_FAIL	2	/* trouble: usage, I/O, unsupported */

/* Set once from main(); used as the prefix of every message. */
extern const char *cmd_prog;

/*
 * Call first in main(): sets the program name, restores the default
 * SIGPIPE action, so `tool | head` ends quietly whatever the parent set,
 * and makes exit() flush what the cmd_put* functions buffered.
 */
void		 cmd_init(const char *prog);

/* Raise the exit status to st (never lowers it); returns the new one. */
int		 cmd_status(int st);
/*
 * Flush buffered output and stdout, check the close of stdout, and return
 * the final exit status (2 if stdout could not be written).  Call as
 * `return cmd_exit();` at the end of main().
 */
int		 cmd_exit(void);

/* `prog --version`: tool, library and format versions, on stdout. */
void		 cmd_version(void);

/*
 * A file name fit for a message: "-" is shown as "(stdin)", control
 * bytes (and DEL) as '?'.  Returned in one of 4 rotating static buffers.
 */
const char	*cmd_name(const char *file);
/* Mask control bytes of s into buf (always terminated); returns buf. */
char		*cmd_mask(char *buf, size_t size, const char *s);

/*
 * Messages on stderr: `prog: file: offset N: event N: message`.  file may
 * be NULL, offset RR_NO_OFFSET and event RR_NO_EVENT to leave a part out.
 * Buffered stdout is flushed first, so data and messages keep their order.
 */
void		 cmd_msg(const char *file, uint64_t offset, uint64_t event,
		    const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
void		 cmd_vmsg(const char *file, uint64_t offset, uint64_t event,
		    const char *fmt, va_list ap);
/* `prog: file: message: strerror(errno)`. */
void		 cmd_syserr(const char *file, int errnum, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* A library error with its offset, event and errno. */
void		 cmd_rrerr(const char *file, const struct rr_error *e);
/* Its text as cmd_rrerr says it, without file and place, in buf. */
const char	*cmd_rrerr_text(const struct rr_error *e, char *buf,
		    size_t size);
/*
 * A log or snapshot about to be written to out: when out is "-" and
 * standard output is a terminal, say so and return -1 (the caller exits
 * 2), unless tty_ok (the tool's --tty).  0 when it may be written.
 */
int		 cmd_binary_out(const char *out, int tty_ok);
/*
 * The exit status a library error calls for: 1 for damaged data
 * (truncated, corrupt, over a limit), 2 for trouble (I/O, memory,
 * unsupported version, misuse).
 */
int		 cmd_errstatus(const struct rr_error *e);
/*
 * After a walk that read END: a log whose end is not a valid footer
 * (damaged, cut short, bytes after it) is said so, exit 1, as rrverify.
 */
struct rr_reader;
void		 cmd_end_check(const char *file, struct rr_reader *r);

#endif /* CMD_MSG_H */
