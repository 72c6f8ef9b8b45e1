import ArgumentParser
import Foundation
import FurrowAPI
import FurrowCore

/// `furrow export <type>`: every record of a list the acting user may see, as the API's CSV
/// (`GET /api/v1/<type>?format=csv`): the same columns, the same formula guard.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a list as CSV.",
        discussion: "Types: \(RecordList.all.map(\.name).joined(separator: ", ")). The filter is a list query such as "
            + "'status=open&q=acme' (the list's filters and q, as in the API).")
    @Argument(help: "What to export.") var type: String
    @Option(help: "Only the records this filter matches.") var filter = ""
    @Option(help: "Write to this file (default: standard output).") var output: String?
    @Option(help: "Act as this user (default: the first administrator).") var user: String?
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        guard let list = RecordList.all.first(where: { $0.name == type.lowercased() }) else {
            throw ValidationError("unknown type \(type); one of \(RecordList.all.map(\.name).joined(separator: ", "))")
        }
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                throw ValidationError("cannot write \(output)")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if output != nil { try? handle.close() } }
        do {
            try await withEnvironment(db.database) { env in
                let principal = try await actingPrincipal(env, email: user)
                try await list.export(filter: filter, env: env, by: principal) { try handle.write(contentsOf: Data($0.utf8)) }
            }
        } catch let error as QueryError {
            throw ValidationError("--filter: \(error.message)")
        }
    }
}
