import Foundation
import FurrowCore
import FurrowDomain

/// The demo's workspace: Nora's view of the North team's big open deals, shared with the team,
/// Sam's own view of new leads, and Sam's notes and the site survey file on Greenway Farms.
enum DemoWorkspace {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account]) async throws {
        guard let sam = people["sam@demo.furrow.test"], let nora = people["nora@demo.furrow.test"] else { return }
        let views = SavedViewService(env)
        _ = try await views.create(list: "opportunities", name: "Big open deals", query: "status=inProgress&sort=-estimatedRevenue",
                                   shared: true, by: nora)
        _ = try await views.create(list: "leads", name: "New leads", query: "status=new&sort=-createdAt", shared: false, by: sam)
        guard let greenway = accounts["Greenway Farms"] else { return }
        let farm = Regarding(.account, greenway.id.uuid)
        let notes = NotesAndFiles(env)
        _ = try await notes.addNote(to: farm, body: "Harvest ends in October: the grain dryer must be running by September.\nAsk about the second barn.",
                                    by: sam)
        _ = try await notes.attach(to: farm, name: "site-survey.txt", data: Data("""
            Greenway Farms — site survey
            Barn 1: 3-phase power, 40 m from the yard.
            Barn 2: no power yet; quote a cable run.
            """.utf8), by: sam)
    }
}
