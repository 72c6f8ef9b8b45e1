/// Numbers as people type them in a form: Furrow shows `14,400.00`, so it reads that back too.
/// Spaces (also no-break and thin spaces) go; commas go only where they group thousands
/// (`1,234,567.5`), so `1,5` stays as typed and is refused rather than read as 15.
enum TypedNumber {
    static func plain(_ text: String) -> String {
        let spaceless = String(text.filter { !$0.isWhitespace })
        guard spaceless.contains(",") else { return spaceless }
        let sign = spaceless.hasPrefix("-") ? "-" : ""
        let unsigned = spaceless.dropFirst(sign.count)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return spaceless }
        return sign + groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
    }
}
