/*
 * rrdiff's views of a difference, as text (diff -U hunks, the report of
 * where the state parts) and, for snapshot fields, as JSON records.
 */
#ifndef CMD_DIFFSHOW_H
#define CMD_DIFFSHOW_H

struct rr_diff_item;
struct rr_snapdiff_item;
struct rr_snap;

struct diffshow {
	const char	*a, *b;		/* the two files, as named */
	int		 json;		/* fields as JSON records */
	int		 quiet;		/* fields: print nothing */
	int		 shown;		/* the ---/+++ lines are out */
	const struct rr_snap *snap_a;	/* fields: for RAM addresses */
};

/* The ---/+++ lines, once. */
void		 diffshow_files(struct diffshow *ds);
/* A difference between two logs, as text (inputs are left out). */
void		 diffshow_item(struct diffshow *ds,
		    const struct rr_diff_item *it);
/* An rr_snap_diff callback: one differing field (arg: struct diffshow). */
void		 diffshow_field(void *arg, const struct rr_snapdiff_item *it);

#endif /* CMD_DIFFSHOW_H */
