# On a pipe, rrdump reads the log to its end, footer and trailer too, so
# the program writing the pipe (rremu record -o -) is not killed by
# SIGPIPE: nothing is left unread when the selection runs to the end.
for sel in "" "-k end" "--stats" "--json -k checkpoint"; do
	cat $B/data/good-basic.rr | { $B/rrdump $sel >/dev/null; echo "rrdump $sel: $?"; wc -c | tr -d ' '; }
done
