/*
 * labels: code that no label names but the mapping symbol the assembler
 * puts at the start of each code section ("$x..."), 4 bytes after
 * _start: tests/unit/check_sym.c names it _start+0x4, never "$x...".
 * Not run.
 */
	.section .text.init, "ax", @progbits
	.option norvc
	.globl	_start
_start:
	j	_start
	.text
	nop
	j	_start
