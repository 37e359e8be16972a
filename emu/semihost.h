/*
 * RISC-V semihosting, the machine's half: the ARM semihosting calls a
 * guest makes with slli x0,x0,0x1f; ebreak; srai x0,x0,7 (off unless
 * rremu --semihosting).  What the host answers comes through the gate
 * (gate_semihost), so a record logs it and a replay takes it from the
 * log; everything else (handles, errno, the features file, HEAPINFO)
 * is machine state, the same in every mode, saved in section
 * "semihost".
 */
#ifndef EMU_SEMIHOST_H
#define EMU_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

struct machine;
struct rr_snap;

/* Operation numbers (a0), as the ARM semihosting specification. */
enum sh_op {
	SH_OPEN = 0x01,
	SH_CLOSE = 0x02,
	SH_WRITEC = 0x03,
	SH_WRITE0 = 0x04,
	SH_WRITE = 0x05,
	SH_READ = 0x06,
	SH_READC = 0x07,
	SH_ISTTY = 0x09,
	SH_SEEK = 0x0a,
	SH_FLEN = 0x0c,
	SH_CLOCK = 0x10,
	SH_TIME = 0x11,
	SH_ERRNO = 0x13,
	SH_GET_CMDLINE = 0x15,
	SH_HEAPINFO = 0x16,
	SH_EXIT = 0x18,
	SH_EXIT_EXTENDED = 0x20,
	SH_ELAPSED = 0x30,
	SH_TICKFREQ = 0x31
};

#define SH_FILES	16u	/* open handles at once: 1..16 */
#define SH_PATH_MAX	256u	/* a path under the root, NUL included */
#define SH_READ_MAX	16384u	/* bytes one READ takes from the host */
#define SH_CMDLINE_MAX	1024u	/* GET_CMDLINE, NUL included */
#define SH_TICKFREQ_HZ	1000000000u	/* ELAPSED ticks: ns */

/* errno values a guest sees: Linux's, as QEMU on Linux passes them. */
#define SH_ENOENT	2u
#define SH_EIO		5u
#define SH_E2BIG	7u
#define SH_EBADF	9u
#define SH_EACCES	13u
#define SH_EFAULT	14u
#define SH_EINVAL	22u
#define SH_EMFILE	24u
#define SH_ESPIPE	29u
#define SH_ENAMETOOLONG	36u
#define SH_ENOSYS	38u

enum sh_kind {
	SH_FREE = 0,
	SH_TT_IN,		/* ":tt" opened for reading: the console */
	SH_TT_OUT,		/* ":tt" opened for writing or appending */
	SH_FEATURES,		/* ":semihosting-features" */
	SH_FILE			/* a file under the root, read-only */
};

struct sh_handle {
	uint32_t	 kind;		/* enum sh_kind */
	uint32_t	 pos;		/* SH_FILE, SH_FEATURES: next read */
	char		 path[SH_PATH_MAX];	/* SH_FILE */
};

struct semihost {
	uint32_t	 on;		/* configuration: answer calls */
	uint32_t	 err;		/* errno of the last call that failed */
	uint32_t	 heap_lo;	/* HEAPINFO: the RAM between the image */
	uint32_t	 heap_hi;	/* and the device tree (machine_boot) */
	struct sh_handle h[SH_FILES];	/* handle i + 1 */
};

/*
 * One question for the host, and its answer (gate_semihost fills the
 * second half).  op says what: SH_OPEN, SH_READ, SH_FLEN of path,
 * SH_READ or SH_READC of the console (path NULL), SH_CLOCK, SH_TIME,
 * SH_ELAPSED, SH_GET_CMDLINE.
 */
struct sh_query {
	uint32_t	 op;
	const char	*path;		/* a file, or NULL: the console */
	uint64_t	 pos;		/* SH_READ of a file */
	size_t		 want;		/* bytes data has room for */
	int64_t		 result;	/* the call's result (a0) */
	uint32_t	 err;		/* errno when it failed */
	uint8_t		*data;		/* bytes read, the command line */
	size_t		 len;
};

/* What semihost_call did with an EBREAK. */
#define SH_NOT		0	/* not a semihosting call: a breakpoint */
#define SH_DONE		1	/* answered: the EBREAK retires */
#define SH_AGAIN	2	/* stopped before it (a stop, an error) */

/*
 * The hart is at an EBREAK (m->cpu.pc, m->icount set) with registers x:
 * answer it if semihosting is on and it is the semihosting sequence.
 */
int		 semihost_call(struct machine *m, uint32_t *x);
/* Power-on state: no handles, errno 0 ("on" and the heap kept). */
void		 semihost_reset(struct semihost *sh);
/* Snapshot section "semihost" (saved when on). */
int		 semihost_save(const struct semihost *sh, struct rr_snap *s);
/* Load section sec of s into sh, whole or not at all. */
int		 semihost_load(struct semihost *sh, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);

#endif /* EMU_SEMIHOST_H */
