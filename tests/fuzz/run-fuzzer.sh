#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzzer.sh FUZZER WORKDIR DICT SEED...
#
# Runs the libFuzzer target FUZZER for $CHRONO_FUZZ_SECONDS seconds
# (default 30) on a fresh working corpus in WORKDIR/corpus, made from the
# SEED files and directories (the source tree is never written to), with
# the dictionary DICT ("" for none).  Any crash, leak, sanitizer report,
# input slower than $CHRONO_FUZZ_TIMEOUT seconds (default 10) or over
# 2 GiB fails the run: the reproducer is kept in WORKDIR/artifacts and
# its path printed, with the command that replays it.
#
# Registered as the meson tests of the "fuzz" suite; see HACKING.md.

set -u

if [ $# -lt 3 ]; then
  echo "usage: $0 FUZZER WORKDIR DICT SEED..." >&2
  exit 2
fi

fuzzer=$(realpath "$1")
work=$2
dict=$3
shift 3
seconds=${CHRONO_FUZZ_SECONDS:-30}
timeout=${CHRONO_FUZZ_TIMEOUT:-10}
name=$(basename "$fuzzer")

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts" || exit 1

# Seeds from several directories may share a name (bad/empty.json and
# good/empty.json): prefix each with its directory's.
for seed in "$@"; do
  if [ -d "$seed" ]; then
    for file in "$seed"/*; do
      [ -f "$file" ] || continue
      cp "$file" "$work/corpus/$(basename "$seed")-$(basename "$file")"
    done
  elif [ -f "$seed" ]; then
    cp "$seed" "$work/corpus/"
  fi
done

dict_opt=()
if [ -n "$dict" ]; then
  dict_opt=("-dict=$dict")
fi

# Leaks end the run like crashes; fontconfig's caches are not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(dirname "$0")/lsan.supp:print_suppressions=0}
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

echo "$name: fuzzing for $seconds s from $(ls "$work/corpus" | wc -l) seeds"
# libFuzzer stops by itself; the outer limit only keeps a wedged run
# (which meson does not time out) from holding CI up.
timeout --kill-after=30 $((seconds + 3 * timeout + 120)) \
  "$fuzzer" \
    -max_total_time="$seconds" \
    -timeout="$timeout" \
    -rss_limit_mb=2048 \
    -malloc_limit_mb=2048 \
    -detect_leaks=1 \
    -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" \
    "${dict_opt[@]}" \
    "$work/corpus" > "$work/fuzzer.log" 2>&1
rc=$?

shopt -s nullglob
artifacts=("$work"/artifacts/crash-* "$work"/artifacts/leak-* "$work"/artifacts/timeout-* \
           "$work"/artifacts/oom-*)
if [ "$rc" -ne 0 ] || [ ${#artifacts[@]} -gt 0 ]; then
  # The report (sanitizer output, assertion, stack) runs from its first
  # line to the end of the log.
  report='==[0-9]+==ERROR|runtime error:|^\*\*$|ALARM: working on the last Unit|out-of-memory'
  if grep -qE "$report" "$work/fuzzer.log"; then
    RE="$report" awk '$0 ~ ENVIRON["RE"] { p = 1 } p' "$work/fuzzer.log"
  else
    tail -n 80 "$work/fuzzer.log"
  fi
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "$name: did not stop after $seconds s; killed"
  fi
  echo "$name: FAILED (exit status $rc)"
  for artifact in "${artifacts[@]}"; do
    echo "reproducer: $artifact"
    echo "  replay with: LSAN_OPTIONS=$LSAN_OPTIONS $fuzzer $artifact"
  done
  echo "full log: $work/fuzzer.log"
  exit 1
fi

grep '^stat::' "$work/fuzzer.log"
echo "$name: no findings in $seconds s"
exit 0
