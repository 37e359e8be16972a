/* Front-end helpers shared by the rr tools: one header for all of them. */
#ifndef CMD_COMMON_H
#define CMD_COMMON_H

#include "msg.h"	/* exit status, version, messages */
#include "args.h"	/* numbers, ranges, kind lists */
#include "out.h"	/* buffered standard output */
#include "text.h"	/* text views */
#include "jsonl.h"	/* the JSON Lines event record */
#include "input.h"	/* opening a log or a snapshot */
#include "progress.h"	/* progress on a terminal */
#include "color.h"	/* colour on stdout */

#endif /* CMD_COMMON_H */
