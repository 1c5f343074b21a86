#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Compile-time cost of the library (g++ -std=c++20 -O2 -c, one translation unit each), over a
# baseline, header-only and with separate compilation (-DPORTONE_SEPARATE_COMPILATION, what
# portone::compiled users get; the library's own .ipp code is then compiled once, elsewhere):
#
#   baseline.cpp             includes only <boost/json.hpp> (and serializes one object)
#   umbrella.cpp             includes only <portone/komoju.hpp>
#   one_request.cpp          one request built and serialized, with the three headers it needs
#   build_requests.cpp -DPORTONE_SERIALIZE  the umbrella, and one request per KOMOJU method built
#                            through the compile-time path and written as JSON
#
# Budgets (issue #12), in CPU seconds over the baseline: compiled, the 17 requests +1.0 and one
# request +0.5; header-only, the 17 requests +2.0 and one request +1.2.
#
# The machines are shared and noisy, so each figure is the best of N runs of user+system CPU time
# (less disturbed by other tenants than wall time), with the peak memory of that run, from GNU
# time. tests/compile_budget tracks the same translation units by g++'s GGC allocation
# (-fmem-report), which does not depend on load.
#
#   benchmarks/compile_time.sh [runs=5] [compiler=g++]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cxx=${2:-g++}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

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

tu=benchmarks/compile_time
sep=-DPORTONE_SEPARATE_COMPILATION
read -r base_s base_m < <(measure $tu/baseline.cpp)
over() { awk "BEGIN{printf \"%+.2f\", $1 - $base_s}"; }
status=0
line() { # label seconds MiB [budget]
    local verdict=""
    if [ -n "${4:-}" ]; then
        if awk "BEGIN{exit !($2 - $base_s <= $4)}"; then verdict="within +$4"
        else verdict="OVER +$4"; status=1; fi
    fi
    printf '%-52s %6.2f s  %4d MiB  %s s  %s\n' "$1" "$2" "$3" "$(over "$2")" "$verdict"
}
echo "compiler: $("$cxx" --version | head -1); best of $runs; CPU seconds (user+sys)"
printf '%-52s %6.2f s  %4d MiB\n' "baseline (<boost/json.hpp>)" "$base_s" "$base_m"
read -r s m < <(measure $tu/umbrella.cpp);                          line "<portone/komoju.hpp> only, header-only" "$s" "$m"
read -r s m < <(measure $tu/umbrella.cpp $sep);                     line "<portone/komoju.hpp> only, compiled" "$s" "$m"
read -r s m < <(measure $tu/one_request.cpp);                       line "one request, three headers, header-only" "$s" "$m" 1.2
read -r s m < <(measure $tu/one_request.cpp $sep);                  line "one request, three headers, compiled" "$s" "$m" 0.5
read -r s m < <(measure $tu/build_requests.cpp -DPORTONE_SERIALIZE);      line "umbrella + 17 requests serialized, header-only" "$s" "$m" 2.0
read -r s m < <(measure $tu/build_requests.cpp -DPORTONE_SERIALIZE $sep); line "umbrella + 17 requests serialized, compiled" "$s" "$m" 1.0
exit $status
