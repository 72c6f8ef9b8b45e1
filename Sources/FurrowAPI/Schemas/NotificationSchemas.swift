import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The notification schemas of the API's document.
extension Components {
    static let notification: Schema = .object("An in-app notification of the signed-in user, e.g. that a lead or an opportunity was assigned to them by someone else.", required: ["id", "message", "link", "createdAt"], [
        "id": .uuid(),
        "message": .string("What happened, e.g. `Ada Admin assigned you the lead “Roof repair”`."),
        "link": .string("The web path of the record it is about, e.g. `/leads/<id>`.", format: "uri-reference", examples: ["/leads/0b8f6a3e-6f0e-4c1a-9d55-3b2f4c1d2e3f"]),
        "createdAt": .timestamp(),
        "readAt": .timestamp("When the user marked it read; omitted while it is unread.", nullable: true),
    ])
    static let notificationPage: Schema = .page("Notification", "The signed-in user's 100 newest notifications, newest first (one page).")

    static let notificationSchemas: [(name: String, schema: Schema)] = [
        ("Notification", notification),
        ("NotificationPage", notificationPage),
    ]
}
