import Foundation
import FurrowCore
import FurrowDomain

extension Web {
    /// "1,234 opportunities": how many records a list page's filters match in all (one count); nil
    /// while a text search narrows it (some lists search text their own way).
    func listCount(_ list: CountedList, _ parameters: ListParameters, _ principal: Principal, one: String, many: String) async throws -> String? {
        guard parameters.text.isEmpty else { return nil }
        let total = try await ListCounts(env).count(list, filters: parameters.query.filters, by: principal)
        return "\(ContactImportPage.number(total)) \(total == 1 ? one : many)" + (parameters.isFiltered ? (total == 1 ? " matches" : " match") : "")
    }
}
