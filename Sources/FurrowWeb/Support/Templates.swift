import Foundation
import Hummingbird
import Logging
import Mustache
import NIOCore

/// The page templates and static files shipped in the module's bundle (`Resources/`), loaded
/// once at start-up. `{{ }}` escapes HTML; templates never use `{{{ }}}` for user data.
struct Templates: Sendable {
    let library: MustacheLibrary
    let staticFiles: [String: StaticFile]
    /// Set by a test: records the keys the templates look up that their models lack.
    var audit: KeyAudit? = nil

    struct StaticFile: Sendable {
        let contentType: String
        let body: ByteBuffer
    }

    static let contentTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                               "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8",
                               "csv": "text/csv; charset=utf-8"]

    static func load(logger: Logger = Logger(label: "furrow.web"), audit: KeyAudit? = nil) -> Templates {
        // The copied `Resources` folder sits in the bundle, or is the bundle's resource folder itself (Linux).
        let candidates = [Bundle.module.resourceURL?.appendingPathComponent("Resources"), Bundle.module.resourceURL,
                          Bundle.module.bundleURL.appendingPathComponent("Resources")].compactMap { $0 }
        guard let root = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("templates/layout.mustache").path)
        }) else {
            logger.error("the web UI's resources are missing")
            return Templates(library: MustacheLibrary(), staticFiles: [:])
        }
        let (library, failures) = templates(in: root.appendingPathComponent("templates"))
        for (name, error) in failures {
            logger.error("template does not parse", metadata: ["template": .string(name), "error": .string(error)])
        }
        var statics: [String: StaticFile] = [:]
        for (name, data) in files(in: root.appendingPathComponent("static")) {
            let type = contentTypes[String(name.split(separator: ".").last ?? "")] ?? "application/octet-stream"
            statics[name] = StaticFile(contentType: type, body: ByteBuffer(data: data))
        }
        return Templates(library: library, staticFiles: statics, audit: audit)
    }

    /// The templates of a folder, and the ones that do not parse with why.
    static func templates(in folder: URL) -> (MustacheLibrary, failures: [(name: String, error: String)]) {
        var library = MustacheLibrary(), failures: [(name: String, error: String)] = []
        for (name, data) in files(in: folder) where name.hasSuffix(".mustache") {
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: String(name.dropLast(".mustache".count)))
            } catch {
                failures.append((name, "\(error)"))
            }
        }
        return (library, failures)
    }

    /// The files of a folder and its subfolders, by relative path.
    static func files(in folder: URL) -> [(String, Data)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var result: [(String, Data)] = []
        for case let path as String in enumerator {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) {
                result.append((path, data))
            }
        }
        return result
    }

    /// Renders a template given as text, its lookups recorded as `inline` when audited.
    static func render(string: String, root: Any, audit: KeyAudit?) throws -> String {
        try MustacheTemplate(string: string).render(audit.map { $0.wrap(root, template: "inline") } ?? root)
    }

    /// Renders a template with the layout data and the page's own model.
    func render(_ name: String, shell: Shell, page: Any, status: HTTPResponse.Status = .ok) -> Response {
        let root: [String: Any] = ["shell": shell, "page": page]
        guard let html = library.render(audit.map { $0.wrap(root, template: name) } ?? root, withTemplate: name) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "The page template '\(name)' is missing.")))
        }
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        if shell.flash != nil { response.setCookie(Flash.clearing) }
        return response
    }
}
