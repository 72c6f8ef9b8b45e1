import Foundation
import FurrowDomain

/// The clock of the use cases: the only source of "now". Tests pass a fixed one.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// The source of new record ids. Tests pass a sequential one.
public protocol IDSource: Sendable {
    func next() -> UUID
}

/// Time-ordered ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then 74 random
/// bits. Records created together get neighbouring ids, so every index keyed by id (primary
/// keys, search entries, the audit trail) grows at its end instead of at a random page — a
/// large import touches a few pages per index instead of one per row.
public struct TimeOrderedIDs: IDSource {
    public init() {}

    public func next() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<16 {
            let word = index < 14 ? random.0 : random.1
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// What every use case needs from the outside world.
public struct CoreEnvironment: Sendable {
    public let store: any Store
    public let clock: any Clock
    public let ids: any IDSource
    public let passwords: PasswordHasher
    /// Renders quote PDFs for emails; nil where no documents module is wired in.
    public let documentRenderer: (any DocumentRenderer)?

    public init(store: any Store, clock: any Clock = SystemClock(), ids: any IDSource = TimeOrderedIDs(),
                passwords: PasswordHasher = PasswordHasher(), documentRenderer: (any DocumentRenderer)? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.passwords = passwords
        self.documentRenderer = documentRenderer
    }

    func newID<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> { Identifier(ids.next()) }
}
