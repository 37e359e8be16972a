# Helpers the benchmark scripts share (tests/bench/*.sh).  Needs RS (the
# bench_runstat binary) and REPS.

# best CMD...: best wall time of REPS runs (SEC) and the largest RSS
# (KiB); a run that fails stops the benchmark.
best() {
	SEC= RSS=
	_i=0
	while [ $_i -lt "$REPS" ]; do
		_r=$($RS - /dev/null "$@") || {
			echo "bench: failed: $*" >&2
			exit 1
		}
		_s=${_r%% *} _rest=${_r#* }
		_m=${_rest%% *}
		if [ -z "$SEC" ] || awk "BEGIN{exit !($_s < $SEC)}"; then SEC=$_s; fi
		if [ -z "$RSS" ] || [ "$_m" -gt "$RSS" ]; then RSS=$_m; fi
		_i=$((_i + 1))
	done
}
mib() { awk "BEGIN{printf \"%.1f\", $1 / 1024}"; }
