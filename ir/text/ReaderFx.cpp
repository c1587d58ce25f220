// ir/text/ReaderFx.cpp — reads the FX `graph():` dump (str(fx.Graph)): `%n : [num_users=1] =
// call_function[target=operator.ge](args = (%a, 1), kwargs = {})`, the torch 2.1 spelling
// `%n := call_function[...](args = (...))` with arguments over several lines, type tags,
// `# comment` lines and `return (a,)`.
#include <optional>

#include "ir/text/internal/PyArgs.h"
#include "ir/text/internal/AnnotationText.h"
#include "ir/text/internal/ReaderSupport.h"
#include "ir/text/internal/StyleData.h"

namespace symrange::ir {

namespace {


std::optional<NodeOp> opFromName(std::string_view s) {
  if (s == "placeholder") return NodeOp::Placeholder;
  if (s == "call_function") return NodeOp::CallFunction;
  if (s == "call_method") return NodeOp::CallMethod;
  if (s == "call_module") return NodeOp::CallModule;
  if (s == "get_attr") return NodeOp::GetAttr;
  if (s == "output") return NodeOp::Output;
  return std::nullopt;
}

class FxReader {
 public:
  FxReader(LineCursor& cur, Program& prog, Graph& g)
      : cur_(cur), src_(cur.src), text_(cur.src.text()), prog_(prog), b_(g, cur.src) {}

  void read();

 private:
  std::string_view slice(std::size_t b, std::size_t e) const { return text_.substr(b, e - b); }
  std::string blank(std::size_t b, std::size_t e) const {
    std::size_t p = b;
    while (p < e && isBlankChar(text_[p])) ++p;
    return std::string(slice(b, p));
  }
  void nodeLine(std::size_t b, std::size_t e, const SourceText::Line& line);
  void returnLine(std::size_t b, std::size_t e, const SourceText::Line& line);

  LineCursor& cur_;
  const SourceText& src_;
  std::string_view text_;
  Program& prog_;
  GraphBuilder b_;
  Node* output_ = nullptr;
  std::vector<std::string> lead_;
};

void FxReader::read() {
  const SourceText::Line header = cur_.current();
  Graph& g = b_.graph();
  style::setLines(g.style, style::kDefLead, cur_.takePending());
  style::setInt(g.style, style::kDefIndent, indentChars(header));
  std::string_view content = cur_.content();
  std::size_t close = content.find("):");
  if (!content.starts_with("graph(") || close == std::string_view::npos)
    src_.fail(header.content, "expected 'graph():'");
  std::string_view rest = content.substr(close + 2);
  if (rest.find_first_not_of(" \t") != std::string_view::npos)
    src_.fail(header.content + close + 2, "unexpected text after 'graph():'");
  if (close != 6) g.style.extra[style::kPytreeArgs] = std::string(content.substr(6, close - 6));
  cur_.moveAfter(header.content);
  int bodyIndent = -1;
  while (true) {
    cur_.collectLeading();
    if (cur_.done()) break;
    const SourceText::Line line = cur_.current();
    if (line.width <= header.width) break;
    if (bodyIndent < 0) bodyIndent = indentChars(line);
    std::size_t se = statementEnd(src_, line.content, Dialect::Fx);
    lead_ = cur_.takePending();
    if (output_) src_.fail(line.content, "statement after 'return'");
    std::string_view stmt = slice(line.content, se);
    if (stmt.starts_with("return") && (stmt.size() == 6 || !isIdentChar(stmt[6])))
      returnLine(line.content, se, line);
    else
      nodeLine(line.content, se, line);
    cur_.moveAfter(se);
  }
  if (!output_) src_.fail(header.content, "'graph():' has no 'return' line (truncated input?)");
  style::setInt(g.style, style::kBodyIndent,
                bodyIndent >= 0 ? bodyIndent : indentChars(header) + 4);
}

void FxReader::returnLine(std::size_t b, std::size_t e, const SourceText::Line& line) {
  auto out = std::make_unique<Node>("output", NodeOp::Output, "output");
  PyScanner sc(src_, b + 6, e, Dialect::Python, [this](std::string_view n) { return b_.lookup(n); });
  out->args.push_back(sc.value());
  if (!sc.atEnd()) sc.fail("unexpected text after the returned value");
  if (sc.quotesMatter()) out->style.extra[style::kQuotes] = sc.quotes;
  out->style.leadingLines = std::move(lead_);
  setIndent(out->style, src_, line);
  output_ = &b_.add(std::move(out), b);
}

void FxReader::nodeLine(std::size_t b, std::size_t e, const SourceText::Line& line) {
  PyScanner sc(src_, b, e, Dialect::Fx, [this](std::string_view n) { return b_.lookup(n); });
  if (!sc.consume("%")) sc.fail("expected '%name' or 'return'");
  std::size_t nameAt = sc.pos();
  std::string name(sc.identifier());
  if (name.empty()) sc.fail("expected a node name after '%'");
  sc.skipSpaces();
  NodeStyle st;
  std::optional<Annotation> annotation;
  if (sc.consume(":=")) {
    st.spelling = style::kSpellWalrus;
  } else {
    sc.expect(":");
    sc.skipSpaces();
    // An optional type before `[num_users=N]` / `[#users=N]`.
    std::size_t tb = sc.pos();
    std::size_t users = std::string_view::npos;
    for (std::size_t p = tb; p < e; ++p) {
      if (text_[p] == '[' && (slice(p, e).starts_with("[num_users=") || slice(p, e).starts_with("[#users="))) {
        users = p;
        break;
      }
      if (text_[p] == '=') break;
    }
    if (users == std::string_view::npos) sc.fail("expected '[num_users=N]'");
    std::size_t te = users;
    while (te > tb && isBlankChar(text_[te - 1])) --te;
    if (te > tb) annotation = parseAnnotation(prog_.exprs(), src_, tb, slice(tb, te));
    sc.setPos(users + 1);
    bool hash = sc.consume("#users=");
    if (!hash) sc.expect("num_users=");
    if (hash) st.extra[style::kUsersKey] = "#users";
    std::size_t digits = sc.pos();
    while (sc.peek() >= '0' && sc.peek() <= '9') sc.setPos(sc.pos() + 1);
    if (sc.pos() == digits) sc.fail("expected a user count");
    sc.expect("]");
    sc.skipSpaces();
    sc.expect("=");
  }
  sc.skipSpaces();
  std::size_t opAt = sc.pos();
  std::string_view opName = sc.identifier();
  auto op = opFromName(opName);
  if (!op) sc.failAt(opAt, "unknown node kind '" + std::string(opName) + "'");
  sc.expect("[target=");
  std::size_t tb = sc.pos();
  int depth = 0;
  std::size_t p = tb;
  for (; p < e; ++p) {
    if (text_[p] == '[' || text_[p] == '(') ++depth;
    else if (text_[p] == ')') --depth;
    else if (text_[p] == ']') {
      if (depth == 0) break;
      --depth;
    }
  }
  if (p >= e) sc.failAt(tb - 1, "unclosed '['");
  std::string target(slice(tb, p));
  if (target.empty()) sc.failAt(tb, "empty target");
  sc.setPos(p + 1);
  auto node = std::make_unique<Node>(name, *op, target);
  node->annotation = std::move(annotation);
  if (sc.peek() == '(') {
    sc.expect("(");
    std::size_t wb = sc.pos();
    sc.skipSpaces();
    st.extra[style::kWsOpen] = std::string(slice(wb, sc.pos()));
    if (sc.startsWith("default=")) {
      std::size_t db = sc.pos();
      std::size_t close = findTopLevel(src_, db, e, Dialect::Fx,
                                       [this](std::size_t x) { return text_[x] == ')'; });
      if (close >= e) sc.failAt(db, "expected ')'");
      st.extra[style::kDefault] = std::string(slice(db + 8, close));
      sc.setPos(close);
    } else {
      if (sc.consume("args")) {
        st.extra[style::kHasArgs] = "1";
        sc.skipSpaces();
        sc.expect("=");
        sc.skipSpaces();
        if (sc.peek() != '(') sc.fail("expected '(' after 'args ='");
        Argument a = sc.value();
        if (auto* l = std::get_if<Argument::List>(&a.value); l && l->tuple) {
          node->args = std::move(l->items);
        } else {
          node->args.push_back(std::move(a));  // `(x)` printed without its comma
        }
        std::size_t save = sc.pos();
        sc.skipSpaces();
        if (sc.consume(",")) {
          std::size_t kb = sc.pos();
          sc.skipSpaces();
          st.extra[style::kWsKwargs] = std::string(slice(kb, sc.pos()));
        } else {
          sc.setPos(save);
        }
      }
      if (sc.consume("kwargs")) {
        st.extra[style::kHasKwargs] = "1";
        sc.skipSpaces();
        sc.expect("=");
        sc.skipSpaces();
        sc.fxKwargs(node->kwargs);
      }
    }
    std::size_t cb = sc.pos();
    sc.skipSpaces();
    if (sc.pos() != cb) st.extra[style::kWsClose] = std::string(slice(cb, sc.pos()));
    sc.expect(")");
  }
  if (!sc.atEnd()) sc.fail("unexpected text after the node");
  if (sc.quotesMatter()) st.extra[style::kQuotes] = sc.quotes;
  st.leadingLines = std::move(lead_);
  node->style = std::move(st);
  setIndent(node->style, src_, line);
  b_.add(std::move(node), nameAt);
}

}  // namespace

void readFxGraph(LineCursor& cur, Program& prog, Graph& g) { FxReader(cur, prog, g).read(); }

}  // namespace symrange::ir
