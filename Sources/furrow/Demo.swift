import ArgumentParser
import Foundation
import FurrowServer

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with a realistic demo company.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let logins = try await withEnvironment(db.database) { env in try await DemoCompany.load(env) }
        output("Demo company loaded. Sign in with any of these (shown once):")
        for login in logins {
            output("  \(login.email)\t\(login.password)\t\(login.role.rawValue)\(login.team.map { " (\($0))" } ?? "")")
        }
    }
}
