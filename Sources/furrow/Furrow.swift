import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain
import FurrowServer
import FurrowStore
import Logging

@main
struct Furrow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "furrow",
        abstract: "Furrow: a CRM from the first marketing touch to the paid invoice.",
        subcommands: [Serve.self, Migrate.self, Users.self, Backup.self, Demo.self, Import.self, Export.self, Tokens.self, Bank.self, Receivables.self, Report.self, MailGateway.self,
                      BudgetCommand.self, AMCCommand.self, OpenAPICommand.self]
    )
}

struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "An SQLite file path or a postgres:// URL (env FURROW_DATABASE).")
    var database: String = ProcessInfo.processInfo.environment["FURROW_DATABASE"] ?? "furrow.sqlite"
}

func makeLogger(_ label: String = "furrow") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["FURROW_LOG_LEVEL"] ?? "info") ?? .info
    return logger
}

/// Opens and migrates the database, runs `body`, and closes it again.
func withEnvironment<T>(_ database: String, _ body: (CoreEnvironment) async throws -> T) async throws -> T {
    let (store, env) = try await FurrowServer.prepare(ServerConfiguration(database: database), logger: makeLogger())
    do {
        let result = try await body(env)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web UI and the JSON API.")
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Serve /metrics to anyone (env FURROW_METRICS_PUBLIC=1); by default it needs an administrator's bearer token.")
    var metricsPublic = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = ServerConfiguration(host: host, port: port, database: db.database,
                                                adminEmail: environment["FURROW_ADMIN_EMAIL"],
                                                adminPassword: environment["FURROW_ADMIN_PASSWORD"],
                                                metricsPublic: metricsPublic || environment["FURROW_METRICS_PUBLIC"] == "1")
        try await FurrowServer.run(configuration, logger: makeLogger())
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let store = try await SQLStore.open(db.database, logger: makeLogger())
        let applied = try await Migrator(store).migrate()
        let version = try await Migrator(store).currentVersion()
        await store.close()
        output(applied.isEmpty ? "Up to date at version \(version)." : "Applied: \(applied.joined(separator: ", ")). Now at version \(version).")
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy an SQLite database to a new file and verify the copy.")
    @Option(help: "The file to write; must not exist.") var to: String
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let store = try await SQLStore.open(db.database, logger: makeLogger())
        do {
            try await store.backup(to: to)
            await store.close()
            output("Backup written to \(to) and verified (integrity_check: ok).")
        } catch {
            await store.close()
            throw ArgumentParser.ValidationError("\(error)")
        }
    }
}
