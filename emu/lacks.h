/*
 * What an instruction this machine cannot run belongs to, for the
 * message of a guest that stops on it.
 */
#ifndef EMU_LACKS_H
#define EMU_LACKS_H

#include <stddef.h>
#include <stdint.h>

/*
 * If instruction w (len 2 or 4 bytes; a 16-bit one in the low half)
 * belongs to an extension, privilege mode or base this machine lacks,
 * write what it is and what is missing into buf ("csrw satp: S-mode is
 * not implemented") and return 1; otherwise return 0 (buf untouched).
 */
int		 lacks_name(uint32_t w, int len, char *buf, size_t size);

#endif /* EMU_LACKS_H */
