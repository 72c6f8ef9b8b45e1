import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

/// `furrow tokens`: named API tokens from the command line, made by the first administrator
/// (for a mail server's `inbound-email` token, or an integration acting as a user).
struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make, list and revoke named API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token; its secret is printed once, alone on standard output.",
            discussion: "Scopes: \(ApiToken.Scope.allCases.map { "\($0.rawValue) (\($0.summary.lowercased()))" }.joined(separator: ", ")).")
        @Option(help: "What it is for.") var name: String
        @Option(help: "Comma-separated scopes.") var scopes: String
        @Option(help: "The user it acts as (default: the first administrator).") var user: String?
        @Option(help: "The last day it works (YYYY-MM-DD, company time).") var expires: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let issued = try await withEnvironment(db.database) { env -> ApiTokenService.Issued in
                let admin = try await actingPrincipal(env, email: nil)
                var input = ApiTokenService.Input()
                input.name = name
                input.scopes = scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let user { input.userId = try await actingPrincipal(env, email: user).userId }
                if let expires {
                    guard let day = Day(expires) else { throw ValidationError("--expires must be a date (YYYY-MM-DD)") }
                    input.expiresAt = try await SettingsService(env).current().instant(day.adding(days: 1))
                }
                do {
                    return try await ApiTokenService(env).create(input, by: admin)
                } catch let error as FurrowDomain.ValidationError {
                    throw ValidationError(error.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "))
                }
            }
            FileHandle.standardError.write(Data("Token “\(issued.token.name)” (\(issued.token.id)) made; keep the secret below, it is not shown again.\n".utf8))
            print(issued.secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every named token (never their secrets).")
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let (tokens, users, now) = try await withEnvironment(db.database) { env in
                let admin = try await actingPrincipal(env, email: nil)
                return (try await ApiTokenService(env).list(by: admin), try await UserService(env).listAsSystem(), env.clock.now())
            }
            let emails = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.email) })
            for token in tokens {
                let state = token.revokedAt != nil ? "revoked" : (token.usable(at: now) ? "active" : "expired")
                let scopes = token.scopes.sorted().map(\.rawValue).joined(separator: ","), used = token.lastUsedAt.map(Timestamp.string) ?? "never"
                output("\(token.id.uuidString.lowercased())\t\(token.name)\t\(emails[token.userId] ?? "")\t\(scopes)\t\(state)\tlast used \(used)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")
        @Argument(help: "The token's id (from `furrow tokens list`).") var id: String
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard let uuid = UUIDText.parse(id) else { throw ValidationError("\(id) is not a token id") }
            let token = try await withEnvironment(db.database) { env in
                try await ApiTokenService(env).revoke(uuid, by: try await actingPrincipal(env, email: nil))
            }
            output("Revoked “\(token.name)”.")
        }
    }
}
