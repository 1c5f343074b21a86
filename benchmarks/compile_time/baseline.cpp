// SPDX-License-Identifier: BSL-1.0
// Compile-time baseline: a translation unit that includes Boost.JSON and serializes one object.
#include <boost/json.hpp>

#include <string>

std::string baseline()
{
    boost::json::object o;
    o["pmt_channel"] = "KOMOJU";
    o["amount"] = 5000;
    return boost::json::serialize(o);
}
