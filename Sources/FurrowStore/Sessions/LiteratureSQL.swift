import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Sales literature, its files and campaign links (`M0025SalesLiterature`).
extension SQLSession {
    func insertLiterature(_ l: SalesLiterature) async throws {
        try await run("""
            INSERT INTO sales_literature (id, title, description, product_ids, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: l.id.string), \(bind: l.title), \(bind: l.description), \(bind: l.productIds.map(\.string).joined(separator: ",")),
                \(bind: l.ownership.ownerId.string), \(bind: l.ownership.teamId?.string), \(bind: l.version),
                \(bind: Timestamp.string(l.createdAt)), \(bind: Timestamp.string(l.updatedAt)))
            """)
    }

    func updateLiterature(_ l: SalesLiterature, over before: SalesLiterature) async throws -> Bool {
        !(try await rows("""
            UPDATE sales_literature SET title = \(bind: l.title), description = \(bind: l.description),
                product_ids = \(bind: l.productIds.map(\.string).joined(separator: ",")), owner_id = \(bind: l.ownership.ownerId.string),
                team_id = \(bind: l.ownership.teamId?.string), version = \(bind: l.version), updated_at = \(bind: Timestamp.string(l.updatedAt))
            WHERE id = \(bind: l.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func literature(id: SalesLiterature.ID) async throws -> SalesLiterature? {
        try await rows("SELECT * FROM sales_literature WHERE id = \(bind: id.string)").first.map(literatureRecord)
    }

    func literatureList(limit: Int) async throws -> [SalesLiterature] {
        try await rows("SELECT * FROM sales_literature ORDER BY title, id LIMIT \(literal: max(1, min(limit, 1000)))").map(literatureRecord)
    }

    func insertLiteratureFile(_ f: LiteratureFile, data: Data) async throws {
        try await run("""
            INSERT INTO literature_files (id, literature_id, name, content_type, size, data_base64, created_at)
            VALUES (\(bind: f.id.string), \(bind: f.literatureId.string), \(bind: f.name), \(bind: f.contentType), \(bind: f.size),
                \(bind: data.base64EncodedString()), \(bind: Timestamp.string(f.createdAt)))
            """)
    }

    func literatureFiles(of literature: SalesLiterature.ID) async throws -> [LiteratureFile] {
        try await rows("""
            SELECT id, literature_id, name, content_type, size, created_at FROM literature_files WHERE literature_id = \(bind: literature.string)
            ORDER BY created_at, id
            """).map(literatureFileRecord)
    }

    func literatureFile(id: LiteratureFile.ID) async throws -> (file: LiteratureFile, data: Data)? {
        guard let row = try await rows("SELECT * FROM literature_files WHERE id = \(bind: id.string)").first else { return nil }
        return (try literatureFileRecord(row), Data(base64Encoded: try row.string("data_base64")) ?? Data())
    }

    func linkLiterature(_ literature: SalesLiterature.ID, to campaign: Campaign.ID, at time: Date) async throws -> Bool {
        !(try await rows("""
            INSERT INTO campaign_literature (campaign_id, literature_id, linked_at) VALUES (\(bind: campaign.string), \(bind: literature.string),
                \(bind: Timestamp.string(time))) ON CONFLICT (campaign_id, literature_id) DO NOTHING RETURNING literature_id
            """)).isEmpty
    }

    func unlinkLiterature(_ literature: SalesLiterature.ID, from campaign: Campaign.ID) async throws -> Bool {
        !(try await rows("""
            DELETE FROM campaign_literature WHERE campaign_id = \(bind: campaign.string) AND literature_id = \(bind: literature.string) RETURNING literature_id
            """)).isEmpty
    }

    func campaignLiterature(of campaign: Campaign.ID) async throws -> [SalesLiterature.ID] {
        try await rows("SELECT literature_id FROM campaign_literature WHERE campaign_id = \(bind: campaign.string) ORDER BY linked_at, literature_id")
            .map { try $0.id("literature_id") }
    }

    private func literatureRecord(_ row: any SQLRow) throws -> SalesLiterature {
        SalesLiterature(id: try row.id("id"), title: try row.string("title"), description: try row.optional("description"),
                        productIds: try row.string("product_ids").split(separator: ",").compactMap { Product.ID(String($0)) },
                        ownership: try row.ownership(), version: try row.int("version"), createdAt: try row.date("created_at"),
                        updatedAt: try row.date("updated_at"))
    }

    private func literatureFileRecord(_ row: any SQLRow) throws -> LiteratureFile {
        LiteratureFile(id: try row.id("id"), literatureId: try row.id("literature_id"), name: try row.string("name"),
                       contentType: try row.string("content_type"), size: try row.int("size"), createdAt: try row.date("created_at"))
    }
}
