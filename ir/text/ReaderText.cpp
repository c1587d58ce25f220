// ir/text/ReaderText.cpp — reads GraphModule code: `class X(torch.nn.Module):` blocks (readable and
// ExportedProgram forms, nested sub-module classes), `def forward(...)` lines with annotated
// parameters, and the statements of a body (calls, infix operators, method calls, getitem,
// attribute reads, placeholder renames, pytree flatten/unflatten, `;  x = None` tails).
#include <cstring>
#include <optional>
#include <set>

#include "ir/text/internal/PyArgs.h"
#include "ir/text/internal/AnnotationText.h"
#include "ir/text/internal/ReaderSupport.h"
#include "ir/text/internal/StyleData.h"

namespace symrange::ir {

namespace {


struct InfixOp {
  const char* token;
  const char* target;  // operator.<name>
};
// Longest tokens first, so that `//` is not read as `/`.
constexpr InfixOp kBinaryOps[] = {
    {"//", "floordiv"}, {"**", "pow"}, {"<<", "lshift"}, {">>", "rshift"}, {"<=", "le"},
    {">=", "ge"},       {"==", "eq"},  {"!=", "ne"},     {"+", "add"},     {"-", "sub"},
    {"*", "mul"},       {"/", "truediv"}, {"%", "mod"},  {"<", "lt"},      {">", "gt"},
    {"&", "and_"},      {"|", "or_"},  {"^", "xor"},     {"@", "matmul"},
};

struct DefParam {
  std::string target;  // as written, with any `*`
  std::optional<Annotation> annotation;
  std::string defaultText;
  std::size_t at = 0;
};

struct Declaration {
  std::string name;
  Annotation annotation;
  std::size_t at = 0;
  bool used = false;
};

/// Reads one `def forward(...)` line and its body into a graph.
class DefReader {
 public:
  DefReader(LineCursor& cur, Program& prog, Graph& g)
      : cur_(cur), src_(cur.src), text_(cur.src.text()), prog_(prog), b_(g, cur.src) {}

  void read();

 private:
  std::size_t ltrim(std::size_t p, std::size_t e) const {
    while (p < e && isBlankChar(text_[p])) ++p;
    return p;
  }
  std::size_t rtrim(std::size_t b, std::size_t e) const {
    while (e > b && isBlankChar(text_[e - 1])) --e;
    return e;
  }
  std::string_view slice(std::size_t b, std::size_t e) const { return text_.substr(b, e - b); }
  PyScanner scanner(std::size_t b, std::size_t e) {
    return PyScanner(src_, b, e, Dialect::Python,
                     [this](std::string_view n) { return b_.lookup(n); });
  }

  void defLine(std::size_t b, std::size_t e);
  void statement(std::size_t b, std::size_t e, const SourceText::Line& line);
  void declarations(std::size_t b, std::size_t e, const SourceText::Line& line);
  void flatten(std::size_t lb, std::size_t le, std::size_t rb, std::size_t re,
               const SourceText::Line& line);
  void returnStatement(std::size_t b, std::size_t e, Node& out);
  std::unique_ptr<Node> rhsNode(const std::string& name, PyScanner& sc);
  void makePlaceholders();
  Annotation annotationAt(std::size_t p, std::size_t e);
  void finishStyle(Node& n, const SourceText::Line& line, std::size_t semi, std::size_t tailEnd,
                   std::size_t hash, std::size_t e, const PyScanner* sc);
  /// A statement whose brackets span several lines keeps its text, to print back as it came.
  void keepLayout(Node& n, std::size_t b, std::size_t mainEnd) {
    if (slice(b, mainEnd).find('\n') != std::string_view::npos)
      n.style.extra[style::kLayout] = std::string(slice(b, mainEnd));
  }

  LineCursor& cur_;
  const SourceText& src_;
  std::string_view text_;
  Program& prog_;
  GraphBuilder b_;
  std::vector<DefParam> params_;
  std::vector<Declaration> decls_;
  bool placeholdersMade_ = false;
  bool nonPlaceholderSeen_ = false;
  Node* output_ = nullptr;
  std::vector<std::string> lead_;  // leading lines of the statement being read
  // annotations read (annotationList_), by their text (a view of the source); lookups only
  NameMap<std::size_t> annotations_;
  std::vector<Annotation> annotationList_;
};

void DefReader::read() {
  const SourceText::Line defLineInfo = cur_.current();
  Graph& g = b_.graph();
  style::setLines(g.style, style::kDefLead, cur_.takePending());
  style::setInt(g.style, style::kDefIndent, indentChars(defLineInfo));
  std::size_t e = statementEnd(src_, defLineInfo.content, Dialect::Python);
  defLine(defLineInfo.content, e);
  cur_.moveAfter(e);
  int bodyIndent = -1;
  while (true) {
    cur_.collectLeading();
    if (cur_.done()) break;
    const SourceText::Line line = cur_.current();
    if (line.width <= defLineInfo.width) break;
    if (bodyIndent < 0) bodyIndent = indentChars(line);
    std::size_t se = statementEnd(src_, line.content, Dialect::Python);
    lead_ = cur_.takePending();
    if (output_) src_.fail(line.content, "statement after 'return'");
    statement(line.content, se, line);
    cur_.moveAfter(se);
  }
  if (!placeholdersMade_) makePlaceholders();
  if (!output_)
    src_.fail(defLineInfo.content, "'def' has no 'return' statement (truncated input?)");
  style::setInt(g.style, style::kBodyIndent,
                bodyIndent >= 0 ? bodyIndent : indentChars(defLineInfo) + 4);
}

Annotation DefReader::annotationAt(std::size_t p, std::size_t e) {
  p = ltrim(p, e);
  e = rtrim(p, e);
  if (p >= e) src_.fail(p, "missing annotation after ':'");
  bool quoted = text_[p] == '"' || text_[p] == '\'';
  std::size_t tb = p, te = e;
  if (quoted) {
    std::size_t close = text_.find(text_[p], p + 1);
    if (close == std::string_view::npos || close >= e) src_.fail(p, "unterminated string");
    if (close + 1 != e) src_.fail(close + 1, "unexpected text after annotation");
    tb = p + 1;
    te = close;
  }
  auto& extra = prog_.style.extra;
  if (!extra.count(style::kQuoted)) extra[style::kQuoted] = quoted ? "1" : "0";
  extra[style::kAnnotated] = "1";
  // An annotation is a function of its text (its expressions are interned): each distinct
  // text is parsed once (a check's `Sym(u0 >= 0)`, `f32[]` recur on many nodes).
  const std::string_view text = slice(tb, te);
  if (const std::size_t* known = annotations_.find(text)) return annotationList_[*known];
  Annotation a = parseAnnotation(prog_.exprs(), src_, tb, text);
  annotations_.tryEmplace(text, annotationList_.size());
  annotationList_.push_back(a);
  return a;
}

void DefReader::defLine(std::size_t b, std::size_t e) {
  Graph& g = b_.graph();
  PyScanner sc = scanner(b, e);
  sc.expect("def");
  if (!isBlankChar(sc.peek())) sc.fail("expected a function name after 'def'");
  sc.skipSpaces();
  std::string_view name = sc.identifier();
  if (name.empty()) sc.fail("expected a function name after 'def'");
  if (name != "forward") g.style.extra[style::kDefName] = std::string(name);
  sc.skipSpaces();
  sc.expect("(");
  std::size_t open = sc.pos();
  std::size_t close = findTopLevel(src_, open, e, Dialect::Python,
                                   [this](std::size_t p) { return text_[p] == ')'; });
  if (close >= e) src_.fail(open - 1, "unclosed '('");
  // parameters, split at top-level commas
  std::size_t p = open;
  bool first = true;
  std::size_t paramsStart = std::string_view::npos;
  while (p < close) {
    std::size_t q = findTopLevel(src_, p, close, Dialect::Python,
                                 [this](std::size_t x) { return text_[x] == ','; });
    std::size_t pb = ltrim(p, q), pe = rtrim(pb, q);
    if (pb == pe) {
      if (q < close) src_.fail(q, "empty parameter");
    } else if (first && slice(pb, pe) == "self") {
      // the module itself
    } else {
      if (first) g.style.extra[style::kNoSelf] = "1";
      if (paramsStart == std::string_view::npos) paramsStart = pb;
      DefParam param;
      param.at = pb;
      std::size_t x = pb;
      while (x < pe && text_[x] == '*') ++x;
      std::size_t idStart = x;
      while (x < pe && isIdentChar(text_[x])) ++x;
      if (idStart == x || !isIdentStart(text_[idStart])) src_.fail(idStart, "expected a parameter name");
      param.target = std::string(slice(pb, x));
      std::size_t eq = findTopLevel(src_, x, pe, Dialect::Python, [this](std::size_t y) {
        return text_[y] == '=';
      });
      std::size_t y = ltrim(x, eq);
      if (y < eq && text_[y] == ':') {
        param.annotation = annotationAt(y + 1, eq);
      } else if (y < eq) {
        src_.fail(y, "unexpected text in parameter");
      }
      if (eq < pe) {
        std::size_t db = ltrim(eq + 1, pe);
        if (db >= pe) src_.fail(eq, "missing default value");
        param.defaultText = std::string(slice(db, pe));
      }
      params_.push_back(std::move(param));
    }
    first = false;
    p = q < close ? q + 1 : close;
  }
  if (paramsStart != std::string_view::npos)
    g.style.extra[style::kPytreeArgs] = std::string(slice(paramsStart, rtrim(paramsStart, close)));
  sc.setPos(close + 1);
  sc.skipSpaces();
  if (sc.startsWith("->")) {
    std::size_t rb = sc.pos();
    std::size_t colon = findTopLevel(src_, rb, e, Dialect::Python,
                                     [this](std::size_t x) { return text_[x] == ':'; });
    if (colon >= e) src_.fail(e, "expected ':' after 'def'");
    g.style.extra[style::kDefReturn] = " " + std::string(slice(rb, rtrim(rb, colon)));
    sc.setPos(colon);
  }
  sc.expect(":");
  std::size_t rest = ltrim(sc.pos(), e);
  if (rest < e) {
    if (text_[rest] != '#') src_.fail(rest, "unexpected text after 'def ...:'");
    g.style.extra[style::kDefComment] = std::string(slice(sc.pos(), e));
  }
}

void DefReader::makePlaceholders() {
  if (!decls_.empty())
    src_.fail(decls_.front().at, "annotation declaration without a tree_flatten_spec line");
  for (auto& param : params_) {
    std::string name = param.target.substr(param.target.find_first_not_of('*'));
    auto node = std::make_unique<Node>(name, NodeOp::Placeholder, param.target);
    node->annotation = param.annotation;
    if (!param.defaultText.empty()) node->style.extra[style::kDefault] = param.defaultText;
    b_.add(std::move(node), param.at);
  }
  placeholdersMade_ = true;
}

void DefReader::declarations(std::size_t b, std::size_t e, const SourceText::Line& line) {
  Graph& g = b_.graph();
  if (style::has(g.style, style::kDecl)) src_.fail(b, "second annotation declaration line");
  g.style.extra[style::kDecl] = "1";
  style::setInt(g.style, style::kDeclIndent, indentChars(line));
  style::setLines(g.style, style::kDeclLead, lead_);
  std::size_t p = b;
  while (p < e) {
    std::size_t q = findTopLevel(src_, p, e, Dialect::Python,
                                 [this](std::size_t x) { return text_[x] == ';'; });
    std::size_t db = ltrim(p, q), de = rtrim(db, q);
    if (db < de) {
      if (text_[db] == '#') break;
      std::size_t x = db;
      while (x < de && isIdentChar(text_[x])) ++x;
      if (x == db || !isIdentStart(text_[db])) src_.fail(db, "expected 'name: annotation'");
      std::size_t colon = ltrim(x, de);
      if (colon >= de || text_[colon] != ':') src_.fail(colon, "expected an assignment or 'return'");
      Declaration d;
      d.name = std::string(slice(db, x));
      d.at = db;
      d.annotation = annotationAt(colon + 1, de);
      for (const auto& other : decls_)
        if (other.name == d.name) src_.fail(db, "duplicate declaration of '" + d.name + "'");
      decls_.push_back(std::move(d));
    }
    p = q < e ? q + 1 : e;
  }
}

void DefReader::flatten(std::size_t lb, std::size_t le, std::size_t rb, std::size_t re,
                        const SourceText::Line& line) {
  Graph& g = b_.graph();
  if (placeholdersMade_) src_.fail(lb, "unexpected tuple assignment (tree_flatten_spec) here");
  g.style.extra[style::kPytreeFlatten] = std::string(slice(rb, re));
  style::setInt(g.style, style::kPytreeIndent, indentChars(line));
  style::setLines(g.style, style::kPytreeLead, lead_);
  std::size_t p = lb;
  while (p < le) {
    std::size_t q = findTopLevel(src_, p, le, Dialect::Python,
                                 [this](std::size_t x) { return text_[x] == ','; });
    std::size_t nb = ltrim(p, q), ne = rtrim(nb, q);
    if (nb < ne) {
      std::string name(slice(nb, ne));
      if (!isIdentifier(name)) src_.fail(nb, "expected a name in tuple assignment");
      auto node = std::make_unique<Node>(name, NodeOp::Placeholder, name);
      for (auto& d : decls_) {
        if (d.name == name) {
          node->annotation = d.annotation;
          d.used = true;
        }
      }
      b_.add(std::move(node), nb);
    } else if (q < le) {
      src_.fail(nb, "empty name in tuple assignment");
    }
    p = q < le ? q + 1 : le;
  }
  for (const auto& d : decls_)
    if (!d.used) src_.fail(d.at, "declared name '" + d.name + "' is not bound by tree_flatten_spec");
  decls_.clear();
  placeholdersMade_ = true;
}

void DefReader::finishStyle(Node& n, const SourceText::Line& line, std::size_t semi,
                            std::size_t tailEnd, std::size_t hash, std::size_t e,
                            const PyScanner* sc) {
  n.style.leadingLines = std::move(lead_);
  n.style.indent = indentChars(line);
  setIndent(n.style, src_, line);
  if (sc) {
    if (sc->quotesMatter()) n.style.extra[style::kQuotes] = sc->quotes;
    if (sc->kwargsTight) n.style.extra[style::kKwTight] = "1";
  }
  if (hash < e) n.style.extra[style::kComment] = std::string(slice(rtrim(0, hash), e));
  if (semi >= tailEnd) return;
  n.style.hasTail = true;
  std::size_t tb = ltrim(semi + 1, tailEnd), te = rtrim(tb, tailEnd);
  if (tb >= te) return;  // a bare `;`
  // `a = b = None`
  std::size_t p = tb;
  bool sawNone = false;
  while (p < te) {
    std::size_t q = p;
    while (q < te && text_[q] != '=') ++q;
    std::size_t nb = ltrim(p, q), ne = rtrim(nb, q);
    std::string_view name = slice(nb, ne);
    if (q >= te) {
      if (name != "None") src_.fail(nb, "expected '= None' at the end of the statement tail");
      sawNone = true;
      break;
    }
    if (!isIdentifier(name)) src_.fail(nb, "expected a name in the statement tail");
    Node* ref = b_.lookup(name);
    if (!ref) src_.fail(nb, "undefined name '" + std::string(name) + "'");
    n.style.tail.push_back(ref);
    p = q + 1;
  }
  if (!sawNone) src_.fail(te, "expected '= None' at the end of the statement tail");
}

void DefReader::statement(std::size_t b, std::size_t e, const SourceText::Line& line) {
  // Split `main;  tail  # comment`.
  std::size_t stop = findTopLevel(src_, b, e, Dialect::Python, [this](std::size_t p) {
    return text_[p] == ';' || text_[p] == '#';
  });
  std::size_t semi = e, hash = e, tailEnd = e;
  if (stop < e && text_[stop] == ';') {
    semi = stop;
    hash = findTopLevel(src_, semi + 1, e, Dialect::Python,
                        [this](std::size_t p) { return text_[p] == '#'; });
    tailEnd = hash;
  } else if (stop < e) {
    hash = stop;
  }
  std::size_t mainEnd = rtrim(b, std::min(semi, hash));
  if (b >= mainEnd) src_.fail(b, "empty statement");

  if (slice(b, mainEnd).starts_with("return") &&
      (b + 6 == mainEnd || !isIdentChar(text_[b + 6]))) {
    if (!placeholdersMade_) makePlaceholders();
    auto out = std::make_unique<Node>("output", NodeOp::Output, "output");
    Node& n = b_.add(std::move(out), b);
    returnStatement(b + 6, mainEnd, n);
    finishStyle(n, line, semi, tailEnd, hash, e, nullptr);
    keepLayout(n, b, mainEnd);
    output_ = &n;
    return;
  }

  std::size_t eq = findTopLevel(src_, b, mainEnd, Dialect::Python, [&](std::size_t p) {
    if (text_[p] != '=') return false;
    if (p + 1 < mainEnd && text_[p + 1] == '=') return false;
    return !(p > b && std::strchr("=!<>", text_[p - 1]) != nullptr);
  });
  if (eq >= mainEnd) {
    if (!placeholdersMade_ && semi < e) {
      declarations(b, hash, line);
      return;
    }
    src_.fail(b, "expected an assignment or 'return'");
  }
  std::size_t lb = b, le = rtrim(b, eq);
  std::size_t rb = ltrim(eq + 1, mainEnd), re = mainEnd;
  if (rb >= re) src_.fail(eq, "missing value after '='");
  std::size_t comma = findTopLevel(src_, lb, le, Dialect::Python,
                                   [this](std::size_t p) { return text_[p] == ','; });
  if (comma < le) {
    flatten(lb, le, rb, re, line);
    return;
  }
  // target: `name` or `name: annotation`
  std::size_t x = lb;
  while (x < le && isIdentChar(text_[x])) ++x;
  if (x == lb || !isIdentStart(text_[lb])) src_.fail(lb, "expected a name before '='");
  std::string name(slice(lb, x));
  std::optional<Annotation> annotation;
  std::size_t y = ltrim(x, le);
  if (y < le) {
    if (text_[y] != ':') src_.fail(y, "unexpected text before '='");
    annotation = annotationAt(y + 1, le);
  }

  // A placeholder renamed by the code (`l_x_ = L_x_`, `l_x_ = arg0`).
  if (!placeholdersMade_) makePlaceholders();
  std::string_view rhs = slice(rb, re);
  if (isIdentifier(rhs) && rhs != "None" && rhs != "True" && rhs != "False") {
    Node* p = b_.lookup(rhs);
    if (!p) src_.fail(rb, "undefined name '" + std::string(rhs) + "'");
    std::string_view target = p->target();
    target.remove_prefix(std::min(target.find_first_not_of('*'), target.size()));
    if (p->op() != NodeOp::Placeholder || p->name() != target || nonPlaceholderSeen_ ||
        annotation || semi < e)
      src_.fail(b, "unsupported statement: plain assignment of '" + std::string(rhs) + "'");
    b_.rename(*p, name, lb);
    p->style.extra[style::kRename] = "1";
    finishStyle(*p, line, semi, tailEnd, hash, e, nullptr);
    return;
  }

  PyScanner sc = scanner(rb, re);
  std::unique_ptr<Node> node = rhsNode(name, sc);
  node->annotation = std::move(annotation);
  Node& n = b_.add(std::move(node), lb);
  nonPlaceholderSeen_ = true;
  finishStyle(n, line, semi, tailEnd, hash, e, &sc);
  keepLayout(n, b, mainEnd);
}

std::unique_ptr<Node> DefReader::rhsNode(const std::string& name, PyScanner& sc) {
  auto make = [&name](NodeOp op, std::string target) {
    return std::make_unique<Node>(name, op, std::move(target));
  };
  auto finish = [&sc](std::unique_ptr<Node> n) {
    if (!sc.atEnd()) sc.fail("unexpected text in statement");
    return n;
  };
  if (sc.startsWith("self.")) {
    sc.consume("self.");
    std::string_view attr = sc.dottedName();
    if (attr.empty()) sc.fail("expected an attribute name after 'self.'");
    if (sc.peek() == '(') {
      auto n = make(NodeOp::CallModule, std::string(attr));
      sc.expect("(");
      sc.callArguments(')', n->args, n->kwargs);
      return finish(std::move(n));
    }
    return finish(make(NodeOp::GetAttr, std::string(attr)));
  }
  char c = sc.peek();
  const char* unary = nullptr;
  if (c == '-' && isIdentStart(sc.peek(1))) unary = "neg";
  else if (c == '+' && isIdentStart(sc.peek(1))) unary = "pos";
  else if (c == '~' && isIdentStart(sc.peek(1))) unary = "invert";
  if (unary || sc.startsWith("not ")) {
    if (!unary) {
      unary = "not_";
      sc.consume("not");
    } else {
      sc.setPos(sc.pos() + 1);
    }
    auto n = make(NodeOp::CallFunction, std::string("operator.") + unary);
    n->args.push_back(sc.value());
    return finish(std::move(n));
  }
  if (isIdentStart(c)) {
    std::size_t start = sc.pos();
    std::string_view dotted = sc.dottedName();
    std::size_t dot = dotted.find('.');
    std::string_view head = dotted.substr(0, dot);
    Node* obj = dot != std::string_view::npos ? b_.lookup(head) : nullptr;
    if (sc.peek() == '(') {
      sc.expect("(");
      std::unique_ptr<Node> n;
      if (obj) {
        std::string_view method = dotted.substr(dot + 1);
        if (!isIdentifier(method)) sc.failAt(start, "unsupported attribute chain in method call");
        n = make(NodeOp::CallMethod, std::string(method));
        n->args.push_back(Argument{obj});
      } else {
        std::string target = dot == std::string_view::npos ? "builtins." + std::string(dotted)
                                                           : std::string(dotted);
        n = make(NodeOp::CallFunction, target);
        if (target.starts_with("operator.")) n->style.spelling = style::kSpellCall;
      }
      sc.callArguments(')', n->args, n->kwargs);
      return finish(std::move(n));
    }
    if (obj && sc.atEnd()) {
      std::string_view attr = dotted.substr(dot + 1);
      if (!isIdentifier(attr)) sc.failAt(start, "unsupported attribute chain");
      auto n = make(NodeOp::CallFunction, "builtins.getattr");
      n->args.push_back(Argument{obj});
      n->args.push_back(Argument{std::string(attr)});
      return n;
    }
    sc.setPos(start);
  }
  Argument left = sc.value();
  sc.skipSpaces();
  if (sc.peek() == '[') {
    sc.expect("[");
    auto n = make(NodeOp::CallFunction, "operator.getitem");
    n->args.push_back(std::move(left));
    n->args.push_back(sc.value());
    sc.skipSpaces();
    sc.expect("]");
    return finish(std::move(n));
  }
  if (sc.atEnd()) sc.fail("unsupported statement: a value is not an operation");
  for (const auto& op : kBinaryOps) {
    if (!sc.startsWith(op.token)) continue;
    sc.consume(op.token);
    auto n = make(NodeOp::CallFunction, std::string("operator.") + op.target);
    n->args.push_back(std::move(left));
    n->args.push_back(sc.value());
    return finish(std::move(n));
  }
  sc.fail("unsupported operator in statement");
}

void DefReader::returnStatement(std::size_t b, std::size_t e, Node& out) {
  std::size_t p = ltrim(b, e);
  if (p >= e) {
    out.args.push_back(Argument{Argument::None{}});
    out.style.spelling = "bare";
    return;
  }
  PyScanner sc = scanner(p, e);
  if (sc.consume("pytree.tree_unflatten(")) {
    out.args.push_back(sc.value());
    sc.skipSpaces();
    sc.expect(",");
    std::size_t sb = ltrim(sc.pos(), e);
    std::size_t close = findTopLevel(src_, sb, e, Dialect::Python,
                                     [this](std::size_t x) { return text_[x] == ')'; });
    if (close >= e) src_.fail(sb, "expected ')'");
    out.style.spelling = style::kSpellPytree;
    out.style.extra[style::kOutSpec] = std::string(slice(sb, rtrim(sb, close)));
    sc.setPos(close + 1);
  } else {
    out.args.push_back(sc.value());
  }
  if (sc.quotesMatter()) out.style.extra[style::kQuotes] = sc.quotes;
  if (!sc.atEnd()) sc.fail("unexpected text after the returned value");
}

// `class NAME(BASE):`
struct ClassLine {
  std::string name;
  std::string base;
};

ClassLine classLine(const SourceText& src, std::size_t b, std::size_t e) {
  std::string_view text = src.text();
  PyScanner sc(src, b, e, Dialect::Python, [](std::string_view) { return nullptr; });
  sc.expect("class");
  sc.skipSpaces();
  ClassLine out;
  std::size_t nb = sc.pos();
  if (sc.peek() == '<') {
    std::size_t close = text.find('>', nb);
    if (close == std::string_view::npos || close >= e) sc.fail("expected a class name");
    out.name = std::string(text.substr(nb, close + 1 - nb));
    sc.setPos(close + 1);
  } else {
    std::string_view id = sc.identifier();
    if (id.empty()) sc.fail("expected a class name");
    out.name = std::string(id);
  }
  sc.skipSpaces();
  if (sc.consume("(")) {
    std::size_t bb = sc.pos();
    std::size_t close = findTopLevel(src, bb, e, Dialect::Python,
                                     [&text](std::size_t x) { return text[x] == ')'; });
    if (close >= e) src.fail(bb - 1, "unclosed '('");
    out.base = std::string(text.substr(bb, close - bb));
    sc.setPos(close + 1);
  }
  sc.skipSpaces();
  sc.expect(":");
  if (!sc.atEnd() && sc.peek() != '#') sc.fail("unexpected text after 'class ...:'");
  return out;
}

}  // namespace

void setIndent(NodeStyle& s, const SourceText& src, const SourceText::Line& l) {
  s.indent = indentChars(l);
  std::string_view prefix = src.text().substr(l.begin, l.content - l.begin);
  if (prefix.find_first_not_of(' ') != std::string_view::npos)
    s.extra[style::kWs] = std::string(prefix);
}

void readDef(LineCursor& cur, Program& prog, Graph& g) {
  DefReader(cur, prog, g).read();
}

std::unique_ptr<Graph> readClass(LineCursor& cur, Program& prog, int depth) {
  const SourceText& src = cur.src;
  const SourceText::Line line = cur.current();
  if (depth > 64) src.fail(line.content, "sub-module classes nested too deeply");
  std::size_t e = statementEnd(src, line.content, Dialect::Python);
  ClassLine cl = classLine(src, line.content, e);
  auto g = std::make_unique<Graph>(cl.name);
  g->className = cl.name;
  g->style.leadingLines = cur.takePending();
  setIndent(g->style, src, line);
  if (cl.base != "torch.nn.Module") g->style.extra[style::kBase] = cl.base;
  cur.moveAfter(e);
  bool sawDef = false;
  std::vector<std::pair<std::unique_ptr<Graph>, std::size_t>> nested;
  while (true) {
    cur.collectLeading();
    if (cur.done()) break;
    const SourceText::Line member = cur.current();
    if (member.width <= line.width) break;
    std::string_view content = cur.content();
    auto keyword = [&content](std::string_view kw) {
      return content.starts_with(kw) && content.size() > kw.size() &&
             (content[kw.size()] == ' ' || content[kw.size()] == '\t');
    };
    if (keyword("def")) {
      if (sawDef) src.fail(member.content, "second 'def' in class '" + cl.name + "'");
      readDef(cur, prog, *g);
      sawDef = true;
    } else if (keyword("class")) {
      std::size_t at = member.content;
      nested.emplace_back(readClass(cur, prog, depth + 1), at);
    } else {
      src.fail(member.content, "statement outside any def");
    }
  }
  if (!sawDef) src.fail(line.content, "class '" + cl.name + "' has no 'def forward' (truncated input?)");
  // Attribute names: a named class is its own attribute; a `<lambda>` class takes the next
  // `self.<attr>` read by this forward that no named class claims.
  std::set<std::string> named;
  for (const auto& [sub, at] : nested)
    if (!sub->className.starts_with("<")) named.insert(sub->className);
  std::vector<std::string> attrs;
  for (const auto& n : g->nodes())
    if (n->op() == NodeOp::GetAttr && !named.count(n->target())) attrs.push_back(n->target());
  std::size_t nextAttr = 0;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < nested.size(); ++i) {
    auto& [sub, at] = nested[i];
    std::string attr = sub->className;
    if (attr.starts_with("<")) {
      while (nextAttr < attrs.size() && taken.count(attrs[nextAttr])) ++nextAttr;
      attr = nextAttr < attrs.size() ? attrs[nextAttr++] : "submodule_" + std::to_string(i);
    }
    if (!taken.insert(attr).second) src.fail(at, "duplicate sub-module '" + attr + "'");
    sub->setName(attr);
    g->subgraphs.emplace_back(attr, std::move(sub));
  }
  return g;
}

}  // namespace symrange::ir
