import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The SSRF guard of webhook targets (SPEC §11): a target's host is resolved, and the delivery
/// is made to an address checked here (the HTTP client is told to connect to it, so a second
/// lookup cannot swap in another). Loopback, private, link-local, carrier-grade NAT, multicast,
/// unspecified, reserved and documentation ranges, IPv4-mapped and -translated IPv6 forms of
/// them, and cloud metadata addresses are refused, however the address is spelled (decimal,
/// octal, hex or short IPv4, IPv6 literals, names resolving to them), unless an administrator
/// allow-listed the host (setting `webhookAllowedHosts`).
public enum TargetGuard {
    public struct Refusal: Error, Sendable, Equatable {
        public let reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// A checked target: the URL's host and the address to connect to.
    public struct Target: Sendable, Equatable {
        public let url: URL
        public let host: String
        public let address: String
    }

    /// Checks the URL's shape (http or https, a host, no user info) without resolving it.
    public static func parse(_ text: String) throws(Refusal) -> (URL, String) {
        guard text.count <= 2000, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let url = components.url else {
            throw Refusal("must be an http or https URL")
        }
        guard components.user == nil, components.password == nil else { throw Refusal("must not carry a user name or password") }
        guard var host = components.host?.lowercased(), !host.isEmpty else { throw Refusal("must name a host") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host = String(host.dropLast()) }
        return (url, host)
    }

    /// `check` on a thread of its own: name resolution blocks, and must not hold up the
    /// threads that serve requests.
    public static func checkAside(_ text: String, allowedHosts: [String]) async throws -> Target {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try check(text, allowedHosts: allowedHosts) }) }
            thread.start()
        }
    }

    /// Resolves and checks `text`; the first allowed address is the one to connect to.
    public static func check(_ text: String, allowedHosts: [String]) throws(Refusal) -> Target {
        let (url, host) = try parse(text)
        let addresses = resolve(host)
        guard let first = addresses.first else { throw Refusal("its host \(host) does not resolve") }
        if allowedHosts.map({ $0.lowercased() }).contains(host) { return Target(url: url, host: host, address: first) }
        for address in addresses {
            if let reason = blocked(address) { throw Refusal("its host \(host) resolves to \(address), \(reason); only public addresses are allowed") }
        }
        return Target(url: url, host: host, address: first)
    }

    /// Every address `host` resolves to (an IP literal in any spelling resolves to itself).
    public static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let list = result else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(cString: buffer)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    /// Why a numeric address is refused, or nil when it is a public one.
    public static func blocked(_ address: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return blocked(v4: UInt32(bigEndian: v4.s_addr))
        }
        var v6 = in6_addr()
        let text = address.split(separator: "%").first.map(String.init) ?? address
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return "not an address" }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return blocked(v6: bytes)
    }

    static func blocked(v4 value: UInt32) -> String? {
        func within(_ base: UInt32, _ bits: UInt32) -> Bool { bits == 0 || value >> (32 - bits) == base >> (32 - bits) }
        let ranges: [(UInt32, UInt32, String)] = [
            (0x0000_0000, 8, "an unspecified (this-network) address"), (0x7F00_0000, 8, "a loopback address"),
            (0x0A00_0000, 8, "a private address"), (0xAC10_0000, 12, "a private address"), (0xC0A8_0000, 16, "a private address"),
            (0x6440_0000, 10, "a carrier-grade NAT address"), (0xA9FE_0000, 16, "a link-local address (cloud metadata among them)"),
            (0xC000_0000, 24, "a reserved protocol address"), (0xC000_0200, 24, "a documentation address"),
            (0xC612_0000, 15, "a benchmarking address"), (0xC633_6400, 24, "a documentation address"), (0xCB00_7100, 24, "a documentation address"),
            (0xE000_0000, 4, "a multicast address"), (0xF000_0000, 4, "a reserved address"),
        ]
        return ranges.first { within($0.0, $0.1) }?.2
    }

    static func blocked(v6 bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return "not an address" }
        if bytes.allSatisfy({ $0 == 0 }) { return "the unspecified address" }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "a loopback address" }
        // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, and the NAT64 prefix 64:ff9b::/96 carry an IPv4 address
        let v4 = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return blocked(v4: v4).map { $0 + " (IPv4-mapped)" } }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return blocked(v4: v4).map { $0 + " (IPv4-compatible)" } ?? "a deprecated IPv4-compatible address" }
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0][...] { return blocked(v4: v4).map { $0 + " (NAT64)" } }
        if bytes[0] == 0xFF { return "a multicast address" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "a link-local address" }
        if bytes[0] & 0xFE == 0xFC { return "a private (unique local) address" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return "a site-local address" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return "a documentation address" }
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return "a 6to4 address" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0 { return "a Teredo address" }
        if bytes[0] == 0xFD && bytes[1] == 0x00 && bytes[2] == 0x0E && bytes[3] == 0xC2 { return "a cloud metadata address" }
        return nil
    }
}
