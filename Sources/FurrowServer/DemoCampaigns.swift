import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's marketing: Sam's launched spring irrigation campaign sent to a dynamic list
/// of the farms he looks after and a static list of irrigation leads, its email distributed and a
/// follow-up call planned, a reply turned into a won deal, a call turned into a lead, a lead it
/// brought in, and
/// Nora's harvest webinar still in planning.
enum DemoCampaigns {
    static func load(_ env: CoreEnvironment, people: [String: Principal], admin: Principal) async throws {
        let sam = people["sam@demo.furrow.test"]!, nora = people["nora@demo.furrow.test"]!
        let gbp = Currency("GBP")!
        let today = Timestamp.calendarDay(env.clock.now(), in: TimeZone(identifier: "Europe/London")!)
        let campaigns = CampaignService(env), lists = MarketingListService(env)
        var spring = CampaignService.Input()
        spring.name = "Spring irrigation \(today.year + 1)"
        spring.kind = .directMarketing
        spring.startDate = .some(today.adding(days: -14))
        spring.endDate = .some(Calendarless.adding(months: 4, to: today))
        spring.currency = gbp
        spring.budgetedCost = .some(Money("4500.00", currency: gbp))
        spring.actualCost = .some(Money("1200.00", currency: gbp))
        spring.expectedRevenue = .some(Money("60000.00", currency: gbp))
        spring.offer = .some("Free soil-moisture survey with every controller ordered before March.")
        spring.description = .some("Letters and email to the farms we look after and the irrigation leads of the autumn shows.")
        let campaign = try await campaigns.create(spring, by: sam)

        // its target product: the irrigation controller
        if let controller = try await ProductService(env).products(ListQuery(limit: 100, sort: ListFields.products.defaultSort))
            .first(where: { $0.sku == "IC-40" }) {
            try await campaigns.addProduct(controller.id, to: campaign.id, by: sam)
        }

        // the leaflet it hands out, with its file
        let leaflet = try await LiteratureService(env).create(title: "Soil-moisture survey leaflet",
                                                              description: "What the free survey covers and how the controller uses it.",
                                                              productIds: [], by: sam)
        _ = try await LiteratureService(env).addFile(to: leaflet.id, name: "soil-survey.txt", contentType: "text/plain",
                                                     data: Data("Free soil-moisture survey\n\nA technician measures every field and sets the controller's zones.\n".utf8),
                                                     by: sam)
        try await LiteratureService(env).link(leaflet.id, to: campaign.id, by: sam)

        var farms = MarketingListService.Input()
        farms.name = "Farms we look after"
        farms.targetType = .accounts
        farms.listType = .dynamic
        farms.query = "industry=Agriculture"
        let farmList = try await lists.create(farms, by: sam)
        var prospects = MarketingListService.Input()
        prospects.name = "Irrigation prospects"
        prospects.targetType = .leads
        prospects.listType = .static
        let prospectList = try await lists.create(prospects, by: sam)
        _ = try await lists.addMatches(prospectList.id, query: "q=Irrigation", by: sam)
        try await campaigns.link(campaign.id, list: farmList.id, by: sam)
        try await campaigns.link(campaign.id, list: prospectList.id, by: sam)
        _ = try await campaigns.move(campaign.id, to: .readyToLaunch, by: sam)
        _ = try await campaigns.move(campaign.id, to: .launched, by: sam)

        // the spring email, distributed (queued in the outbox until email is set up), and a follow-up call to each farm
        var mail = CampaignActivityService.Input()
        mail.channel = .email
        mail.subject = "A free soil-moisture survey for {{member.organisation}}"
        mail.body = "Dear {{member.name}},\n\n{{campaign.offer}}\n\nReply to this email and we will book your survey.\n\nSam Seller, Furrow Demo Ltd"
        let activities = CampaignActivityService(env)
        let spring2 = try await activities.create(on: campaign.id, mail, by: sam)
        _ = try await activities.distribute(spring2.id, by: sam)
        var call = CampaignActivityService.Input()
        call.channel = .phoneCall
        call.subject = "Follow-up call about the soil survey"
        call.scheduledStart = env.clock.now().addingTimeInterval(3 * 86_400)
        _ = try await activities.create(on: campaign.id, call, by: sam)
        _ = try await CampaignDistribution(env: env).run()

        // Greenway Farms replied to the email: the reply, taken in as the mail gateway does, became a
        // response, converted into an opportunity that was won
        let responses = CampaignResponseService(env)
        let sent = try await env.store.read { try await $0.emails(relatedTo: spring2.id.uuid, limit: 50) }
        if let mailed = sent.first(where: { $0.to == "office@greenway.example" }), let replyTo = mailed.replyTo {
            let reply = "From: Greenway Farms <office@greenway.example>\r\nTo: \(replyTo)\r\nSubject: Re: \(mailed.subject)\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nYes please: book the survey for the first week of March, and quote two controllers.\r\n"
            let captured = try await responses.capture(Data(reply.utf8))
            let response = try await responses.setOutcome(captured.id, .interested, by: sam)
            var conversion = CampaignResponseService.Conversion()
            conversion.to = .opportunity
            let (_, opportunityId) = try await responses.convert(response.id, conversion, by: sam)
            _ = try await OpportunityService(env).close(Opportunity.ID(opportunityId), won: true, actualRevenue: Money("2480.00", currency: gbp),
                                                        lostReasonId: nil, by: sam)
        }
        // a call from a grower who saw the letter, recorded by hand and converted into a lead
        var call2 = CampaignResponseService.Input()
        call2.campaignId = campaign.id
        call2.channel = .phone
        call2.name = "Ruth Penrose"
        call2.email = "ruth@penrose-growers.example"
        call2.subject = "Asked about controllers for three greenhouses"
        call2.outcome = .interested
        let phoned = try await responses.create(call2, by: sam)
        var asLead = CampaignResponseService.Conversion()
        asLead.to = .newLead
        _ = try await responses.convert(phoned.id, asLead, by: sam)
        // one more reply waiting to be dealt with
        var later = CampaignResponseService.Input()
        later.campaignId = campaign.id
        later.channel = .email
        later.name = "Owen Tregothnan"
        later.email = "owen@tregothnan.example"
        later.subject = "Is the survey free for orchards too?"
        later.outcome = .moreInformation
        _ = try await responses.create(later, by: sam)

        // a lead the campaign brought in, its source the campaign channel
        let channel = try await CatalogService(env).channels().first { $0.impactType == .campaign }
        _ = try await LeadService(env).create(LeadFields(topic: "Drip irrigation for the orchard", firstName: "Jo", lastName: "Marsh",
                                                         companyName: "Marsh Fruit Farm", email: "jo@marsh-fruit.example",
                                                         estimatedValue: Money("9200.00", currency: gbp),
                                                         source: LeadSource(channelId: channel?.id, refType: channel == nil ? nil : .campaign,
                                                                            refId: channel == nil ? nil : campaign.id.uuid),
                                                         campaignId: campaign.id.uuid), by: sam)

        // planning activities of the campaign itself (rule 66): one done, one ahead
        var print = ActivityService.Input(kind: .task, subject: "Print the survey leaflets")
        print.regarding = Regarding(.campaign, campaign.id.uuid)
        print.dueAt = env.clock.now().addingTimeInterval(-10 * 86_400)
        _ = try await ActivityService(env).create(print, completedWith: "2,000 leaflets delivered to the office.", by: sam)
        var stand = ActivityService.Input(kind: .task, subject: "Book the stand at the spring growers' fair")
        stand.regarding = Regarding(.campaign, campaign.id.uuid)
        stand.dueAt = env.clock.now().addingTimeInterval(14 * 86_400)
        _ = try await ActivityService(env).create(stand, by: sam)

        var webinar = CampaignService.Input()
        webinar.name = "Harvest logistics webinar"
        webinar.kind = .webinar
        webinar.startDate = .some(Calendarless.adding(months: 2, to: today))
        webinar.endDate = .some(Calendarless.adding(months: 2, to: today))
        webinar.currency = gbp
        webinar.budgetedCost = .some(Money("800.00", currency: gbp))
        _ = try await campaigns.create(webinar, by: nora)
        _ = admin
    }
}
