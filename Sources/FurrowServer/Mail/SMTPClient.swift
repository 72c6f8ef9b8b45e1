import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain SMTP client (RFC 5321) over a blocking socket, run off the request threads by the
/// outbox worker. No TLS yet: point it at a local relay.
struct SMTPClient {
    let host: String
    let port: Int
    var username = ""
    var password = ""
    var timeout: Int = 20

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(from: String, to: String, message: String) throws {
        let socket = try connect()
        defer { close(socket) }
        var reader = LineReader(socket: socket)
        try expect(&reader, 220)
        try command(socket, "EHLO furrow.localdomain", &reader, 250)
        if !username.isEmpty {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            try command(socket, "AUTH PLAIN \(token)", &reader, 235)
        }
        try command(socket, "MAIL FROM:<\(from)>", &reader, 250)
        try command(socket, "RCPT TO:<\(to)>", &reader, 250)
        try command(socket, "DATA", &reader, 354)
        let body = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\n")
        try write(socket, body + (body.hasSuffix("\r\n") ? "" : "\r\n") + ".\r\n")
        try expect(&reader, 250)
        try? command(socket, "QUIT", &reader, 221)
    }

    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var limit = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw Failure(description: "cannot connect to \(host):\(port)")
    }

    private func command(_ socket: Int32, _ line: String, _ reader: inout LineReader, _ code: Int) throws {
        try write(socket, line + "\r\n")
        try expect(&reader, code)
    }

    private func write(_ socket: Int32, _ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "connection lost while sending") }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Reads a (possibly multi-line) reply and checks its code.
    private func expect(_ reader: inout LineReader, _ code: Int) throws {
        while true {
            let line = try reader.line()
            guard line.count >= 3, let got = Int(line.prefix(3)) else { throw Failure(description: "bad reply: \(line)") }
            if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard got == code else { throw Failure(description: "server said: \(line)") }
            return
        }
    }

    struct LineReader {
        let socket: Int32
        var buffer: [UInt8] = []

        mutating func line() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                    buffer.removeFirst(end + 1)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 1024)
                let count = recv(socket, &chunk, chunk.count, 0)
                guard count > 0 else { throw Failure(description: "no reply from the server") }
                buffer += chunk[0..<count]
            }
        }
    }
}
