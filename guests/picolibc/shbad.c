/*
 * shbad: semihosting calls with bad arguments, each of which must come
 * back -1 with an errno and leave the run going: pointers outside RAM,
 * huge lengths, bad handles, paths that leave the root folder ("..",
 * an absolute path, a symbolic link), a file opened for writing, too
 * many open files, operations this machine lacks.  Then the calls that
 * work with odd arguments.  tests/emu/semihost.sh makes the root.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RAM_END		0x88000000u	/* 128 MiB at 0x80000000 */

static uintptr_t
sh(uintptr_t op, uintptr_t arg)
{
	register uintptr_t a0 __asm__("a0") = op;
	register uintptr_t a1 __asm__("a1") = arg;

	__asm__ volatile (
	    ".balign 16\n\t"
	    ".option push\n\t"
	    ".option norvc\n\t"
	    "slli x0, x0, 0x1f\n\t"
	    "ebreak\n\t"
	    "srai x0, x0, 7\n\t"
	    ".option pop"
	    : "+r" (a0) : "r" (a1) : "memory");
	return a0;
}

static void
say(const char *what, uintptr_t r)
{
	int e = (int)sh(0x13, 0);	/* ERRNO */

	if ((intptr_t)r == -1)
		printf("shbad: %s: -1 errno %d\n", what, e);
	else
		printf("shbad: %s: %ld\n", what, (long)r);
}

static uintptr_t
open3(const char *name, uintptr_t len, uintptr_t mode)
{
	uintptr_t a[3] = { (uintptr_t)name, mode, len };

	return sh(0x01, (uintptr_t)a);
}

static uintptr_t
rw(int op, uintptr_t h, uintptr_t buf, uintptr_t len)
{
	uintptr_t a[3] = { h, buf, len };

	return sh((uintptr_t)op, (uintptr_t)a);
}

static uintptr_t
one(int op, uintptr_t h)
{
	return sh((uintptr_t)op, (uintptr_t)&h);
}

int
main(void)
{
	static char buf[64];
	uintptr_t h, tt, a[4], blk[4], *pb = blk;
	volatile char *end = (volatile char *)(RAM_END - 4);
	int i, n;

	say("open, name outside RAM", open3((const char *)0x1000, 4, 0));
	say("open, name runs past RAM", open3((const char *)(RAM_END - 2),
	    8, 0));
	say("open, name of 100000 bytes", open3("x", 100000, 0));
	say("open, mode 12", open3("shfile.txt", 10, 12));
	say("open ../outside.txt", open3("../outside.txt", 14, 0));
	say("open sub/../shfile.txt", open3("sub/../shfile.txt", 17, 0));
	say("open /etc/passwd", open3("/etc/passwd", 11, 0));
	say("open link.txt (a link out)", open3("link.txt", 8, 0));
	say("open sub/link (a link to a folder)", open3("sublink/x.txt", 13,
	    0));
	say("open dir (a folder)", open3("dir", 3, 0));
	say("open shfile.txt for writing", open3("shfile.txt", 10, 4));
	say("open missing.txt", open3("missing.txt", 11, 0));
	say("open an empty name", open3("", 0, 0));
	h = open3(".//shfile.txt", 13, 0);
	say("open .//shfile.txt", h);
	say("close it", one(0x02, h));
	h = open3("shfile.txt", 10, 0);
	say("open shfile.txt", h);
	tt = open3(":tt", 3, 4);
	say("open :tt for writing", tt);

	say("read, bad handle 99", rw(0x06, 99, (uintptr_t)buf, 4));
	say("read, handle 0", rw(0x06, 0, (uintptr_t)buf, 4));
	say("read, buffer outside RAM", rw(0x06, h, 0x1000, 4));
	say("read, 2 GiB into RAM", rw(0x06, h, (uintptr_t)buf, 0x7fffffff));
	say("read, 0 bytes", rw(0x06, h, (uintptr_t)buf, 0));
	say("write to a file", rw(0x05, h, (uintptr_t)buf, 4));
	say("write, 2 GiB from RAM", rw(0x05, tt, (uintptr_t)buf,
	    0x7fffffff));
	say("write, bad handle", rw(0x05, 77, (uintptr_t)buf, 4));
	say("seek :tt", sh(0x0a, (uintptr_t)(a[0] = tt, a[1] = 0, a)));
	say("seek past 2 GiB", sh(0x0a, (uintptr_t)(a[0] = h,
	    a[1] = 0x80000000u, a)));
	say("seek to 4", sh(0x0a, (uintptr_t)(a[0] = h, a[1] = 4, a)));
	memset(buf, 0, sizeof(buf));
	say("read 8 at 4", rw(0x06, h, (uintptr_t)buf, 8));
	printf("shbad: read \"%s\"\n", buf);
	say("flen", one(0x0c, h));
	say("flen :tt", one(0x0c, tt));
	say("istty :tt", one(0x09, tt));
	say("istty file", one(0x09, h));
	say("istty bad", one(0x09, 1234));
	say("close", one(0x02, h));
	say("close again", one(0x02, h));
	say("read a closed handle", rw(0x06, h, (uintptr_t)buf, 4));

	for (i = n = 0; i < 20; i++)
		if ((intptr_t)open3(":tt", 3, 0) != -1)
			n++;
	printf("shbad: %d of 20 :tt opens\n", n);
	say("open with every handle taken", open3("shfile.txt", 10, 0));
	for (i = 1; i <= 16; i++)
		if ((uintptr_t)i != tt)
			one(0x02, (uintptr_t)i);

	say("system (not here)", sh(0x12, (uintptr_t)a));
	say("remove (not here)", sh(0x0e, (uintptr_t)a));
	say("operation 0xff", sh(0xff, 0));
	say("tickfreq", sh(0x31, 0));
	say("heapinfo, block outside RAM", sh(0x16, (uintptr_t)(a[0] = 8,
	    a)));
	say("heapinfo", sh(0x16, (uintptr_t)&pb));
	printf("shbad: heap 0x%08lx-0x%08lx stack 0x%08lx-0x%08lx\n",
	    (unsigned long)blk[0], (unsigned long)blk[1],
	    (unsigned long)blk[3], (unsigned long)blk[2]);
	say("elapsed, outside RAM", sh(0x30, 0x1000));
	printf("shbad: TIME says %s\n", sh(0x11, 0) > 1700000000u ?
	    "after 2023" : "before 2024");
	say("get_cmdline, 2 bytes", sh(0x15, (uintptr_t)(a[0] =
	    (uintptr_t)buf, a[1] = 2, a)));
	say("get_cmdline", sh(0x15, (uintptr_t)(a[0] = (uintptr_t)buf,
	    a[1] = sizeof(buf), a)));
	printf("shbad: command line \"%s\", %lu bytes\n", buf,
	    (unsigned long)a[1]);
	end[0] = 'e';
	end[1] = 'n';
	end[2] = 'd';
	end[3] = '\n';
	sh(0x04, RAM_END - 4);	/* WRITE0 with no NUL before RAM ends */
	printf("shbad: still running\n");
	return 0;
}
