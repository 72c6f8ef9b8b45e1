import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `MarketingListRoutes` and `CampaignRoutes`, each declared once for the
/// router, 405 answers and the OpenAPI document.
extension MarketingListRoutes {
    static let listId = Endpoint.Parameter.id.described("The marketing list's id (a malformed id answers 404).")
    static let limitParameter = Endpoint.Parameter("limit", in: .query, "At most this many (default 500).", .integer(minimum: 1, maximum: 500))
    static let changeForbidden = Endpoint.Answer.writeForbidden("The caller's role cannot change the list")

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/marketing-lists", "listMarketingLists", tag: "Campaigns", "List marketing lists",
                 description: "The lists the caller may see (their own and their teams'), newest first (one page of at most 500).",
                 parameters: [limitParameter],
                 answers: [.ok("MarketingListPage"), .problem(400, [.invalidQuery], detail: "An unknown parameter or a limit outside 1–500"), .unauthorized],
                 use: MarketingListRoutes.list),
        Endpoint(.post, "/marketing-lists", "createMarketingList", tag: "Campaigns", "Make a marketing list",
                 description: "A static list (members added afterwards) or a dynamic one (its `query`, in the filter language of the target's list, decides its members whenever it is read, as its owner sees the records: a record made later that matches is a member). `targetType` and `listType` are fixed from now on.",
                 body: .json("MarketingListCreate"),
                 answers: [.created("MarketingList", location: "/api/v1/marketing-lists/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records")],
                 bodyErrors: true, use: MarketingListRoutes.create),
        Endpoint(.get, "/marketing-lists/preview", "previewMarketingList", tag: "Campaigns", "Find: preview a filter's matches",
                 description: "The records of the target type a filter matches now for the caller: how many, and the first `limit` (default and at most 100). Save the filter as a dynamic list's `query` (Use query), or add its matches to a static list.",
                 parameters: [Endpoint.Parameter("targetType", in: .query, required: true, "accounts, contacts or leads.", .values(MarketingList.TargetType.allCases.map(\.rawValue))),
                              Endpoint.Parameter("query", in: .query, "The filter, URL-encoded as one parameter (`industry%3DLogistics`); empty matches every record.", .string(maxLength: 2000)),
                              Endpoint.Parameter("limit", in: .query, "How many members to show (default 100).", .integer(minimum: 1, maximum: 100))],
                 answers: [.ok("ListPreview"), .problem(400, [.invalidQuery], detail: "targetType missing, a filter naming an unknown field or operator, or an unknown parameter"), .unauthorized],
                 use: MarketingListRoutes.preview),
        Endpoint(.get, "/marketing-lists/{id}", "getMarketingList", tag: "Campaigns", "Get a marketing list with its member count",
                 parameters: [listId], answers: [.ok("MarketingList"), .unauthorized, .problem(404)], use: MarketingListRoutes.get),
        Endpoint(.patch, "/marketing-lists/{id}", "updateMarketingList", tag: "Campaigns", "Rename a list or change its rule",
                 description: "`targetType` and `listType` cannot change (rule 60): deactivate the list and make another.",
                 parameters: [listId, Endpoint.Parameter("If-Match", in: .header, "The version the change was made on, as `\"N\"`, or send `version` in the body; optional. A stale one answers 412.", Endpoint.Parameter.versionTag, example: "\"1\"")],
                 body: .json("MarketingListPatch"),
                 answers: [.ok("MarketingList"), .unauthorized, changeForbidden, .problem(404),
                           .problem(409, [.marketingListImmutable], detail: "targetType or listType sent changed"), .problem(412)],
                 bodyErrors: true, use: MarketingListRoutes.update),
        Endpoint(.post, "/marketing-lists/{id}/deactivate", "deactivateMarketingList", tag: "Campaigns", "Deactivate a list",
                 description: "It keeps its members and links; it is not linked, distributed to or changed in membership until reactivated. No body is read.",
                 parameters: [listId], answers: [.ok("MarketingList"), .unauthorized, changeForbidden, .problem(404)], use: MarketingListRoutes.deactivate),
        Endpoint(.post, "/marketing-lists/{id}/reactivate", "reactivateMarketingList", tag: "Campaigns", "Reactivate a list",
                 description: "No body is read.", parameters: [listId],
                 answers: [.ok("MarketingList"), .unauthorized, changeForbidden, .problem(404)], use: MarketingListRoutes.reactivate),
        Endpoint(.get, "/marketing-lists/{id}/members", "listMarketingListMembers", tag: "Campaigns", "A list's members",
                 description: "A static list's members by id; a dynamic list's matches as its owner sees them now, in the target list's default order. Keyset pages: follow `nextCursor`.",
                 parameters: [listId, Endpoint.Parameter("limit", in: .query, "Page size (default 200).", .integer(minimum: 1, maximum: ListParameters.maxLimit)),
                              Endpoint.Parameter("cursor", in: .query, "The previous page's nextCursor.", .string())],
                 answers: [.ok("ListMemberPage"), .problem(400, [.invalidQuery], detail: "A bad limit or cursor, or an unknown parameter"), .unauthorized, .problem(404)],
                 use: MarketingListRoutes.members),
        Endpoint(.post, "/marketing-lists/{id}/members", "addMarketingListMembers", tag: "Campaigns", "Add members to a static list",
                 description: "By id, or the current matches of a filter (once: records made later are not added). Members already in the list are not added twice.",
                 parameters: [listId], body: .json("MembersAdd"),
                 answers: [.ok("MembersAdded"), .unauthorized, changeForbidden, .problem(404),
                           .problem(409, [.marketingListInactive, .marketingListNotStatic], detail: "The list is inactive or dynamic")],
                 bodyErrors: true, use: MarketingListRoutes.addMembers),
        Endpoint(.delete, "/marketing-lists/{id}/members/{memberId}", "removeMarketingListMember", tag: "Campaigns", "Remove a member from a static list",
                 parameters: [listId, Endpoint.Parameter("memberId", in: .path, required: true, "The member's record id; one not in the list answers 404.", .uuid())],
                 answers: [.noContent, .unauthorized, changeForbidden, .problem(404),
                           .problem(409, [.marketingListInactive, .marketingListNotStatic], detail: "The list is inactive or dynamic")],
                 use: MarketingListRoutes.removeMember),
        Endpoint(.post, "/marketing-lists/{id}/copy", "copyMarketingList", tag: "Campaigns", "Copy a list into a new static list",
                 description: "A dynamic list's current matches (as its owner sees them) or a static list's members, at most 50,000, in a new static list of the caller's.",
                 parameters: [listId], body: Endpoint.Body([Endpoint.Content("application/json", .ref("ListCopy"))], required: false),
                 answers: [.created("MarketingList", location: "/api/v1/marketing-lists/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records"), .problem(404)],
                 bodyErrors: true, use: MarketingListRoutes.copy),
        Endpoint(.get, "/marketing-lists/{id}/campaigns", "listMarketingListCampaigns", tag: "Campaigns", "The campaigns a list is linked to",
                 parameters: [listId], answers: [.ok("CampaignPage"), .unauthorized, .problem(404)], use: MarketingListRoutes.campaigns),
        Endpoint(.post, "/marketing-lists/{id}/campaigns", "linkCampaignToList", tag: "Campaigns", "Link a campaign to the list",
                 description: "The seed's Add Existing Campaign; the same link as `POST /campaigns/{id}/marketing-lists`. Linking twice changes nothing.",
                 parameters: [listId], body: .json("CampaignLink"),
                 answers: [.noContent, .unauthorized, .writeForbidden("The caller can change neither the campaign nor the list"), .problem(404),
                           .problem(409, [.marketingListInactive, .campaignInactive], detail: "The list or the campaign is deactivated")],
                 bodyErrors: true, use: MarketingListRoutes.linkCampaign),
    ]
}

extension CampaignRoutes {
    static let campaignId = Endpoint.Parameter.id.described("The campaign's id (a malformed id answers 404).")
    static let changeForbidden = Endpoint.Answer.writeForbidden("The caller's role cannot change the campaign")

    static func move(_ path: String, _ operation: String, _ summary: String, _ from: String, use: @escaping @Sendable (CampaignRoutes) -> Handler) -> Endpoint {
        Endpoint(.post, "/campaigns/{id}/\(path)", operation, tag: "Campaigns", summary, description: "Only from `\(from)`, for an active campaign. No body is read.",
                 parameters: [campaignId],
                 answers: [.ok("Campaign"), .unauthorized, changeForbidden, .problem(404),
                           .problem(409, [.campaignIllegalMove, .campaignInactive], detail: "The campaign is not \(from), or deactivated")],
                 use: use)
    }

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/campaigns", "listCampaigns", tag: "Campaigns", "List campaigns",
                 description: "Every campaign (everyone reads campaigns: they are lead sources), newest first (one page of at most 500).",
                 parameters: [MarketingListRoutes.limitParameter, Endpoint.Parameter("quick", in: .query, "true: only quick campaigns; false: only the others.", .values(["true", "false"]))],
                 answers: [.ok("CampaignPage"), .problem(400, [.invalidQuery], detail: "An unknown parameter, a limit outside 1–500 or a bad quick"), .unauthorized],
                 use: CampaignRoutes.list),
        Endpoint(.post, "/campaigns", "createCampaign", tag: "Campaigns", "Make a campaign",
                 body: .json("CampaignCreate"),
                 answers: [.created("Campaign", location: "/api/v1/campaigns/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records")],
                 bodyErrors: true, use: CampaignRoutes.create),
        Endpoint(.get, "/campaigns/{id}", "getCampaign", tag: "Campaigns", "Get a campaign",
                 parameters: [campaignId], answers: [.ok("Campaign"), .unauthorized, .problem(404)], use: CampaignRoutes.get),
        Endpoint(.patch, "/campaigns/{id}", "updateCampaign", tag: "Campaigns", "Edit a campaign",
                 parameters: [campaignId, Endpoint.Parameter("If-Match", in: .header, "The version the change was made on, as `\"N\"`, or send `version` in the body; optional. A stale one answers 412.", Endpoint.Parameter.versionTag, example: "\"1\"")],
                 body: .json("CampaignPatch"),
                 answers: [.ok("Campaign"), .unauthorized, changeForbidden, .problem(404), .problem(412)],
                 bodyErrors: true, use: CampaignRoutes.update),
        move("ready-to-launch", "readyCampaign", "Mark a campaign ready to launch", "planning", use: CampaignRoutes.readyToLaunch),
        move("launch", "launchCampaign", "Launch a campaign", "readyToLaunch", use: CampaignRoutes.launch),
        move("complete", "completeCampaign", "Complete a campaign", "launched", use: CampaignRoutes.complete),
        Endpoint(.post, "/campaigns/{id}/deactivate", "deactivateCampaign", tag: "Campaigns", "Deactivate a campaign",
                 description: "In any status (a completed campaign too). No body is read.", parameters: [campaignId],
                 answers: [.ok("Campaign"), .unauthorized, changeForbidden, .problem(404)], use: CampaignRoutes.deactivate),
        Endpoint(.post, "/campaigns/{id}/reactivate", "reactivateCampaign", tag: "Campaigns", "Reactivate a campaign",
                 description: "No body is read.", parameters: [campaignId],
                 answers: [.ok("Campaign"), .unauthorized, changeForbidden, .problem(404)], use: CampaignRoutes.reactivate),
        Endpoint(.get, "/campaigns/{id}/marketing-lists", "listCampaignMarketingLists", tag: "Campaigns", "The lists linked to a campaign",
                 description: "Those the caller may see, in the order they were linked.",
                 parameters: [campaignId], answers: [.ok("MarketingListPage"), .unauthorized, .problem(404)], use: CampaignRoutes.lists),
        Endpoint(.post, "/campaigns/{id}/marketing-lists", "linkMarketingList", tag: "Campaigns", "Link a marketing list",
                 description: "The seed's Add Existing Marketing List; the same link as `POST /marketing-lists/{id}/campaigns`. Linking twice changes nothing.",
                 parameters: [campaignId], body: .json("ListLink"),
                 answers: [.noContent, .unauthorized, .writeForbidden("The caller can change neither the campaign nor the list"), .problem(404),
                           .problem(409, [.marketingListInactive, .campaignInactive], detail: "The list or the campaign is deactivated")],
                 bodyErrors: true, use: CampaignRoutes.linkList),
        Endpoint(.delete, "/campaigns/{id}/marketing-lists/{listId}", "unlinkMarketingList", tag: "Campaigns", "Unlink a marketing list",
                 parameters: [campaignId, Endpoint.Parameter("listId", in: .path, required: true, "The linked list's id; one not linked answers 404.", .uuid())],
                 answers: [.noContent, .unauthorized, .writeForbidden("The caller can change neither the campaign nor the list"), .problem(404)],
                 use: CampaignRoutes.unlinkList),
    ]
}

extension CampaignActivityRoutes {
    static let activityId = Endpoint.Parameter.id.described("The campaign activity's id (a malformed id answers 404).")

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/campaigns/{id}/activities", "listCampaignActivities", tag: "Campaigns", "A campaign's activities",
                 parameters: [CampaignRoutes.campaignId], answers: [.ok("CampaignActivityPage"), .unauthorized, .problem(404)],
                 use: CampaignActivityRoutes.list),
        Endpoint(.post, "/campaigns/{id}/activities", "createCampaignActivity", tag: "Campaigns", "Plan a campaign activity",
                 description: "On an active campaign with a marketing list linked (rule 67). An email's subject and body may hold merge fields.",
                 parameters: [CampaignRoutes.campaignId], body: .json("CampaignActivityCreate"),
                 answers: [.created("CampaignActivity", location: "/api/v1/campaign-activities/{id}"), .unauthorized,
                           .writeForbidden("The caller's role cannot change the campaign"), .problem(404),
                           .problem(409, [.campaignInactive, .campaignHasNoList], detail: "The campaign is deactivated or has no marketing list")],
                 bodyErrors: true, use: CampaignActivityRoutes.create),
        Endpoint(.get, "/campaign-activities/{id}", "getCampaignActivity", tag: "Campaigns", "A campaign activity and its distribution's progress",
                 parameters: [activityId], answers: [.ok("CampaignActivity"), .unauthorized, .problem(404)], use: CampaignActivityRoutes.get),
        Endpoint(.get, "/campaign-activities/{id}/preview", "previewCampaignActivity", tag: "Campaigns", "Preview the email for a member",
                 description: "Rendered for `memberId` (a member of one of the campaign's lists), else for the first member.",
                 parameters: [activityId, Endpoint.Parameter("memberId", in: .query, "The member's record id.", .uuid())],
                 answers: [.ok("PreviewMessage"), .problem(400, [.invalidQuery], detail: "An unknown parameter or a memberId that is not a UUID"),
                           .unauthorized, .problem(404, detail: "No such activity, or no such member in the campaign's lists")],
                 use: CampaignActivityRoutes.preview),
        Endpoint(.post, "/campaign-activities/{id}/distribute", "distributeCampaignActivity", tag: "Campaigns", "Distribute to the lists' members",
                 description: "Only when the campaign is ready to launch or launched, and active (rule 68). The distribution runs in the background in batches, the members read a page at a time; `processed` and `counts` show its progress. Each member is reached once: an email queued in the outbox (with a per-recipient Reply-To and one-click unsubscribe, RFC 8058) for a member with an address that has not unsubscribed, or an activity made for them. Distributing again reaches only members not reached before. No body is read.",
                 parameters: [activityId],
                 answers: [.ok("CampaignActivity", "Accepted: the distribution is running", status: 202), .unauthorized,
                           .writeForbidden("The caller's role cannot change the campaign or the activity"), .problem(404),
                           .problem(409, [.campaignNotReady, .campaignHasNoList], detail: "The campaign is in planning, completed or deactivated, or has no active list")],
                 use: CampaignActivityRoutes.distribute),
    ]
}

extension CampaignResponseRoutes {
    static let responseId = Endpoint.Parameter.id.described("The response's id (a malformed id answers 404).")

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/campaign-responses", "listCampaignResponses", tag: "Campaigns", "A campaign's responses",
                 description: "Those the caller may see, newest first (one page of at most 500).",
                 parameters: [Endpoint.Parameter("campaignId", in: .query, required: true, "The campaign.", .uuid()),
                              Endpoint.Parameter("limit", in: .query, "At most this many (default 500).", .integer(minimum: 1, maximum: 500))],
                 answers: [.ok("CampaignResponsePage"), .problem(400, [.invalidQuery], detail: "campaignId missing or not a UUID, a bad limit, or an unknown parameter"),
                           .unauthorized, .problem(404, detail: "No such campaign")],
                 use: CampaignResponseRoutes.list),
        Endpoint(.post, "/campaign-responses", "createCampaignResponse", tag: "Campaigns", "Record a response by hand",
                 body: .json("CampaignResponseCreate"),
                 answers: [.created("CampaignResponse", location: "/api/v1/campaign-responses/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records")],
                 bodyErrors: true, use: CampaignResponseRoutes.create),
        Endpoint(.get, "/campaign-responses/{id}", "getCampaignResponse", tag: "Campaigns", "Get a response",
                 parameters: [responseId], answers: [.ok("CampaignResponse"), .unauthorized, .problem(404)], use: CampaignResponseRoutes.get),
        Endpoint(.post, "/campaign-responses/{id}/convert", "convertCampaignResponse", tag: "Campaigns", "Convert a response",
                 description: "Once (rule 71). A new lead is filled in from the response (the responder's names, company and address, the subject as its topic, the text as its requirements); an existing lead or a new opportunity gets the response's campaign as its source campaign (rule 72). `Location` names the lead or opportunity.",
                 parameters: [responseId], body: .json("ResponseConvert"),
                 answers: [Endpoint.Answer(200, "OK", content: [Endpoint.Content("application/json", .ref("CampaignResponse"))],
                                           headers: [Endpoint.Header("Location", "The lead or opportunity it became.", .string())]),
                           .unauthorized, .writeForbidden("The caller's role cannot change the response"), .problem(404),
                           .problem(409, [.responseConverted], detail: "Converted already")],
                 bodyErrors: true, use: CampaignResponseRoutes.convert),
        Endpoint(.post, "/inbound-email", "receiveInboundEmail", tag: "Campaigns", "Hand in a received email",
                 description: "For a mail server's gateway (as `furrow mail-gateway` does from standard input), with an administrator's token: the raw RFC 5322 message as `message/rfc822`, at most 1 MiB. A reply to a campaign email (found by the token in the address it was sent to, `<local part>+<token>@…`, or by the campaign email its In-Reply-To or References name) becomes a response of that campaign from that member, owned by the campaign activity's owner, who is notified. Anything else is refused with the reason (422 `email-refused`).",
                 body: Endpoint.Body([Endpoint.Content("message/rfc822", .string("The raw message."))]),
                 answers: [.created("CampaignResponse", location: "/api/v1/campaign-responses/{id}"), .unauthorized,
                           .writeForbidden("Only an administrator's token hands in email"),
                           .problem(413, [.payloadTooLarge], detail: "Larger than 1 MiB"), .problem(415, [.unsupportedMediaType], detail: "Not message/rfc822"),
                           .problem(422, [.emailRefused], detail: "Not a reply to a campaign email, or not readable as an email")],
                 use: CampaignResponseRoutes.inbound),
    ]
}
