import FurrowAPI
import FurrowCore
import Hummingbird

/// The server-rendered web UI.
public enum WebRoutes {
    public static func add(to router: Router<AppContext>, env: CoreEnvironment) {
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/login"]) }
    }
}
