/// The one CSV writer and reader of every table Sweetspot writes or reads back (RFC 4180
/// quoting): a field holding a comma, a double quote, CR or LF is enclosed in double quotes, with
/// each quote doubled; every other field is written as it is. Records end in LF, not RFC 4180's
/// CRLF: pandas, R, spreadsheets and the Unix tools all read either, and LF keeps result files
/// the same bytes on every platform. The reader accepts both.
///
///     CSV.line(["1", "market=competitive, x=2", "say \"hi\""])
///     // 1,"market=competitive, x=2","say ""hi"""
public enum CSV {
  /// A field as it goes into a file: quoted only when it must be.
  public static func field(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One record, without its line break.
  public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

  /// A whole table: header, rows, each record ended by LF.
  public static func table(header: [String], rows: [[String]]) -> String {
    var s = line(header) + "\n"
    for r in rows { s += line(r) + "\n" }
    return s
  }

  /// One record read back: its fields, the file line it starts on (1-based) and its text exactly
  /// as it stands in the file (without the line break), so a caller can check that a record is
  /// byte for byte what it would write.
  public struct Record: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    public var text: Substring
  }

  /// Why a text is not CSV: the line and what is wrong.
  public struct SyntaxError: Error, Equatable, Sendable {
    public let line: Int
    public let message: String
  }

  /// Reads every record of `text` (the final line break optional). A quoted field may hold commas,
  /// doubled quotes and line breaks; a quote inside an unquoted field, text after a closing quote
  /// and an unclosed quote are errors naming the line.
  public static func records(_ text: String) throws(SyntaxError) -> [Record] {
    var out: [Record] = []
    do { try forEachRecord(in: text) { out.append($0) } } catch let e as SyntaxError { throw e } catch {
      throw SyntaxError(line: 0, message: "\(error)")  // unreachable: the body does not throw
    }
    return out
  }

  /// Calls `body` with each record of `text` in turn, holding one record at a time (a large
  /// trials.csv is not held twice). Throws `SyntaxError`, or what `body` throws.
  public static func forEachRecord(in text: String, _ body: (Record) throws -> Void) throws {
    let bytes = Array(text.utf8)
    var i = 0, line = 1
    let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    func string(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
    func substring(_ a: Int, _ b: Int) -> Substring {
      let u = text.utf8
      return Substring(u[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)])
    }
    while i < bytes.count {
      let start = i, startLine = line
      var fields: [String] = []
      var end = i  // end of the record's text (before its line break)
      recordLoop: while true {
        if i < bytes.count && bytes[i] == quote {
          // Quoted field: up to the closing quote; "" is one quote.
          var value: [UInt8] = []
          i += 1
          while true {
            guard i < bytes.count else { throw SyntaxError(line: startLine, message: "a quoted field is never closed") }
            let b = bytes[i]
            if b == quote {
              if i + 1 < bytes.count && bytes[i + 1] == quote { value.append(quote); i += 2; continue }
              i += 1
              break
            }
            if b == lf { line += 1 }
            value.append(b)
            i += 1
          }
          fields.append(String(decoding: value, as: UTF8.self))
          guard i == bytes.count || bytes[i] == comma || bytes[i] == lf || (bytes[i] == cr && i + 1 < bytes.count && bytes[i + 1] == lf) else {
            throw SyntaxError(line: line, message: "text follows a closing quote (a field's quotes must enclose all of it)")
          }
        } else {
          let a = i
          while i < bytes.count && bytes[i] != comma && bytes[i] != lf && !(bytes[i] == cr && i + 1 < bytes.count && bytes[i + 1] == lf) {
            if bytes[i] == quote { throw SyntaxError(line: line, message: "a double quote inside an unquoted field (quote the field and double the quote)") }
            i += 1
          }
          fields.append(string(a, i))
        }
        if i < bytes.count && bytes[i] == comma { i += 1; continue recordLoop }
        end = i
        if i < bytes.count { i += bytes[i] == cr ? 2 : 1; line += 1 }
        break
      }
      try body(Record(fields: fields, line: startLine, text: substring(start, end)))
    }
  }
}
