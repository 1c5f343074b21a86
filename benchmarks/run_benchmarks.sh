#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Builds the speed benchmarks with g++ and clang++ at -O2 and -O3 (four build directories,
# build/bench-{gcc,clang}-{O2,O3}: CMake Release is -O3, and -O2 is Release with
# CMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG"), runs each binary once per combination, and prints the
# median CPU time of each benchmark with its allocations per call, then the ratios the targets
# are stated in (docs/benchmarks.md), each computed from medians of the same run.
#
#   benchmarks/run_benchmarks.sh [repetitions] [extra benchmark flags...]
#
# The machine may be shared: builds use -j1, and the repetitions of all benchmarks of a binary
# are interleaved in random order, so that a change of load during a run does not favour the
# benchmarks that happen to run first. The JSON results stay in build/bench-*/results-*.json.
set -euo pipefail

repetitions=${1:-5}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)

for compiler in gcc clang; do
    cxx=g++
    [ "$compiler" = clang ] && cxx=clang++
    for level in O2 O3; do
        dir="$root/build/bench-$compiler-$level"
        flags=()
        [ "$level" = O2 ] && flags=(-DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG")
        cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_CXX_COMPILER="$cxx" "${flags[@]}" -DPORTONE_BUILD_BENCHMARKS=ON \
            -DPORTONE_BUILD_TESTS=OFF -DPORTONE_BUILD_EXAMPLES=OFF >/dev/null
        cmake --build "$dir" -j1 --target portone_serialize_benchmark portone_webhook_benchmark
    done
done

for compiler in gcc clang; do
    for level in O2 O3; do
        dir="$root/build/bench-$compiler-$level"
        for bench in serialize webhook; do
            "$dir/benchmarks/portone_${bench}_benchmark" --benchmark_repetitions="$repetitions" \
                --benchmark_report_aggregates_only=true \
                --benchmark_enable_random_interleaving=true \
                --benchmark_out="$dir/results-$bench.json" --benchmark_out_format=json \
                "$@" >/dev/null
        done
    done
done

python3 - "$root" <<'EOF'
import json, sys

root = sys.argv[1]
ratios = [
    ("writer: portone / strong hand-written", "BM_portone", "BM_hand_written", 0.6),
    ("writer: portone / hand-written with SSE2", "BM_portone", "BM_hand_written_sse2", None),
    ("writer: portone / RapidJSON", "BM_portone", "BM_rapidjson", None),
    ("writer: portone / Boost.JSON", "BM_portone", "BM_boost_json", None),
    ("signed: portone / hand-signed (reused MAC)", "BM_portone_signed", "BM_hand_signed", 0.8),
    ("webhook: parse+verify / monotonic DOM + verify", "BM_portone_parse_verify",
     "BM_boost_json_monotonic_verify", 0.9),
    ("webhook: parse+verify / SAX + verify", "BM_portone_parse_verify", "BM_sax_parse_verify",
     None),
    ("webhook: parse+verify / DOM parse alone", "BM_portone_parse_verify", "BM_boost_json_dom",
     None),
    ("webhook: nlohmann / parse+verify", "BM_nlohmann_extract", "BM_portone_parse_verify", None),
]
for compiler in ("gcc", "clang"):
    for level in ("O2", "O3"):
        medians = {}
        for bench in ("serialize", "webhook"):
            path = f"{root}/build/bench-{compiler}-{level}/results-{bench}.json"
            for b in json.load(open(path))["benchmarks"]:
                if b.get("aggregate_name") == "median":
                    medians[b["run_name"]] = b
        print(f"== {compiler} -{level}")
        for name, b in sorted(medians.items()):
            print(f"  {name:34} {b['cpu_time']:9.1f} {b['time_unit']}  allocs/call "
                  f"{b.get('allocs_per_call', 0):5.1f}  libcrypto allocs/call "
                  f"{b.get('openssl_allocs_per_call', 0):4.1f}")
        for label, a, b, target in ratios:
            r = medians[a]["cpu_time"] / medians[b]["cpu_time"]
            verdict = "" if target is None else (
                f"  target <= {target}: " + ("met" if r <= target else "MISSED"))
            print(f"  {label:50} {r:5.2f}{verdict}")
EOF
