/*
 * Code addresses named from the guest's ELF: "function+0x10 (file.c:12)",
 * the function from the symbol table, the line from DWARF (elfutils'
 * libdw).  Linked into the tools that take --elf (rremu, rrdiff) only:
 * librr and the other tools do not depend on libdw.
 */
#ifndef CMD_SYM_H
#define CMD_SYM_H

#include <stddef.h>
#include <stdint.h>

struct cmd_sym;

/*
 * Open the ELF at path for names, if it is the image a log was recorded
 * from: its bytes hash (rr_hash64) to *image_hash, the header's (NULL:
 * the caller has checked).  0, or -1 after a message naming path (not
 * readable, not an ELF file, another image than the log's, nothing
 * libdw can read).
 */
int		 cmd_sym_open(struct cmd_sym **sp, const char *path,
		    const uint64_t *image_hash);
/* Accepts NULL. */
void		 cmd_sym_close(struct cmd_sym *s);
/*
 * addr as "function+0x10 (file.c:12)" into buf (the source file without
 * its directories; "function" alone at its first byte; no "(file:line)"
 * where the ELF has no line table for it).  0, or -1 with buf empty
 * when no symbol holds addr.  s may be NULL (-1).
 */
int		 cmd_sym_name(struct cmd_sym *s, uint32_t addr, char *buf,
		    size_t len);
/*
 * addr as messages show it: "0x80000010", followed by " " and its name
 * where it has one.  Returns buf.
 */
const char	*cmd_sym_addr(struct cmd_sym *s, uint32_t addr, char *buf,
		    size_t len);
/* The same as an emu_hooks symbolize hook (arg: a struct cmd_sym). */
int		 cmd_sym_hook(void *arg, uint32_t addr, char *buf, size_t len);

#endif /* CMD_SYM_H */
