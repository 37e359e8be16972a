/*
 * rrdiff's views of a difference, as text (diff -U hunks, the report of
 * where the state parts) and, for snapshot fields, as JSON records.
 */
#ifndef CMD_DIFFSHOW_H
#define CMD_DIFFSHOW_H

#include <stddef.h>
#include <stdint.h>

struct rr_diff_item;
struct rr_snapdiff_item;
struct rr_snap;

struct diffshow {
	const char	*a, *b;		/* the two files, as named */
	int		 json;		/* fields as JSON records */
	int		 quiet;		/* fields: print nothing */
	int		 shown;		/* the ---/+++ lines are out */
	const struct rr_snap *snap_a;	/* fields: for RAM addresses */
	/* --elf: a code address named (cmd_sym_hook), or NULL */
	int		(*symbolize)(void *arg, uint32_t addr, char *buf,
			    size_t len);
	void		*sym_arg;
};

/* The ---/+++ lines, once. */
void		 diffshow_files(struct diffshow *ds);
/* A difference between two logs, as text. */
void		 diffshow_item(struct diffshow *ds,
		    const struct rr_diff_item *it);
/* The same as a JSON Lines record (diff_cause, diff_effect, ...). */
void		 diffshow_item_json(struct diffshow *ds,
		    const struct rr_diff_item *it);
/*
 * --exact's finding: {"type":"diff_instruction","icount","pc"}, and
 * "symbol" (--elf's name of the pc) unless NULL.
 */
void		 diffshow_instruction_json(uint64_t icount, uint32_t pc,
		    const char *symbol);
/*
 * The result record, last: status (the exit status), the first
 * difference, its cause and effect, --exact's instruction.  fields:
 * snapshot fields that differ (two snapshots, --at).
 */
struct rr_diff_report;
void		 diffshow_result_json(const struct rr_diff_report *r,
		    int status, uint64_t fields, const char *first,
		    int have_instr, uint64_t icount, uint32_t pc);
/* An rr_snap_diff callback: one differing field (arg: struct diffshow). */
void		 diffshow_field(void *arg, const struct rr_snapdiff_item *it);

#endif /* CMD_DIFFSHOW_H */
