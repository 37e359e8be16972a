/* Front-end colour on stdout: --color=auto|always|never and NO_COLOR. */
#ifndef CMD_COLOR_H
#define CMD_COLOR_H

/* What a piece of text is, for its colour. */
enum cmd_paint {
	CMD_PAINT_CAUSE = 0,	/* rrdiff: "cause:" */
	CMD_PAINT_EFFECT,	/* rrdiff: "effect:" */
	CMD_PAINT_OLD,		/* a line of the first file ('-', "---") */
	CMD_PAINT_NEW,		/* a line of the second file ('+', "+++") */
	CMD_PAINT_HUNK,		/* "@@ ... @@" */
	CMD_PAINT_FIELD,	/* the name of a field that differs */
	CMD_PAINT_GOOD,		/* valid, matches, the same */
	CMD_PAINT_WARN,		/* truncated, different */
	CMD_PAINT_BAD		/* corrupt, unsupported, diverges */
};

/*
 * --color's argument: sets whether text on stdout is coloured, once:
 * always, never, or auto (stdout is a terminal, TERM is set and not
 * "dumb", and NO_COLOR is unset or empty).  NULL is auto, the default.
 * 0, or -1 after a message for a bad value (a usage error).
 */
int		 cmd_color_option(const char *arg);
/* Is text on stdout coloured?  (auto until cmd_color_option.) */
int		 cmd_color(void);
/*
 * The sequences around text of kind what: "" both when colour is off.
 * JSON, JUnit and HTML are never painted.
 */
const char	*cmd_paint(enum cmd_paint what);
const char	*cmd_paint_end(void);
/* cmd_puts of s between them. */
void		 cmd_put_painted(enum cmd_paint what, const char *s);
/*
 * A verdict word painted by what it means: valid and matches good,
 * truncated a warning, any other (corrupt, unsupported, diverges,
 * differs) bad.
 */
void		 cmd_put_verdict(const char *verdict);

#endif /* CMD_COLOR_H */
