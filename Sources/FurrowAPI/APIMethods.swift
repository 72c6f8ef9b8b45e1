import FurrowHTTP
import Foundation

/// The methods each API path takes, from the endpoint table:
/// a path the router knows under other methods answers 405 with `Allow`, not 404.
public enum APIMethods {
    /// Each path of the endpoint table (`nil` for a parameter segment) with its methods.
    static let templates: [(segments: [String?], methods: [String])] = {
        var methods: [String: [String]] = [:], order: [String] = []
        for endpoint in APIRoutes.endpoints {
            if methods[endpoint.path] == nil { order.append(endpoint.path) }
            methods[endpoint.path, default: []].append(endpoint.method.rawValue)
        }
        let verbs = ["GET", "PUT", "POST", "PATCH", "DELETE"]
        return order.map { path in
            (path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }, verbs.filter { methods[path]!.contains($0) })
        }
    }()

    /// The methods of an `/api/v1/…` path, or nil when no documented path matches it.
    public static func allowed(_ path: String) -> [String]? {
        guard path.hasPrefix("/api/v1/") else { return nil }
        let parts = path.dropFirst("/api/v1".count).split(separator: "/").map(String.init)
        let matches = templates.filter { template in
            template.segments.count == parts.count
                && zip(template.segments, parts).allSatisfy { wanted, part in wanted == nil || wanted == part }
        }
        // A literal segment beats a parameter: /accounts/merge is not /accounts/{id}.
        let best = matches.max { a, b in a.segments.compactMap { $0 }.count < b.segments.compactMap { $0 }.count }
        guard let best, !best.methods.isEmpty else { return nil }
        return best.methods
    }
}
