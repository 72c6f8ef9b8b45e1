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

public struct RandomIDs: IDSource {
    public init() {}
    public func next() -> UUID { UUID() }
}

/// What every use case needs from the outside world.
public struct CoreEnvironment: Sendable {
    public let store: any Store
    public let clock: any Clock
    public let ids: any IDSource
    public let passwords: PasswordHasher
    /// Renders quote PDFs for emails; nil where no documents module is wired in.
    public let documentRenderer: (any DocumentRenderer)?

    public init(store: any Store, clock: any Clock = SystemClock(), ids: any IDSource = RandomIDs(),
                passwords: PasswordHasher = PasswordHasher(), documentRenderer: (any DocumentRenderer)? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.passwords = passwords
        self.documentRenderer = documentRenderer
    }

    func newID<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> { Identifier(ids.next()) }
}
