import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `SettingsRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension SettingsRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/settings", "getSettings", tag: "Settings", "Get the company settings",
                 answers: [.ok("Settings"), .unauthorized],
                 use: SettingsRoutes.get),
        Endpoint(.patch, "/settings", "updateSettings", tag: "Settings", "Update the company settings",
                 body: .json("SettingsPatch"),
                 answers: [.ok("Settings"), .unauthorized, .writeForbidden("Only administrators change settings")],
                 bodyErrors: true,
                 use: SettingsRoutes.update),
    ]
}
