import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real server in a child process (this executable's hidden `serve` command) on a free
/// loopback port, so its peak RSS (VmHWM) and cold start are its own.
final class ChildServer {
    let port: UInt16
    let process = Process()
    let logPath: String
    private(set) var coldStart: Double = 0

    init(database: String, logDirectory: String) throws {
        port = try Self.freePort()
        logPath = "\(logDirectory)/server-\(port).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        process.executableURL = URL(fileURLWithPath: Self.executablePath)
        process.arguments = ["serve", "--database", database, "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["FURROW_RATE_LIMIT"] = "100000000/300"
        environment["FURROW_MAX_IN_FLIGHT"] = "1000"
        environment["FURROW_LOG_LEVEL"] = environment["FURROW_BENCH_SERVER_LOG_LEVEL"] ?? "warning"
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
    }

    /// This executable; when it was rebuilt while running, the new file at the same path.
    static let executablePath: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return path.hasSuffix(" (deleted)") ? String(path.dropLast(" (deleted)".count)) : path
    }()

    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress -> Int32 in
                guard bind(descriptor, socketAddress, length) == 0 else { return -1 }
                return getsockname(descriptor, socketAddress, &length)
            }
        }
        guard bound == 0 else { throw BenchError.failed("no free loopback port") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Starts the child and waits until `/healthz` answers 200; records the time it took.
    func start(timeout: Double = 120) throws {
        let started = Date()
        try process.run()
        while Date().timeIntervalSince(started) < timeout {
            if !process.isRunning { throw BenchError.failed("the server exited with status \(process.terminationStatus); see \(logPath)") }
            if let connection = try? HTTPConnection(port: port), let response = try? connection.get("/healthz"), response.status == 200 {
                coldStart = Date().timeIntervalSince(started)
                return
            }
            usleep(5_000)
        }
        throw BenchError.failed("the server did not answer /healthz within \(Int(timeout)) s; see \(logPath)")
    }

    /// Peak resident set size of the child in MiB (VmHWM of /proc/PID/status).
    var peakRSS: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return nil
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
