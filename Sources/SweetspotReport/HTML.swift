/// The report as one self-contained HTML page: the same blocks as the Markdown report, the SVG
/// figures inline, tables sortable by a click on a header (a few lines of inline script), no
/// file or network fetched, so it opens from disk in any browser and can be mailed as one file.
extension Report {
  public var html: String {
    let figures = Dictionary(uniqueKeysWithValues: self.shownFigures.map { ($0.name, $0) })
    return HTMLPage.page(title: "\(experiment.name): Sweetspot report", body: HTMLPage.render(blocks, figures: figures))
  }

  /// The page of a suite: each experiment's answer, linked to its report page.
  public static func suiteIndexHTML(_ entries: [(name: String, question: String, page: String, answer: String)]) -> String {
    var body = ["<h1>Sweetspot suite</h1>", "<p>Each experiment's report, with the one-paragraph answer to its question.</p>"]
    for e in entries {
      body.append("<h2><a href=\"\(HTMLPage.escape(e.page))\">\(HTMLPage.escape(e.name))</a></h2>")
      if !e.question.isEmpty { body.append("<p><strong>\(HTMLPage.escape(e.question))</strong></p>") }
      body.append("<p>\(HTMLPage.inline(e.answer))</p>")
    }
    return HTMLPage.page(title: "Sweetspot suite", body: body.joined(separator: "\n"))
  }
}

/// HTML text and the page around a report's blocks.
enum HTMLPage {
  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  static func inline(_ text: String) -> String {
    InlineText.render(text, plain: escape, bold: { "<strong>\(inline($0))</strong>" }, emphasis: { "<em>\(escape($0))</em>" },
                      code: { "<code>\(escape($0))</code>" })
  }

  static func render(_ blocks: [ReportBlock], figures: [String: ReportFigure]) -> String {
    var out: [String] = []
    for block in blocks {
      switch block {
      case .heading(let level, let text): out.append("<h\(level)>\(inline(text))</h\(level)>")
      case .paragraph(let text): out.append("<p>\(inline(text))</p>")
      case .list(let items): out.append("<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>")
      case .figure(let name, let caption):
        guard let f = figures[name] else { continue }
        // Drawn in points for print (labels 9.5–12 pt), a figure at its own size would set its
        // text at about 10 px beside 16 px body text: it is scaled up to the text width, at most
        // `figureScale` times its own size (so a narrow figure does not balloon).
        out.append("<figure id=\"figure-\(escape(name))\" style=\"max-width: \(Int((figureScale * f.width).rounded()))px\">\n\(f.svg.trimmingTrailingNewline)\n<figcaption>\(inline(caption))</figcaption>\n</figure>")
      case .table(let t):
        // A number's interval goes on a line of its own, small, as in the LaTeX tables: columns
        // stay narrow and nothing wraps inside a number.
        func cell(_ tag: String, _ text: String, _ numeric: Bool) -> String {
          guard numeric, tag == "td", text.hasSuffix("]"), let open = text.range(of: " [") else {
            return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(inline(text))</\(tag)>"
          }
          let mean = String(text[..<open.lowerBound]), interval = "[" + String(text[open.upperBound...])
          return "<td class=\"num\">\(inline(mean))<br><span class=\"ci\">\(inline(interval))</span></td>"
        }
        var rows = ["<table class=\"sortable\">", "<thead><tr>" + zip(t.header, t.numeric).map { cell("th", $0, $1) }.joined() + "</tr></thead>", "<tbody>"]
        rows += t.rows.map { "<tr>" + zip($0, t.numeric).map { cell("td", $0, $1) }.joined() + "</tr>" }
        rows += ["</tbody>", "</table>"]
        out.append(rows.joined(separator: "\n"))
      }
    }
    return out.joined(separator: "\n")
  }

  /// How much larger than its drawn size a figure may be shown: its ≈ 10 pt labels then read at
  /// ≈ 15 px, near the body text's 16 px.
  static let figureScale = 1.5

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    \(style)
    </style>
    <script>
    window.addEventListener('error', function (e) { document.documentElement.setAttribute('data-error', String(e.message)); });
    </script>
    </head>
    <body>
    <main>
    \(body)
    </main>
    <script>
    \(script)
    </script>
    </body>
    </html>

    """
  }

  static let style = """
    body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; line-height: 1.5; }
    main { max-width: 1100px; margin: 0 auto; padding: 1.5em; }
    h1 { font-size: 1.8em; border-bottom: 1px solid #ddd; } h2 { margin-top: 2em; border-bottom: 1px solid #eee; } h3 { margin-top: 1.5em; }
    table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; display: block; overflow-x: auto; }
    th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; }
    th { border-bottom: 2px solid #888; cursor: pointer; user-select: none; }
    th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .ci { color: #666; font-size: 0.85em; }
    tbody tr:hover { background: #f6f8fa; }
    figure { margin: 1.5em 0; } figure svg { display: block; width: 100%; height: auto; }
    figcaption { color: #555; font-size: 0.9em; }
    code { background: #f3f3f3; padding: 0 0.2em; }
    """

  /// Sorting by a click on a header (numbers by the first number in the cell, text as text; a
  /// second click reverses), and `data-ready` on the page once the script has run.
  static let script = """
    document.querySelectorAll('table.sortable').forEach(function (table) {
      var headers = table.querySelectorAll('th');
      headers.forEach(function (th, col) {
        th.tabIndex = 0;
        th.title = 'sort by this column';
        th.addEventListener('click', function () {
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var numeric = th.classList.contains('num');
          var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
          function key(row) {
            var text = row.cells[col] ? row.cells[col].textContent : '';
            if (!numeric) return text.toLowerCase();
            var m = text.replace(/\\u2212/g, '-').match(/-?\\d[\\d,]*(\\.\\d+)?/);
            return m ? parseFloat(m[0].replace(/,/g, '')) : -Infinity;
          }
          rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
          headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
          rows.forEach(function (r) { body.appendChild(r); });
        });
        th.addEventListener('keydown', function (e) { if (e.key === 'Enter') th.click(); });
      });
    });
    document.documentElement.setAttribute('data-ready', 'true');
    """
}
