import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 keep-alive client over one loopback TCP socket: writes a request, reads
/// the status line, headers and a Content-Length or chunked body. One per driver thread, so
/// the client costs next to nothing next to the server.
final class HTTPConnection {
    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object (nil when it is not one).
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
    }

    let port: UInt16
    private var socketDescriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    init(port: UInt16) throws {
        self.port = port
        try open()
    }

    deinit { close() }

    func close() {
        if socketDescriptor >= 0 { Glibc.close(socketDescriptor) }
        socketDescriptor = -1
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    private func open() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError.http("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw BenchError.http("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        socketDescriptor = descriptor
    }

    func get(_ path: String, token: String? = nil) throws -> Response {
        try request("GET", path, token: token)
    }

    /// Sends one request; on a connection the server closed in between, reconnects once and resends.
    func request(_ method: String, _ path: String, token: String? = nil, headers: [(String, String)] = [], json: String? = nil) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let body = json.map { Array($0.utf8) } ?? []
        if json != nil { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + body
        for attempt in 0..<2 {
            if socketDescriptor < 0 { try open() }
            do {
                try send(bytes)
                let response = try readResponse()
                if response.header("Connection")?.lowercased() == "close" { close() }
                return response
            } catch BenchError.closed where attempt == 0 {
                close()
            }
        }
        throw BenchError.http("\(method) \(path): the server closed the connection")
    }

    private func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBufferPointer { Glibc.send(socketDescriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { throw BenchError.closed }
            sent += count
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        let count = chunk.withUnsafeMutableBufferPointer { recv(socketDescriptor, $0.baseAddress!, $0.count, 0) }
        if count < 0 && errno == EINTR { return try fill() }
        if count <= 0 { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func readLine() throws -> String {
        while true {
            if let end = lineEnd() {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 2
                return line
            }
            guard try fill() else { throw BenchError.closed }
        }
    }

    private func lineEnd() -> Int? {
        guard buffer.count - start >= 2 else { return nil }
        var index = start
        while index < buffer.count - 1 {
            if buffer[index] == 13 && buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - start < count {
            guard try fill() else { throw BenchError.http("the connection ended inside a body") }
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }

    private func readResponse() throws -> Response {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw BenchError.http("not an HTTP status line: \(statusLine)")
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let response = Response(status: status, headers: headers, body: [])
        var body: [UInt8] = []
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw BenchError.http("bad chunk size '\(sizeLine)'")
                }
                if size == 0 {
                    while try !readLine().isEmpty {}
                    break
                }
                body += try readBytes(size)
                _ = try readBytes(2)
            }
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            body = Array(try readBytes(length))
        }
        if start > 65_536 { buffer.removeFirst(start); start = 0 }
        return Response(status: status, headers: headers, body: body)
    }
}

/// Percent-encodes a query value (brackets of filter names included).
func encoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
    let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
    return String(array.dropFirst().dropLast())
}
