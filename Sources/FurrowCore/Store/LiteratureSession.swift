import Foundation
import FurrowDomain

/// Sales literature, its files and the campaigns that hand it out: part of a store session.
public protocol LiteratureSession: Sendable {
    func insertLiterature(_ literature: SalesLiterature) async throws
    func updateLiterature(_ literature: SalesLiterature, over before: SalesLiterature) async throws -> Bool
    func literature(id: SalesLiterature.ID) async throws -> SalesLiterature?
    /// Every piece of literature, by title.
    func literatureList(limit: Int) async throws -> [SalesLiterature]

    func insertLiteratureFile(_ file: LiteratureFile, data: Data) async throws
    func literatureFiles(of literature: SalesLiterature.ID) async throws -> [LiteratureFile]
    func literatureFile(id: LiteratureFile.ID) async throws -> (file: LiteratureFile, data: Data)?

    /// Links literature to a campaign; false when it was linked already.
    func linkLiterature(_ literature: SalesLiterature.ID, to campaign: Campaign.ID, at: Date) async throws -> Bool
    func unlinkLiterature(_ literature: SalesLiterature.ID, from campaign: Campaign.ID) async throws -> Bool
    func campaignLiterature(of campaign: Campaign.ID) async throws -> [SalesLiterature.ID]
}
