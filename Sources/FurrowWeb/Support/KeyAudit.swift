import Foundation
import Mustache

/// Records, per template, the keys a page's templates looked up that no model on the page has:
/// Mustache renders a misspelt key as empty, so without this a typo ships silently. Off in the
/// server; a test turns it on, renders every page it can reach and expects nothing missing.
public final class KeyAudit: @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [String: Set<String>] = [:]
    private var present: [String: Set<String>] = [:]

    public init() {}

    /// Template name → the keys it used that none of its renders' models held, sorted.
    public var missing: [String: [String]] {
        lock.withLock {
            var result: [String: [String]] = [:]
            for (template, names) in asked {
                let absent = names.subtracting(present[template] ?? [])
                if !absent.isEmpty { result[template] = absent.sorted() }
            }
            return result
        }
    }

    /// The templates rendered so far.
    public var rendered: Set<String> { lock.withLock { Set(asked.keys) } }

    /// `root` wrapped so that each lookup the template makes is recorded under `template`.
    func wrap(_ root: Any, template: String) -> Any {
        lock.withLock { _ = asked[template, default: []] }
        return Audited.wrap(root, Recorder(audit: self, template: template))
    }

    fileprivate func note(_ name: String, found: Bool, template: String) {
        lock.withLock {
            asked[template, default: []].insert(name)
            if found { present[template, default: []].insert(name) }
        }
    }

    fileprivate struct Recorder {
        let audit: KeyAudit
        let template: String
    }

    /// A model value whose lookups are recorded. Scalars and lists are handed to the renderer
    /// as they are (lists with their elements wrapped), so sections and text render unchanged.
    fileprivate struct Audited: MustacheParent, CustomStringConvertible {
        let value: Any
        let recorder: Recorder

        var description: String { String(describing: value) }

        func child(named name: String) -> Any? {
            let found: Any??
            if let dictionary = value as? [String: Any] {
                found = dictionary.keys.contains(name) ? .some(dictionary[name]) : .none
            } else {
                found = Self.property(name, of: value)
            }
            recorder.audit.note(name, found: found != nil, template: recorder.template)
            guard case .some(let child) = found, let child = Self.unwrapped(child) else { return nil }
            return Self.wrap(child, recorder)
        }

        /// The stored property `name` of a struct or class (and its superclasses), nil when it has none.
        static func property(_ name: String, of value: Any) -> Any?? {
            var mirror: Mirror? = Mirror(reflecting: value)
            while let current = mirror {
                if let child = current.children.first(where: { $0.label == name }) { return .some(child.value) }
                mirror = current.superclassMirror
            }
            return nil
        }

        static func unwrapped(_ value: Any) -> Any? {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.map { unwrapped($0.value) } ?? nil
        }

        static func wrap(_ value: Any, _ recorder: Recorder) -> Any {
            switch value {
            case is String, is Substring, is Bool, is any BinaryInteger, is any BinaryFloatingPoint, is MustacheLambda: return value
            case let list as [Any]: return list.map { wrap($0, recorder) }
            default:
                switch Mirror(reflecting: value).displayStyle {
                case .struct?, .class?, .dictionary?, .tuple?: return Audited(value: value, recorder: recorder)
                default: return value
                }
            }
        }
    }
}
