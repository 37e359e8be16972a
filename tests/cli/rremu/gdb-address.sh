# --gdb's address is checked before anything runs: a port of 0 to 65535
# (0: one the system picks) and a host name or address; a bad one is a
# usage error (exit 125) that says what is wrong, and nothing listens.
# try ADDR: the status and the first line of stderr
try() {
	$B/rremu run --gdb "$1" $B/guests/hello.elf >/dev/null 2>"$T/e" </dev/null
	echo "$1: $? $(head -n 1 "$T/e")"
}
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
try 99999
try 65536
try 127.0.0.1:99999
try 127.0.0.1:notaport
try 127.0.0.1:
try -1
try 12x
try "bad host:1234"
try "::1:1234"
try ""
