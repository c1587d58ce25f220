// ir/pt2/Json.cpp — see internal/Json.h.
#include "ir/pt2/Json.h"

#include <cstdio>

#include "ir/Diagnostic.h"

namespace symrange::ir::pt2 {

void jsonFail(const std::string& file, const std::string& path, const std::string& msg) {
  throw InputError(SourceLoc{file, 0, 0}, (path.empty() ? std::string() : path + ": ") + msg);
}

Json parseJson(const std::string& text, const std::string& file, const std::string& member) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    jsonFail(file, member, std::string("malformed JSON: ") + e.what());
  }
}

const Json& need(const Json& j, const char* key, const std::string& file, const std::string& path) {
  if (!j.is_object()) jsonFail(file, path, "expected an object");
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) jsonFail(file, path, std::string("missing field '") + key + "'");
  return *it;
}

const Json* opt(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

std::pair<std::string, const Json*> unionOf(const Json& j, const std::string& file,
                                            const std::string& path) {
  if (!j.is_object() || j.empty()) jsonFail(file, path, "expected a union (an object with one member)");
  if (j.size() == 1) return {j.begin().key(), &j.begin().value()};
  const Json* found = nullptr;
  std::string key;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_null()) continue;
    if (found) jsonFail(file, path, "union with two non-null members ('" + key + "', '" + it.key() + "')");
    found = &it.value();
    key = it.key();
  }
  if (!found) jsonFail(file, path, "union with every member null");
  return {key, found};
}

namespace {

void dumpString(const std::string& s, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    auto hex = [&](unsigned v) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04x", v & 0xffffu);
      out += buf;
    };
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            hex(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // UTF-8 (nlohmann validated it) to \uXXXX, with surrogate pairs above the BMP
    unsigned cp = 0;
    int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    cp = c & (len == 4 ? 0x07u : len == 3 ? 0x0fu : 0x1fu);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3fu);
    i += static_cast<std::size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      hex(0xd800 + (cp >> 10));
      hex(0xdc00 + (cp & 0x3ff));
    } else {
      hex(cp);
    }
  }
  out += '"';
}

void dump(const Json& j, std::string& out) {
  switch (j.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        dumpString(it.key(), out);
        out += ": ";
        dump(it.value(), out);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      for (std::size_t i = 0; i < j.size(); ++i) {
        if (i) out += ", ";
        dump(j[i], out);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: dumpString(j.get_ref<const std::string&>(), out); return;
    default: out += j.dump(); return;
  }
}

}  // namespace

std::string dumpPython(const Json& j) {
  std::string out;
  dump(j, out);
  return out;
}

}  // namespace symrange::ir::pt2
