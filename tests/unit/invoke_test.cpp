#include "slam/deploy/invoke.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using deploy::invocation_event;
using deploy::render_function_error;
using deploy::render_result;
using Json = nlohmann::json;

namespace {

// Return the message of the UsageError that ARGUMENTS cause.
std::string usage_error_of(const std::vector<std::string>& arguments)
{
  try {
    invocation_event(arguments);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// Without arguments the function is called with no keywords.
TEST(InvocationEvent, no_arguments_give_empty_kwargs)
{
  EXPECT_EQ(invocation_event({}), Json::parse(R"({"kwargs": {}})"));
}

// name=value is always a string; name:=json is the JSON value.
TEST(InvocationEvent, strings_and_json_values)
{
  auto event = invocation_event({"name=Ada",
                                 "count=3",
                                 "n:=3",
                                 "flags:=[true, null]",
                                 "options:={\"a\": {\"b\": 1.5}}",
                                 "text:=\"x=y\"",
                                 "empty=",
                                 "equation=a=b:=c"});

  EXPECT_EQ(event, Json::parse(R"({"kwargs": {
    "name": "Ada",
    "count": "3",
    "n": 3,
    "flags": [true, null],
    "options": {"a": {"b": 1.5}},
    "text": "x=y",
    "empty": "",
    "equation": "a=b:=c"}})"));
}

// Forms without a name or '=' are refused with the argument quoted.
TEST(InvocationEvent, bad_forms_are_usage_errors)
{
  auto expected = [](const std::string& argument) {
    return "argument '" + argument +
           "' must be name=value or name:=json, with a Python identifier as "
           "the name";
  };
  for (std::string bad :
       {"value", "=3", ":=3", "1st=x", "a-b=1", "a b=1", "x:y=1"}) {
    EXPECT_EQ(usage_error_of({bad}), expected(bad)) << bad;
  }
}

// Invalid JSON names the argument and what is wrong with it.
TEST(InvocationEvent, invalid_json_is_a_usage_error)
{
  EXPECT_EQ(usage_error_of({"ok=1", "n:=[1,"}),
            "argument 'n:=[1,' is not valid JSON after ':=': parse error at "
            "line 1, column 4: syntax error while parsing value - unexpected "
            "end of input; expected '[', '{', or a literal");
  EXPECT_EQ(usage_error_of({"s:=abc"}).substr(0, 46),
            "argument 's:=abc' is not valid JSON after ':='");
  EXPECT_EQ(usage_error_of({"e:="}).substr(0, 43),
            "argument 'e:=' is not valid JSON after ':='");
}

// A number too large for a double is invalid JSON to the user, not an
// internal error.
TEST(InvocationEvent, number_overflow_is_a_usage_error)
{
  EXPECT_EQ(usage_error_of({"x:=1e999"}).substr(0, 48),
            "argument 'x:=1e999' is not valid JSON after ':='");
}

// A keyword given twice is refused rather than silently replaced.
TEST(InvocationEvent, repeated_name_is_a_usage_error)
{
  EXPECT_EQ(usage_error_of({"a=1", "a:=2"}),
            "argument 'a:=2' repeats the name 'a'");
}

// A JSON result is indented; anything else is shown as it came.
TEST(RenderResult, indents_json_and_keeps_other_text)
{
  EXPECT_EQ(render_result(R"({"b":[1,2],"a":"é"})"),
            "{\n  \"a\": \"é\",\n  \"b\": [\n    1,\n    2\n  ]\n}");
  EXPECT_EQ(render_result("\"fizz\""), "\"fizz\"");
  EXPECT_EQ(render_result("null"), "null");
  EXPECT_EQ(render_result("not json"), "not json");
}

// The Python runtime's error object reads like Python's own traceback.
TEST(RenderFunctionError, python_stack_trace_reads_as_a_traceback)
{
  Json error = {
      {"errorMessage", "n must be positive"},
      {"errorType", "ValueError"},
      {"requestId", "5c1c5ab6"},
      {"stackTrace",
       Json::array({"  File \"/var/task/slam_handler.py\", line 319, in "
                    "_call_function\n"
                    "    return app.call(*args, **kwargs)\n",
                    "  File \"/var/task/fizzbuzz.py\", line 9, in fizzbuzz\n"
                    "    raise ValueError(\"n must be positive\")\n"})}};
  auto payload = error.dump();

  EXPECT_EQ(render_function_error(payload),
            "Traceback (most recent call last):\n"
            "  File \"/var/task/slam_handler.py\", line 319, in "
            "_call_function\n"
            "    return app.call(*args, **kwargs)\n"
            "  File \"/var/task/fizzbuzz.py\", line 9, in fizzbuzz\n"
            "    raise ValueError(\"n must be positive\")\n"
            "ValueError: n must be positive");
}

// Older runtimes sent each frame as [file, line, function, code].
TEST(RenderFunctionError, list_frames_are_formatted_like_python)
{
  auto payload = R"json({"errorMessage": "boom", "errorType": "KeyError",
    "stackTrace": [["/var/task/app.py", 3, "handler", "raise KeyError()"]]
  })json";

  EXPECT_EQ(render_function_error(payload),
            "Traceback (most recent call last):\n"
            "  File \"/var/task/app.py\", line 3, in handler\n"
            "    raise KeyError()\n"
            "KeyError: boom");
}

// Errors without a trace (a timeout) and other payloads still say what
// happened.
TEST(RenderFunctionError, errors_without_trace_and_other_payloads)
{
  EXPECT_EQ(render_function_error(
                R"({"errorType": "Sandbox.Timedout",
                    "errorMessage": "Task timed out after 3.00 seconds"})"),
            "Sandbox.Timedout: Task timed out after 3.00 seconds");
  EXPECT_EQ(render_function_error(R"({"errorMessage": "out of memory",
                                      "stackTrace": []})"),
            "out of memory");
  EXPECT_EQ(render_function_error(R"({"errorType": "MemoryError"})"),
            "MemoryError");
  EXPECT_EQ(render_function_error("error running docker: no socket"),
            "error running docker: no socket");
  EXPECT_EQ(render_function_error(R"({"error": "x"})"), R"({"error": "x"})");
}
