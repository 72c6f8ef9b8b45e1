import Foundation
import Testing
@testable import FurrowWeb

/// The page templates as shipped: each parses, and every template a page renders or a template
/// includes exists (a misspelt name would otherwise render an error page or nothing).
@Suite("Page templates")
struct TemplateTests {
    static let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/FurrowWeb")
    static let folder = web.appendingPathComponent("Resources/templates")

    static var names: Set<String> {
        Set(Templates.files(in: folder).map(\.0).filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
    }

    /// The templates the Swift pages render (`web.page("name", …)`).
    static var pages: Set<String> {
        var rendered: Set<String> = []
        for (path, data) in Templates.files(in: web) where path.hasSuffix(".swift") {
            rendered.formUnion(matches(#"\.page\("([a-z-]+)""#, in: String(decoding: data, as: UTF8.self)))
        }
        return rendered
    }

    @Test("every template parses")
    func parse() {
        // given
        let folder = Self.folder
        // when
        let (_, failures) = Templates.templates(in: folder)
        // then
        #expect(Self.names.count > 50)
        #expect(failures.map { "\($0.name): \($0.error)" } == [])
    }

    @Test("every template a page renders and every partial a template includes exists")
    func references() throws {
        // given
        let names = Self.names
        let rendered = Self.pages
        var included: Set<String> = []
        for (path, data) in Templates.files(in: Self.folder) where path.hasSuffix(".mustache") {
            included.formUnion(Self.matches(#"\{\{> *([a-z-]+)"#, in: String(decoding: data, as: UTF8.self)))
        }
        // then
        #expect(rendered.count > 30)
        #expect(rendered.subtracting(names).sorted() == [], "pages render templates that do not exist")
        #expect(included.subtracting(names).sorted() == [], "templates include partials that do not exist")
        #expect(names.subtracting(rendered).subtracting(included).subtracting(["layout"]).sorted() == [], "templates nothing uses")
    }

    static func matches(_ pattern: String, in text: String) -> Set<String> {
        let expression = try! NSRegularExpression(pattern: pattern)
        return Set(expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }
}
