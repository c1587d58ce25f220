// tools/internal/HtmlAssets.h — the style sheet and the two small scripts inlined into every page
// of tools/HtmlView.cpp (the pages load nothing from anywhere: no network, no CDN). Colours are
// pale fills under near-black text (contrast above 7:1), and every verdict also has a word and a
// sign, so colour is never the only signal.
#pragma once

namespace symrange::tools {

inline constexpr const char* kViewCss = R"CSS(
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111;
       background: #fff; margin: 0 1.5rem 2rem; line-height: 1.4; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; } h3 { font-size: 1rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; }
.hint { color: #444; font-size: 0.9rem; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 1.5rem; align-items: start; }
main > section { grid-column: 1; }
.details { grid-column: 2; grid-row: 1 / span 4; position: sticky; top: 0.5rem; border: 1px solid #888;
           border-radius: 6px; padding: 0 1rem 1rem; background: #fafafa; }
ol.code { background: #f6f6f6; border: 1px solid #ccc; padding: 0.5rem 0.5rem 0.5rem 3.5rem; }
ol.code li { white-space: pre-wrap; overflow-wrap: anywhere; color: #555; }
ol.code li code { color: #111; }
ol.code li:target { background: #fff3b0; }
.mark { font: inherit; font-size: 0.8rem; border: 1px solid #333; border-radius: 4px; padding: 0 0.4rem;
        margin-left: 0.5rem; color: #111; cursor: pointer; white-space: nowrap; }
.mark.selected { outline: 3px solid #1a4fd6; outline-offset: 1px; }
button:focus-visible, a:focus-visible { outline: 3px solid #1a4fd6; outline-offset: 2px; }
.v-redundant { background: #b7e1b0; } .v-required { background: #ffd59e; } .v-fails { background: #f4a6a6; }
.v-unknown { background: #e0e0e0; } .v-unreachable { background: #c6dbef; }
span.mark { cursor: default; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: bold; background: none; border: none; cursor: pointer; padding: 0; color: #111; }
td pre { margin: 0; white-space: pre-wrap; }
svg.chart text { font-size: 13px; fill: #111; }
svg.chart .v-redundant rect { fill: #4a9a3f; } svg.chart .v-required rect { fill: #c77800; }
svg.chart .v-fails rect { fill: #b82020; } svg.chart .v-unknown rect { fill: #777; }
svg.chart .v-unreachable rect { fill: #3a6ea5; }
svg.chart g { background: none; }
)CSS";

inline constexpr const char* kPageScript = R"JS(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('checks').textContent);
  var panel = document.getElementById('details');
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function row(dl, term, value) {
    dl.appendChild(el('dt', term));
    var dd = el('dd');
    if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value);
    dl.appendChild(dd);
  }
  function lineLink(line, text) {
    if (!line) return el('span', text);
    var a = el('a', text);
    a.href = '#L' + line;
    return a;
  }
  function show(i, button) {
    var c = data[i];
    var h = el('h2', 'Why: ' + c.node);
    h.id = 'h-details';
    var nodes = [h];
    var dl = el('dl');
    row(dl, 'check', c.expr || '?');
    row(dl, 'verdict', c.verdict + (c.removed ? ', removed by the rewrite' : ', kept'));
    if (c.method) row(dl, 'decided by', c.method);
    row(dl, 'line', lineLink(c.line, c.line ? String(c.line) : 'unknown'));
    nodes.push(dl);
    if (c.because.length) {
      nodes.push(el('h3', 'Facts that decide it'));
      var ul = el('ul');
      ul.className = 'facts';
      c.because.forEach(function (f) {
        var li = el('li');
        li.appendChild(lineLink(f.line, f.name + (f.line ? ' (line ' + f.line + ')' : '')));
        ul.appendChild(li);
      });
      nodes.push(ul);
    }
    var w = Object.keys(c.witness);
    if (w.length) {
      nodes.push(el('h3', 'Witness: an input where the check fails'));
      var wl = el('ul');
      wl.className = 'witness';
      w.forEach(function (k) { wl.appendChild(el('li', k + ' = ' + c.witness[k])); });
      nodes.push(wl);
    }
    if (c.kept_because) nodes.push(el('p', 'Kept: ' + c.kept_because));
    if (!c.because.length && !w.length && !c.kept_because)
      nodes.push(el('p', 'No facts or witness recorded for this verdict.'));
    panel.replaceChildren.apply(panel, nodes);
    document.querySelectorAll('button.mark.selected').forEach(function (b) {
      b.classList.remove('selected');
      b.setAttribute('aria-pressed', 'false');
    });
    button.classList.add('selected');
    button.setAttribute('aria-pressed', 'true');
  }
  document.querySelectorAll('button.mark[data-check]').forEach(function (b) {
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', function () { show(Number(b.dataset.check), b); });
  });
})();
)JS";

inline constexpr const char* kIndexScript = R"JS(
(function () {
  'use strict';
  var table = document.getElementById('files');
  var body = table.tBodies[0];
  table.querySelectorAll('th button').forEach(function (button) {
    button.addEventListener('click', function () {
      var col = Number(button.dataset.col);
      var th = button.parentNode;
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
        var nx = Number(x), ny = Number(y);
        var r = (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
)JS";

}  // namespace symrange::tools
