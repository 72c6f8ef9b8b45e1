import Foundation
import FurrowDomain

/// Errors of the use cases that are not a domain rule: lookups, versions, permissions.
public enum CoreError: Error, Sendable, Equatable {
    /// The record does not exist or the caller may not see it (both answer 404).
    case notFound(String)
    /// The `version` the caller sent is not the record's current one.
    case versionConflict(current: Int)
    /// A `version` (If-Match) is required for this change.
    case versionRequired
    /// The caller may see the record but their role may not do this.
    case forbidden(String)
    /// No valid credentials.
    case unauthorized
    /// Too many failed sign-ins; try again after the given seconds.
    case throttled(retryAfter: Int)
    /// The first administrator exists already.
    case alreadySetUp
    /// The database has no room left for the write; nothing was written. Reads keep working.
    case storageFull
    /// The database could not take the write just now (an I/O failure); nothing was written.
    case storageUnavailable
    /// The email belongs to another user.
    case emailTaken
}
