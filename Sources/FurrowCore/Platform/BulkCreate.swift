import Foundation
import FurrowDomain

/// Many records of one type created in one call (SPEC §11, bulk JSON), each through the same
/// steps as a single create (validation, links, duplicate check, search index, audit), in one
/// transaction: every record is stored, or none. Validation errors and suspected duplicates are
/// collected for every item, named by its index (`items[3].email`); any other refusal (a kind not
/// allowed, a price list not valid) stops at its item as a `BulkItemError`.
public struct BulkCreate: Sendable {
    /// What a record that looks like a stored one (or an earlier item) does: fail the call, be skipped, or be created anyway.
    public enum Policy: String, Sendable, CaseIterable {
        case fail, skip, create
    }

    public enum Outcome<Record: Sendable>: Sendable {
        case created(Record)
        case skipped(duplicateOf: [DuplicateMatch])
    }

    public static let maxItems = 1000

    let env: CoreEnvironment
    let principal: Principal

    public init(_ env: CoreEnvironment, by principal: Principal) {
        self.env = env
        self.principal = principal
    }

    /// Runs `create` for every item in order; `allowDuplicate` is true under `.create`. An item
    /// that could not be read is nil, its errors in `known`: the others are still checked, so the
    /// answer names every bad item, and nothing is stored.
    public func run<Item: Sendable, Record: Sendable>(
        _ items: [Item?], known: [FieldError] = [], policy: Policy,
        create: @Sendable @escaping (_ writer: BatchWriter, _ item: Item, _ allowDuplicate: Bool) async throws -> Record
    ) async throws -> [Outcome<Record>] {
        guard !items.isEmpty else { throw ValidationError([FieldError("items", "names at least one record")]) }
        guard items.count <= Self.maxItems else { throw ValidationError([FieldError("items", "takes at most \(Self.maxItems) records at once")]) }
        return try await Batch(env, by: principal).run { writer in
            var outcomes: [Outcome<Record>] = [], errors = known
            outcomes.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard let item else { continue }
                let result: Result<Record, any Error>
                do { result = .success(try await create(writer, item, policy == .create)) } catch { result = .failure(error) }
                try Self.settle(result, index: index, policy: policy, outcomes: &outcomes, errors: &errors)
            }
            guard errors.isEmpty else { throw ValidationError(errors) }
            return outcomes
        }
    }

    /// The same for records `create` stores all at once (one statement per step for the lot), each
    /// item's result in the order of the items that could be read.
    public func runMany<Item: Sendable, Record: Sendable>(
        _ items: [Item?], known: [FieldError] = [], policy: Policy,
        create: @Sendable @escaping (_ writer: BatchWriter, _ items: [Item], _ allowDuplicate: Bool) async throws -> [Result<Record, any Error>]
    ) async throws -> [Outcome<Record>] {
        guard !items.isEmpty else { throw ValidationError([FieldError("items", "names at least one record")]) }
        guard items.count <= Self.maxItems else { throw ValidationError([FieldError("items", "takes at most \(Self.maxItems) records at once")]) }
        return try await Batch(env, by: principal).run { writer in
            var outcomes: [Outcome<Record>] = [], errors = known
            let present = items.enumerated().compactMap { index, item in item.map { (index, $0) } }
            let results = try await create(writer, present.map(\.1), policy == .create)
            for ((index, _), result) in zip(present, results) {
                try Self.settle(result, index: index, policy: policy, outcomes: &outcomes, errors: &errors)
            }
            guard errors.isEmpty else { throw ValidationError(errors) }
            return outcomes
        }
    }

    /// One item's result: created, skipped as a duplicate, or its errors named by its index;
    /// a refusal other than its fields stops the call.
    static func settle<Record>(_ result: Result<Record, any Error>, index: Int, policy: Policy,
                               outcomes: inout [Outcome<Record>], errors: inout [FieldError]) throws {
        switch result {
        case .success(let record):
            outcomes.append(.created(record))
        case .failure(let error as ValidationError):
            errors += error.errors.map { FieldError("items[\(index)].\($0.field)", $0.message) }
        case .failure(PartyError.duplicateSuspected(let matches)):
            if policy == .skip {
                outcomes.append(.skipped(duplicateOf: matches))
            } else {
                let first = matches.first
                errors.append(FieldError("items[\(index)]", "looks like “\(first?.name ?? "a stored record")” (same \(first?.matchedOn.joined(separator: ", ") ?? "keys")); "
                                         + "send duplicates=skip to leave it out or duplicates=create to store it anyway"))
            }
        case .failure(let error):
            throw BulkItemError(index: index, error: error)
        }
    }
}

/// An item of a bulk create refused for a reason other than its fields: the call stores nothing.
public struct BulkItemError: Error, Sendable {
    public let index: Int
    public let error: any Error
    public init(index: Int, error: any Error) {
        self.index = index
        self.error = error
    }
}
