/*
 * vmbench: the same memory workload in M-mode with paging off and in
 * U-mode under Sv32 (4 KiB pages), for make bench; a checksum of each.
 */
#include "rt.h"

/*
 * Rounds over the buffer, and which runs: 0 both, 1 M only, 2 U only.
 * In their own section so a benchmark can patch them into the ELF.
 */
__attribute__((section(".param"), used))
volatile uint32_t vm_rounds = 4;
__attribute__((section(".param"), used))
volatile uint32_t vm_mode = 0;

#define BUF		(1u << 20)	/* 256 pages */
#define LINE		64u

static uint8_t	 buf[BUF] __attribute__((aligned(4096)));
static uint32_t	 root[1024] __attribute__((aligned(4096)));
static uint32_t	 leaf[1024] __attribute__((aligned(4096)));

uint32_t	 run_user(uint32_t (*)(uint32_t), uint32_t);
void		 user_exit(void);

/*
 * run_user: call fn(arg) in U-mode and return its result.  The callee-
 * saved registers and the stack pointer wait in the M stack and
 * mscratch; fn returns to user_exit, whose ECALL comes back to M at
 * user_back, which restores them.
 */
__asm__(
	"	.text\n"
	"	.globl	run_user\n"
	"	.balign	4\n"
	"run_user:\n"
	"	addi	sp, sp, -64\n"
	"	sw	ra, 0(sp)\n"
	"	sw	s0, 4(sp)\n"
	"	sw	s1, 8(sp)\n"
	"	sw	s2, 12(sp)\n"
	"	sw	s3, 16(sp)\n"
	"	sw	s4, 20(sp)\n"
	"	sw	s5, 24(sp)\n"
	"	sw	s6, 28(sp)\n"
	"	sw	s7, 32(sp)\n"
	"	sw	s8, 36(sp)\n"
	"	sw	s9, 40(sp)\n"
	"	sw	s10, 44(sp)\n"
	"	sw	s11, 48(sp)\n"
	"	sw	gp, 52(sp)\n"
	"	sw	tp, 56(sp)\n"
	"	csrw	mscratch, sp\n"
	"	csrr	t0, mtvec\n"
	"	sw	t0, 60(sp)\n"
	"	la	t0, user_back\n"
	"	csrw	mtvec, t0\n"
	"	csrw	mepc, a0\n"
	"	mv	a0, a1\n"
	"	la	ra, user_exit\n"
	"	li	t0, 0x1800\n"		/* MPP = U */
	"	csrc	mstatus, t0\n"
	"	mret\n"
	"	.globl	user_exit\n"
	"user_exit:\n"
	"	ecall\n"
	"	.balign	4\n"
	"user_back:\n"
	"	csrr	sp, mscratch\n"
	"	lw	t0, 60(sp)\n"
	"	csrw	mtvec, t0\n"
	"	lw	ra, 0(sp)\n"
	"	lw	s0, 4(sp)\n"
	"	lw	s1, 8(sp)\n"
	"	lw	s2, 12(sp)\n"
	"	lw	s3, 16(sp)\n"
	"	lw	s4, 20(sp)\n"
	"	lw	s5, 24(sp)\n"
	"	lw	s6, 28(sp)\n"
	"	lw	s7, 32(sp)\n"
	"	lw	s8, 36(sp)\n"
	"	lw	s9, 40(sp)\n"
	"	lw	s10, 44(sp)\n"
	"	lw	s11, 48(sp)\n"
	"	lw	gp, 52(sp)\n"
	"	lw	tp, 56(sp)\n"
	"	addi	sp, sp, 64\n"
	"	ret\n");

/* Every line of every page, rounds times: loads, stores, arithmetic. */
__attribute__((noinline)) static uint32_t
work(uint32_t rounds)
{
	uint32_t r, i, sum = 0;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < BUF; i += LINE) {
			sum = sum * 31 + buf[i] + (i >> 12);
			buf[i] = (uint8_t)(sum + r);
			buf[i + LINE / 2] ^= (uint8_t)(sum >> 8);
		}
	return sum;
}

int
main(void)
{
	uint32_t i, ram = 0x80000000u, sum;

	/*
	 * The first 4 MiB of RAM (the image, its stack and buf) mapped at
	 * their own addresses for U, 4 KiB pages; PMP open to U.
	 */
	for (i = 0; i < 1024; i++)
		leaf[i] = ((ram + (i << 12)) >> 12) << 10 | 0xdf;
	root[ram >> 22] = ((uint32_t)(uintptr_t)leaf >> 12) << 10 | 1;
	__asm__ volatile ("csrw pmpaddr0, %0" :: "r"(0xffffffffu));
	__asm__ volatile ("csrw pmpcfg0, %0" :: "r"(0x1fu));
	__asm__ volatile ("csrw satp, %0" :: "r"(0x80000000u |
	    (uint32_t)(uintptr_t)root >> 12));
	__asm__ volatile ("sfence.vma" ::: "memory");
	if (vm_mode != 2) {
		memset(buf, 0, BUF);
		sum = work(vm_rounds);
		printf("vmbench: M-mode, paging off: %lu rounds, checksum "
		    "%08lx\n", vm_rounds, sum);
	}
	if (vm_mode != 1) {
		memset(buf, 0, BUF);
		sum = run_user(work, vm_rounds);
		printf("vmbench: U-mode, Sv32: %lu rounds, checksum %08lx\n",
		    vm_rounds, sum);
	}
	return 0;
}
