import Foundation
import FurrowDomain

/// Which events a change makes (SPEC §11), read from its audit entries: every audited record type
/// has `created`, `updated` and `deleted`; the business verbs come from a change of status (an
/// invoice becoming `paid` is `invoice.paid`), of stage (`opportunity.stageChanged`) and from a
/// new payment (`payment.received`). Events are recorded by the store with the audit entries, in
/// the same transaction, for the active subscriptions that want them.
public enum WebhookEvents {
    /// Records whose changes are events (users and the administration rows are not).
    public static let entities: [String] = RecordTypes.all.map { $0.entity }.filter { $0 != "user" }.sorted()
    /// The same, to look an audit entry's entity up on the write path.
    static let entitySet = Set(entities)

    /// entity → new status → event.
    static let statusEvents: [String: [String: String]] = [
        "lead": ["qualified": "lead.qualified", "disqualified": "lead.disqualified"],
        "opportunity": ["won": "opportunity.won", "lost": "opportunity.lost"],
        "quote": ["sent": "quote.sent", "accepted": "quote.accepted", "rejected": "quote.rejected"],
        "order": ["confirmed": "order.confirmed", "delivered": "order.delivered", "cancelled": "order.cancelled"],
        "invoice": ["issued": "invoice.issued", "paid": "invoice.paid", "cancelled": "invoice.cancelled"],
        "contract": ["active": "contract.activated", "renewed": "contract.renewed", "expired": "contract.expired", "cancelled": "contract.cancelled"],
        "campaign": ["launched": "campaign.launched", "completed": "campaign.completed"],
        "activity": ["completed": "activity.completed"],
    ]

    /// Every event type a subscription may name, besides `*`; `webhook.ping` is the test ping.
    public static var types: [String] {
        let lifecycle = entities.flatMap { ["\($0).created", "\($0).updated", "\($0).deleted"] }
        let verbs = statusEvents.values.flatMap(\.values) + ["opportunity.stageChanged", "payment.received"]
        return lifecycle + verbs.sorted() + [ping]
    }

    public static let ping = "webhook.ping"

    /// The events of one audit entry.
    public static func events(of entry: AuditEntry) -> [String] {
        guard entitySet.contains(entry.entity) else { return [] }
        let verb = entry.action.hasPrefix(entry.entity + ".") ? String(entry.action.dropFirst(entry.entity.count + 1)) : entry.action
        var out: [String]
        switch verb {
        case "create": out = ["\(entry.entity).created"]
        case "delete": out = ["\(entry.entity).deleted"]
        default: out = ["\(entry.entity).updated"]
        }
        if let status = entry.changes.first(where: { $0.field == "status" })?.new, let event = statusEvents[entry.entity]?[status] {
            out.append(event)
        }
        if entry.entity == "opportunity", verb != "create", entry.changes.contains(where: { $0.field == "stageId" }) {
            out.append("opportunity.stageChanged")
        }
        if entry.entity == "payment", verb == "create" { out.append("payment.received") }
        return out
    }

    /// The `data` of an entry's events: what changed, who changed it, and through which token.
    struct Data: Encodable {
        let entity: String, id: String, action: String, actorId: String?, via: String?
        let changes: [FieldChange]
    }

    static func data(_ entry: AuditEntry) -> String {
        let data = Data(entity: entry.entity, id: UUIDText.lowercase(entry.entityId), action: entry.action, actorId: entry.actorId?.string,
                        via: entry.via, changes: entry.changes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(data), as: UTF8.self)) ?? "{}"
    }

    /// Records the events of `entries` for the subscriptions that want them; called by the store
    /// as it writes the entries, in the same transaction.
    public static func record(_ entries: [AuditEntry], in session: any StoreSession) async throws {
        let subscriptions = try await session.webhookSubscriptions()
        guard !subscriptions.isEmpty else { return }
        var events: [(WebhookEvent, [Webhook.ID])] = []
        for entry in entries {
            for type in Self.events(of: entry) {
                let wanting = subscriptions.filter { $0.wants(type) }.map(\.id)
                guard !wanting.isEmpty else { continue }
                events.append((WebhookEvent(id: UUID(), type: type, entity: entry.entity, entityId: entry.entityId, occurredAt: entry.at,
                                            data: data(entry)), wanting))
            }
        }
        if !events.isEmpty { try await session.insertWebhookEvents(events, at: entries[0].at) }
    }
}
