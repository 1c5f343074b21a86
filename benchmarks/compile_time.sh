#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Compile-time cost of the library (g++ -std=c++20 -O2 -c, one translation unit each):
#
#   baseline.cpp             includes only <boost/json.hpp> (and serializes one object)
#   header_only              includes only <portone/komoju.hpp>
#   build_requests.cpp       the umbrella, plus one request per KOMOJU method built through the
#                            compile-time path (the budget: at most 1.0 s more than the baseline)
#   build_requests.cpp -DPORTONE_SERIALIZE  the same, each request also written as JSON
#
# The machines are shared and noisy, so each figure is the best of N runs of user+system CPU time
# (less disturbed by other tenants than wall time), with the peak memory of that run, from GNU time.
#
#   benchmarks/compile_time.sh [runs=5] [compiler=g++]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cxx=${2:-g++}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '#include <portone/komoju.hpp>\n' >"$out/header_only.cpp"

measure() { # source [flags] -> "best_cpu_seconds peak_MiB"
    local best="" mem=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%U %S %M' -o "$out/t" "$cxx" -std=c++20 -O2 -Iinclude "${@:2}" -c "$1" -o "$out/o.o"
        read -r user sys kb <"$out/t"
        s=$(awk "BEGIN{print $user + $sys}")
        if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; mem=$kb; fi
    done
    echo "$best $((mem / 1024))"
}

read -r base_s base_m < <(measure benchmarks/compile_time/baseline.cpp)
read -r head_s head_m < <(measure "$out/header_only.cpp")
read -r build_s build_m < <(measure benchmarks/compile_time/build_requests.cpp)
read -r ser_s ser_m < <(measure benchmarks/compile_time/build_requests.cpp -DPORTONE_SERIALIZE)
over() { awk "BEGIN{printf \"%+.2f\", $1 - $base_s}"; }
echo "compiler: $("$cxx" --version | head -1); best of $runs; CPU seconds (user+sys)"
printf '%-40s %6.2f s  %4d MiB\n' "baseline (<boost/json.hpp>)" "$base_s" "$base_m"
printf '%-40s %6.2f s  %4d MiB  %s s\n' "<portone/komoju.hpp> only" "$head_s" "$head_m" "$(over "$head_s")"
printf '%-40s %6.2f s  %4d MiB  %s s\n' "+ 17 requests built (budget +1.00 s)" "$build_s" "$build_m" "$(over "$build_s")"
printf '%-40s %6.2f s  %4d MiB  %s s\n' "+ 17 requests built and serialized" "$ser_s" "$ser_m" "$(over "$ser_s")"
awk "BEGIN{exit !($build_s - $base_s <= 1.0)}" || { echo "OVER BUDGET"; exit 1; }
