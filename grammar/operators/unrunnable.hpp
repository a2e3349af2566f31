#pragma once

// Sumo Logic operators that sumoql parses but does not run: those that need Sumo Logic's hosted
// data or services, and those that sumoql does not implement. The syntax tree builder looks up
// the reason for each name in unsupported_operators.cpp. Their arguments are read as opaque text,
// checked only for balanced quotes and brackets.

#include "grammar/operators/opaque.hpp"

namespace sumoql::grammar {

template <typename Word>
struct unrunnable_name : seq<Word, not_at<identifier_other>> {};

struct unrunnable_operator_name
    : sor<unrunnable_name<TAO_PEGTL_ISTRING("geoip")>,
          unrunnable_name<TAO_PEGTL_ISTRING("geolookup")>,
          unrunnable_name<TAO_PEGTL_ISTRING("threatip")>,
          unrunnable_name<TAO_PEGTL_ISTRING("threatlookup")>,
          unrunnable_name<TAO_PEGTL_ISTRING("logreduce")>,
          unrunnable_name<TAO_PEGTL_ISTRING("logcompare")>,
          unrunnable_name<TAO_PEGTL_ISTRING("logexplain")>,
          unrunnable_name<TAO_PEGTL_ISTRING("predict")>,
          unrunnable_name<TAO_PEGTL_ISTRING("infer")>,
          unrunnable_name<TAO_PEGTL_ISTRING("save")>,
          unrunnable_name<TAO_PEGTL_ISTRING("compare")>,
          unrunnable_name<TAO_PEGTL_ISTRING("transactionize")>,
          unrunnable_name<TAO_PEGTL_ISTRING("transaction")>,
          unrunnable_name<TAO_PEGTL_ISTRING("merge")>,
          unrunnable_name<TAO_PEGTL_ISTRING("join")>,
          unrunnable_name<TAO_PEGTL_ISTRING("sessionize")>,
          unrunnable_name<TAO_PEGTL_ISTRING("trace")>,
          unrunnable_name<TAO_PEGTL_ISTRING("smooth")>,
          unrunnable_name<TAO_PEGTL_ISTRING("rollingstd")>,
          unrunnable_name<TAO_PEGTL_ISTRING("backshift")>,
          unrunnable_name<TAO_PEGTL_ISTRING("withtime")>,
          unrunnable_name<TAO_PEGTL_ISTRING("filter")>,
          unrunnable_name<TAO_PEGTL_ISTRING("bin")>,
          unrunnable_name<TAO_PEGTL_ISTRING("tourl")>> {};

// unrunnable_op <- NAME opaque_text
struct unrunnable_operator : seq<unrunnable_operator_name, opaque_body> {};

} // namespace sumoql::grammar
