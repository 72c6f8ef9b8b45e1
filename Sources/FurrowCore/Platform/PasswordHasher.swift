import Dispatch
import Foundation
import HummingbirdBcrypt

/// bcrypt password hashing, run off the request threads (it is deliberately slow).
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    /// Told of every hash `verify` checks (tests observe the sign-in path with it).
    let observer: (@Sendable (String) -> Void)?
    private let unknownUser: UnknownUserHash

    public init(cost: UInt8 = 11, observer: (@Sendable (String) -> Void)? = nil) {
        self.cost = cost
        self.observer = observer
        self.unknownUser = UnknownUserHash(cost: cost)
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        observer?(hash)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// A hash of a random password at this hasher's cost, made once: a sign-in with an unknown
    /// email verifies against it, so it takes as long as one with a known email.
    public func unknownUserHash() async -> String {
        if let hash = unknownUser.stored() { return hash }
        let made = await hash(SecretToken.generate())
        return unknownUser.store(made)
    }
}

/// The once-made hash behind `PasswordHasher.unknownUserHash` (shared by copies of the hasher).
// unchecked: the hash is only touched under `lock`
private final class UnknownUserHash: @unchecked Sendable {
    let cost: UInt8
    private let lock = NSLock()
    private var hash: String?

    init(cost: UInt8) { self.cost = cost }

    func stored() -> String? { lock.withLock { hash } }

    func store(_ made: String) -> String {
        lock.withLock {
            if hash == nil { hash = made }
            return hash!
        }
    }
}
