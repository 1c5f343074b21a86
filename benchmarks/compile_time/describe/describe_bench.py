#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Compile-time cost of the ways to describe a struct (docs/benchmarks.md, "Describing structs").

Writes the translation units to a temporary directory and compiles each with -std=c++20 -O2 -c:
N structs of M members (std::string, std::optional<std::string>, std::int64_t, bool in turn),
in a namespace, described

  portone     PORTONE_DESCRIBE(bench::sK, m0, ...) at global scope (core/describe.hpp)
  hand        template <> struct portone::describe::description<bench::sK> with
              member_list<member<"m0", &t::m0>, ...> written out (as in checkout_request.hpp)
  flat        an experiment: PORTONE_DESCRIBE's expansion without Boost.PP (flat_macro below: one
              non-recursive macro per member count), the same member_list as portone and hand
  boost       BOOST_DESCRIBE_STRUCT(sK, (), (m0, ...)) next to the struct, in its namespace
              (found by ADL), Boost.Describe 1.81
  adapted     boost, turned into the library's member_list by one generic partial
              specialization of portone::describe::description (ADAPTER below), iterated with
              portone::describe::for_each_member: what replacing PORTONE_DESCRIBE would cost

each in three translation units:

  headers     the variant's headers and the structs, no description
  declared    the structs and their descriptions, nothing uses them: what every translation
              unit that includes such a header pays
  used        the same, and each struct's members iterated once (the sum of the name lengths and
              of the members' sizes): portone::describe::for_each_member for portone, hand,
              flat and adapted, boost::mp11::mp_for_each<describe_members<T, mod_public>> for
              boost

and, as the baseline subtracted from every row, the structs with <string>, <optional>, <cstdint>
only (so a `declared` row includes its headers). Also compiled, linked (-lboost_json) and run
once per compiler, not timed: ADAPTED, a check that the generic description built from
describe_members<T, mod_public> drives the library's real JSON writer and reader
(json::detail::write_object, json::read) and gives the expected JSON.

Figures: CPU seconds (user, GNU time), best of --runs, and for g++ the GGC total of
-ftime-report (MB, deterministic).

  benchmarks/compile_time/describe/describe_bench.py [--structs 20] [--members 8] [--runs 3]
      [--compilers g++-12,clang++-14] [--keep DIR]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TYPES = ["std::string", "std::optional<std::string>", "std::int64_t", "bool"]


def struct_defs(n, m, boost=False):
    """The structs, in namespace bench; with `boost`, each followed by its BOOST_DESCRIBE_STRUCT
    (in the struct's namespace, after it: found by ADL)."""
    out = ["namespace bench {"]
    for s in range(n):
        out.append(f"struct s{s} {{")
        for i in range(m):
            out.append(f"    {TYPES[i % len(TYPES)]} m{i}{{}};")
        out.append("};")
        if boost:
            out.append(f"BOOST_DESCRIBE_STRUCT(s{s}, (), ({', '.join(f'm{i}' for i in range(m))}))")
    out.append("} // namespace bench")
    return out


def describe_portone(n, m):
    return [f"PORTONE_DESCRIBE(bench::s{s}, {', '.join(f'm{i}' for i in range(m))});"
            for s in range(n)]


def describe_hand(n, m):
    out = []
    for s in range(n):
        out.append("template <>")
        out.append(f"struct portone::describe::description<bench::s{s}> {{")
        out.append(f"    using t = bench::s{s};")
        members = ", ".join(f'member<"m{i}", &t::m{i}>' for i in range(m))
        out.append(f"    using members = member_list<{members}>;")
        out.append("};")
    return out


def flat_macro(limit=64):
    """PORTONE_DESCRIBE without Boost.PP: one non-recursive macro per member count (an experiment
    for the recommendation, not the library's macro)."""
    out = ["#define FLAT_CAT(a, b) FLAT_CAT_I(a, b)", "#define FLAT_CAT_I(a, b) a##b",
           "#define FLAT_NARG(...) FLAT_NARG_I(__VA_ARGS__, "
           + ", ".join(str(i) for i in range(limit, 0, -1)) + ")",
           "#define FLAT_NARG_I(" + ", ".join(f"_{i}" for i in range(1, limit + 1)) + ", n, ...) n",
           "#define FLAT_M(t, x) ::portone::describe::member<#x, &t::x>"]
    for n in range(1, limit + 1):
        args = ", ".join(f"x{i}" for i in range(1, n + 1))
        body = ", ".join(f"FLAT_M(t, x{i})" for i in range(1, n + 1))
        out.append(f"#define FLAT_EACH_{n}(t, {args}) {body}")
    out += ["#define FLAT_DESCRIBE(type, ...) template <> struct portone::describe::description<type> "
            "{ using members = ::portone::describe::member_list<"
            "FLAT_CAT(FLAT_EACH_, FLAT_NARG(__VA_ARGS__))(type, __VA_ARGS__)>; }"]
    return out


def describe_flat(n, m):
    return [f"FLAT_DESCRIBE(bench::s{s}, {', '.join(f'm{i}' for i in range(m))});"
            for s in range(n)]


STD = ["#include <cstddef>", "#include <cstdint>", "#include <optional>", "#include <string>",
       "#include <string_view>"]
HEADERS = {
    "portone": ["#include <portone/core/describe.hpp>"],
    "hand": ["#include <portone/core/describe.hpp>"],
    "flat": ["#include <portone/core/describe.hpp>"] + flat_macro(),
    "boost": ["#include <boost/describe/class.hpp>", "#include <boost/describe/members.hpp>",
              "#include <boost/mp11/algorithm.hpp>"],
    "adapted": ["#include <portone/core/describe.hpp>", "#include <boost/describe/class.hpp>",
                "#include <boost/describe/members.hpp>"],
}


def use_library(n):
    out = []
    for s in range(n):
        out += [f"std::size_t use_s{s}(const bench::s{s}& v)", "{", "    std::size_t n = 0;",
                f"    portone::describe::for_each_member<bench::s{s}>([&](auto m) {{",
                "        using M = decltype(m);",
                "        n += M::name.size() + sizeof(v.*M::pointer);", "    });",
                "    return n;", "}"]
    return out


def use_boost(n):
    out = []
    for s in range(n):
        out += [f"std::size_t use_s{s}(const bench::s{s}& v)", "{", "    std::size_t n = 0;",
                "    boost::mp11::mp_for_each<boost::describe::describe_members<"
                f"bench::s{s}, boost::describe::mod_public>>([&](auto d) {{",
                "        using D = decltype(d);",
                "        n += std::string_view(D::name).size() + sizeof(v.*D::pointer);",
                "    });", "    return n;", "}"]
    return out


ADAPTER = r"""
namespace adapt {
template <class D>
inline constexpr std::size_t name_size = std::char_traits<char>::length(D::name);
template <class D>
consteval portone::describe::name_literal<name_size<D> + 1> name_of()
{
    char text[name_size<D> + 1]{};
    for (std::size_t i = 0; i < name_size<D>; ++i) text[i] = D::name[i];
    return portone::describe::name_literal<name_size<D> + 1>(text);
}
template <class D>
using member_of = portone::describe::member<name_of<D>(), D::pointer>;
template <class L>
struct to_member_list;
template <template <class...> class L, class... D>
struct to_member_list<L<D...>> {
    using type = portone::describe::member_list<member_of<D>...>;
};
} // namespace adapt

// One partial specialization for every struct described with BOOST_DESCRIBE_STRUCT.
template <class T>
    requires boost::describe::has_describe_members<T>::value
struct portone::describe::description<T> {
    using members = typename adapt::to_member_list<
        boost::describe::describe_members<T, boost::describe::mod_public>>::type;
};

"""

ADAPTED = r"""
// Feasibility: Boost.Describe's descriptions turned into the library's member_list, generically,
// and handed to the library's real writer and reader. D::name is a `const char*` to a string
// literal; it is a constant expression, so its length is one and it can be copied into a
// name_literal, which is what member<> takes.
#include <portone/core/describe.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/reader.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/members.hpp>

#include <string>
#include <string_view>

""" + ADAPTER + r"""
namespace shop {
struct address {
    std::optional<std::string> city;
    std::string country_code;
};
BOOST_DESCRIBE_STRUCT(address, (), (city, country_code))
struct order {
    std::string id;
    std::int64_t quantity = 0;
    bool gift = false;
    address ship_to;
};
BOOST_DESCRIBE_STRUCT(order, (), (id, quantity, gift, ship_to))
} // namespace shop

static_assert(portone::describe::members_of<shop::order>::size == 4);

std::string write_order(const shop::order& o)
{
    std::string s(portone::json::detail::object_bound(o), '\0');
    s.resize(static_cast<std::size_t>(portone::json::detail::write_object(s.data(), o) - s.data()));
    return s;
}

bool read_order(std::string_view body)
{
    auto r = portone::json::read<shop::order>(body);
    return r.has_value() && r->ship_to.country_code == "JP";
}

int main()
{
    shop::order o{"o-1", 2, true, {std::nullopt, "JP"}};
    const std::string s = write_order(o);
    return s == R"({"id":"o-1","quantity":2,"gift":true,"ship_to":{"country_code":"JP"}})" &&
                   read_order(s)
               ? 0
               : 1;
}
"""


def translation_units(n, m):
    base = STD + struct_defs(n, m)
    tus = {"baseline": base}
    for v in ("portone", "hand", "flat", "boost", "adapted"):
        head = STD + HEADERS[v] + ([ADAPTER] if v == "adapted" else [])
        if v in ("boost", "adapted"):
            declared = head + struct_defs(n, m, boost=True)
            use = use_boost(n) if v == "boost" else use_library(n)
        else:
            desc = {"portone": describe_portone, "hand": describe_hand,
                    "flat": describe_flat}[v](n, m)
            if v == "hand":
                desc = ["using portone::describe::member;", "using portone::describe::member_list;"] + desc
            declared = head + struct_defs(n, m) + desc
            use = use_library(n)
        tus[f"{v}/headers"] = head + struct_defs(n, m)
        tus[f"{v}/declared"] = declared
        tus[f"{v}/used"] = declared + use
    return tus


def compile_cmd(cxx, src, obj):
    return [cxx, "-std=c++20", "-O2", f"-I{ROOT}/include", "-c", src, "-o", obj]


def cpu_seconds(cxx, src, obj, runs, tmp):
    best = None
    for _ in range(runs):
        t = os.path.join(tmp, "time.txt")
        subprocess.run(["/usr/bin/time", "-f", "%U", "-o", t] + compile_cmd(cxx, src, obj),
                       check=True)
        with open(t) as f:
            u = float(f.read().split()[-1])
        best = u if best is None else min(best, u)
    return best


def ggc_mb(cxx, src, obj):
    r = subprocess.run(compile_cmd(cxx, src, obj) + ["-ftime-report"], check=True,
                       capture_output=True, text=True)
    line = [l for l in r.stderr.splitlines() if "TOTAL" in l][-1]
    # last column: "  123M" / "123456k"
    last = line.split()[-1]
    value = float(re.match(r"[\d.]+", last).group())
    unit = last[len(re.match(r"[\d.]+", last).group()):]
    return value / 1024 if unit.startswith("k") else value * 1024 if unit.startswith("G") else value


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--structs", type=int, default=20)
    p.add_argument("--members", type=int, default=8)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--compilers", default="g++-12,clang++-14")
    p.add_argument("--keep", help="write the translation units here and keep them")
    a = p.parse_args()
    tmp = a.keep or tempfile.mkdtemp(prefix="describe_bench.")
    os.makedirs(tmp, exist_ok=True)
    try:
        tus = translation_units(a.structs, a.members)
        paths = {}
        for name, lines in tus.items():
            path = os.path.join(tmp, name.replace("/", "_") + ".cpp")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            paths[name] = path
        adapted = os.path.join(tmp, "adapted.cpp")
        with open(adapted, "w") as f:
            f.write(ADAPTED)
        obj = os.path.join(tmp, "o.o")
        print(f"{a.structs} structs x {a.members} members, -std=c++20 -O2 -c, "
              f"CPU s best of {a.runs} (user)")
        for cxx in a.compilers.split(","):
            exe = os.path.join(tmp, "adapted")
            r = subprocess.run([cxx, "-std=c++20", "-O2", f"-I{ROOT}/include", adapted, "-o", exe,
                                "-lboost_json"],
                               capture_output=True, text=True)
            ok = r.returncode == 0 and subprocess.run([exe]).returncode == 0
            print(f"\n{subprocess.run([cxx, '--version'], capture_output=True, text=True).stdout.splitlines()[0]}"
                  f"; Boost.Describe adapted to member_list, written and read by the library: "
                  f"{'ok' if ok else 'FAILED'}")
            if not ok:
                print(r.stderr[-3000:])
            gcc = "clang" not in cxx
            base_s = cpu_seconds(cxx, paths["baseline"], obj, a.runs, tmp)
            base_m = ggc_mb(cxx, paths["baseline"], obj) if gcc else None
            hdr = "| variant | TU | CPU s | over baseline |" + (" GGC MB | over baseline |" if gcc else "")
            print(hdr)
            print("|" + "---|" * (hdr.count("|") - 1))
            print(f"| baseline | structs, <string> <optional> <cstdint> | {base_s:.2f} | |"
                  + (f" {base_m:.1f} | |" if gcc else ""))
            for name in tus:
                if name == "baseline":
                    continue
                v, kind = name.split("/")
                s = cpu_seconds(cxx, paths[name], obj, a.runs, tmp)
                row = f"| {v} | {kind} | {s:.2f} | {s - base_s:+.2f} |"
                if gcc:
                    mb = ggc_mb(cxx, paths[name], obj)
                    row += f" {mb:.1f} | {mb - base_m:+.1f} |"
                print(row, flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
