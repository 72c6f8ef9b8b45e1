import Foundation
import FurrowCore
import FurrowDomain
import Testing

@Suite("Time-ordered ids")
struct TimeOrderedIDsTests {
    @Test("version 7, RFC variant, unique, and later ids sort after earlier ones")
    func ordered() async throws {
        let ids = TimeOrderedIDs()
        var seen = Set<UUID>()
        var previous = Identifier<Int>(ids.next())
        for _ in 0..<20 {
            try await Task.sleep(nanoseconds: 2_000_000)
            let id = ids.next()
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
            #expect(seen.insert(id).inserted)
            let next = Identifier<Int>(id)
            #expect(previous < next, "\(previous) then \(next)")
            #expect(previous.string < next.string)
            previous = next
        }
        let burst = (0..<10_000).map { _ in ids.next() }
        #expect(Set(burst).count == burst.count)
    }
}
