#!/bin/sh
# uartbench-input.sh: print uartbench's input: LINES text lines, then "END".
# uartbench.in is "sh uartbench-input.sh 300"; benchmarks may ask for more.
lines=${1:-300}
case $lines in
''|*[!0-9]*) echo "usage: uartbench-input.sh [LINES]" >&2; exit 2 ;;
esac
# Each line: its number, then 60 printable ASCII bytes starting at a
# rotating offset, so every printable byte value crosses the UART.
awk -v n="$lines" 'BEGIN {
	for (c = 32; c < 127; c++)
		p = p sprintf("%c", c)
	p = p p
	for (i = 0; i < n; i++)
		printf "%05d %s\n", i, substr(p, i % 95 + 1, 60)
	print "END"
}'
