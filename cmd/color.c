/* Front-end colour on stdout: --color=auto|always|never and NO_COLOR. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "color.h"
#include "msg.h"
#include "out.h"

/* -1: not decided yet (auto at first use). */
static int on = -1;

/* SGR parameters, by enum cmd_paint (as diff(1) and git colour them). */
static const char *const sgr[] = {
	"\033[1;33m",	/* cause: bold yellow */
	"\033[1;35m",	/* effect: bold magenta */
	"\033[31m",	/* old: red */
	"\033[32m",	/* new: green */
	"\033[36m",	/* hunk: cyan */
	"\033[1m",	/* field: bold */
	"\033[1;32m",	/* good: bold green */
	"\033[1;33m",	/* warn: bold yellow */
	"\033[1;31m"	/* bad: bold red */
};

static int
automatic(void)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	/* https://no-color.org: set and not empty turns auto off. */
	if (no != NULL && no[0] != '\0')
		return 0;
	if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

int
cmd_color_option(const char *arg)
{
	if (arg == NULL || strcmp(arg, "auto") == 0)
		on = automatic();
	else if (strcmp(arg, "always") == 0)
		on = 1;
	else if (strcmp(arg, "never") == 0)
		on = 0;
	else {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--color: want auto, "
		    "always or never, not '%s'", arg);
		return -1;
	}
	return 0;
}

int
cmd_color(void)
{
	if (on < 0)
		on = automatic();
	return on;
}

const char *
cmd_paint(enum cmd_paint what)
{
	if (!cmd_color() || (size_t)what >= sizeof(sgr) / sizeof(sgr[0]))
		return "";
	return sgr[what];
}

const char *
cmd_paint_end(void)
{
	return cmd_color() ? "\033[m" : "";
}

void
cmd_put_painted(enum cmd_paint what, const char *s)
{
	cmd_puts(cmd_paint(what));
	cmd_puts(s);
	cmd_puts(cmd_paint_end());
}

void
cmd_put_verdict(const char *v)
{
	cmd_put_painted(strcmp(v, "valid") == 0 || strcmp(v, "matches") == 0 ?
	    CMD_PAINT_GOOD : strcmp(v, "truncated") == 0 ? CMD_PAINT_WARN :
	    CMD_PAINT_BAD, v);
}
