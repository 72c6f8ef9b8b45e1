import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @Option(help: "Email address (the sign-in name).") var email: String
        @Option(help: "Password, at least 8 characters.") var password: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Role: admin, manager, sales, service, finance or readonly.") var role: String = "sales"
        @Flag(help: "Make the user an administrator (same as --role admin).") var admin = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard let role = admin ? .admin : Role(rawValue: role) else {
                throw ArgumentParser.ValidationError("role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let user = try await withEnvironment(db.database) { env in
                try await UserService(env).createAsSystem(UserInput(email: email, name: name, password: password, role: role))
            }
            output("Created \(user.role.rawValue) \(user.email) (\(user.id)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let users = try await withEnvironment(db.database) { env in try await UserService(env).listAsSystem() }
            for user in users {
                output("\(user.email)\t\(user.role.rawValue)\t\(user.active ? "active" : "inactive")\t\(user.name)")
            }
        }
    }
}
