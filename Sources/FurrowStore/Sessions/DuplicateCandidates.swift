import FurrowCore
import FurrowDomain

/// Stored records found by one query for many key sets, matched to each key set in memory by the
/// duplicate rule accounts and contacts share: the same email, the same phone, or the same name
/// within the same group (an account's domain, a contact's account); at most 10 each, in the
/// candidates' order.
struct DuplicateCandidates {
    struct Candidate { let id: String, name: String, nameKey: String, email: String?, phone: String?, group: String? }

    let candidates: [Candidate]
    /// The group a name is compared within; nil leaves the name out (a contact without an account).
    let group: (String?) -> String?
    private var byEmail: [String: [Int]] = [:], byPhone: [String: [Int]] = [:], byName: [String: [Int]] = [:]

    init(_ candidates: [Candidate], group: @escaping (String?) -> String?) {
        self.candidates = candidates
        self.group = group
        for (index, candidate) in candidates.enumerated() {
            if let email = candidate.email { byEmail[email, default: []].append(index) }
            if let phone = candidate.phone { byPhone[phone, default: []].append(index) }
            if let group = group(candidate.group) { byName[candidate.nameKey + "\u{0}" + group, default: []].append(index) }
        }
    }

    func matches(_ key: DuplicateKeys) -> [DuplicateMatch] {
        var found = Set<Int>()
        if let email = key.email { found.formUnion(byEmail[email] ?? []) }
        if let phone = key.phone { found.formUnion(byPhone[phone] ?? []) }
        if let group = group(key.domain) { found.formUnion(byName[key.name + "\u{0}" + group] ?? []) }
        return found.sorted().prefix(10).map { index in
            let candidate = candidates[index]
            var on: [String] = []
            if let email = key.email, candidate.email == email { on.append("email") }
            if let phone = key.phone, candidate.phone == phone { on.append("phone") }
            if candidate.nameKey == key.name { on.append("name") }
            return DuplicateMatch(id: candidate.id, name: candidate.name, matchedOn: on)
        }
    }
}
