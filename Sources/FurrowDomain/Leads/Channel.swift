import Foundation

/// What kind of record a lead source must be for an advertising channel (rules 107–109).
public enum ImpactType: String, Sendable, Codable, CaseIterable {
    case user, account, contact, campaign, other
}

/// An advertising channel: a catalog row naming where leads come from.
public struct Channel: Sendable, Equatable {
    public typealias ID = Identifier<Channel>
    public var id: ID
    public var name: String
    public var impactType: ImpactType

    public init(id: ID, name: String, impactType: ImpactType) {
        self.id = id
        self.name = name
        self.impactType = impactType
    }
}

/// The source of a lead or opportunity: a channel and either a record of the channel's impact
/// type or, for `other`, a free text.
public struct LeadSource: Sendable, Equatable {
    public var channelId: Channel.ID?
    public var refType: ImpactType?
    public var refId: UUID?
    public var text: String?

    public init(channelId: Channel.ID? = nil, refType: ImpactType? = nil, refId: UUID? = nil, text: String? = nil) {
        self.channelId = channelId
        self.refType = refType
        self.refId = refId
        self.text = text
    }

    /// The source must match its channel: a reference of the channel's impact type, or a text
    /// for `other`; no reference without a channel.
    public func check(against channel: Channel?) throws(ValidationError) {
        var check = Validator()
        guard let channel else {
            if refType != nil || refId != nil { check.add("sourceRef", "needs a channel") }
            try check.check()
            return
        }
        if channel.impactType == .other {
            if refType != nil || refId != nil { check.add("sourceRef", "channel \(channel.name) takes a source text, not a record") }
        } else {
            if let refType, refType != channel.impactType {
                check.add("sourceRef", "must be a \(channel.impactType.rawValue) for channel \(channel.name)")
            }
            if (refType == nil) != (refId == nil) { check.add("sourceRef", "needs both type and id") }
        }
        try check.check()
    }
}
