#!/bin/sh
# Runs every fuzz target for SECONDS each, one after the other, over the seed corpus of
# tests/fuzz/corpus/<target>/ (read only) and a working corpus in BUILD/corpus/<target>/ (where new
# inputs go). Any finding (crash, sanitizer report, leak, an input slower than 25 s, more than 2 GB)
# is written to BUILD/findings/ and fails the run. Prints one line of figures per target.
#   sh tests/fuzz/run.sh BUILD SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
targets=${*:-front_matter markdown site_config template edition_record}
status=0
mkdir -p "$build/findings"
# LeakSanitizer cannot run where ptrace is refused (some containers): it then fails every run with a
# fatal error of its own. Probe once; without it, leaks go unchecked and everything else stays on.
if [ -z "${ASAN_OPTIONS:-}" ]; then
  first=$(echo "$targets" | cut -d' ' -f1)
  if "$build/fuzz_$first" -runs=1 "tests/fuzz/corpus/$first" 2>&1 | grep -q 'LeakSanitizer has encountered a fatal error'; then
    echo "fuzz: LeakSanitizer does not work here (ptrace refused); leaks are not checked" >&2
    export ASAN_OPTIONS=detect_leaks=0
  fi
fi
for t in $targets; do
  mkdir -p "$build/corpus/$t"
  log="$build/fuzz-$t.log"
  "$build/fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$t-" "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p')
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $t: ${seconds} s, $execs runs, $rate/s, cov $cov, ft $ft, corpus $corp, no finding"
  else
    echo "fuzz $t: FINDING (exit $rc) after $execs runs; see $log and $build/findings/" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -n 20 >&2
    status=1
  fi
done
exit $status
