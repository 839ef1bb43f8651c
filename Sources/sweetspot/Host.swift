#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SweetspotExperiment

/// CPUs available to this process (its affinity mask, not every online core; see `allowedCPUCount`).
func activeProcessorCount() -> Int { allowedCPUCount() }

/// The current UTC time in `format` (a DateFormatter pattern), e.g. "yyyyMMdd'T'HHmmss'Z'".
func utcNow(_ format: String) -> String {
  let f = DateFormatter()
  f.locale = Locale(identifier: "en_US_POSIX")
  f.timeZone = TimeZone(identifier: "UTC")
  f.dateFormat = format
  return f.string(from: Date())
}

/// Writes one line to standard error (diagnostics and progress never go to stdout).
func printError(_ message: String) {
  // One line, whatever the message quotes: control characters are written as escapes.
  var line = escapingControlCharacters(message) + "\n"
  line.withUTF8 { buf in
    var offset = 0
    while offset < buf.count {
      let n = write(2, buf.baseAddress! + offset, buf.count - offset)
      if n <= 0 { break }
      offset += n
    }
  }
}

/// Writes to standard error without a newline (progress lines redrawn with "\r").
func printErrorInline(_ message: String) {
  var text = "\r" + message
  if message == "\n" { text = "\n" }
  text.withUTF8 { buf in _ = write(2, buf.baseAddress!, buf.count) }
}
