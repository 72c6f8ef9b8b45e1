import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Document logo")
struct LogoTests {
    /// A small RGB PNG (a red square), its pixels in a stored zlib block, as any PNG reader takes it.
    static func png(width: Int = 8, height: Int = 4, type: UInt8 = 2) -> Data {
        func be32(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> [UInt8] {
            var c: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                c ^= UInt32(byte)
                for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return be32(Int(c ^ 0xFFFF_FFFF))
        }
        func chunk(_ tag: String, _ body: [UInt8]) -> [UInt8] { be32(body.count) + Array(tag.utf8) + body + crc(Array(tag.utf8) + body) }
        let channels = type == 6 ? 4 : 3
        var raw: [UInt8] = []
        for _ in 0..<height { raw.append(0); for _ in 0..<width { raw += channels == 4 ? [200, 30, 30, 255] : [200, 30, 30] } }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count & 0xFF), UInt8(raw.count >> 8), UInt8(~raw.count & 0xFF), UInt8((~raw.count >> 8) & 0xFF)]
            + raw + be32(Int(b << 16 | a))
        let header = be32(width) + be32(height) + [8, type, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", []))
    }

    @Test("a PNG logo is kept by its content, refused with transparency, and drawn on the invoice PDF")
    func logo() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        try await world.withAPI { api in
            let token = try await world.token(for: world.admin)
            let rgba = try await api.send(.put, "/api/v1/settings/logo", token: token, body: Self.png(type: 6), contentType: "image/png")
            #expect(rgba.status == 422 && rgba.fieldErrors.map(\.field) == ["logo"])
            let gif = try await api.send(.put, "/api/v1/settings/logo", token: token, body: Data("GIF89a....".utf8), contentType: "image/png")
            #expect(gif.status == 422)
            let seller = try await world.makeUser(.sales)
            #expect(try await api.send(.put, "/api/v1/settings/logo", token: try await world.token(for: seller), body: Self.png(), contentType: "image/png").status == 403)
            let kept = try await api.send(.put, "/api/v1/settings/logo", token: token, body: Self.png(), contentType: "application/octet-stream")
            #expect(kept.status == 200 && kept.string("contentType") == "image/png" && kept.string("width") == "8", "\(kept.text)")
            let back = try await api.raw(.get, "/api/v1/settings/logo", token: token)
            #expect(back.status == 200 && back.body == Self.png())

            let account = try await world.makeAccount("Logo Ltd")
            let invoice = try await api.call(.post, "/api/v1/invoices", token: token, json: [
                "accountId": account.id.string, "lines": [["description": "Service", "quantity": "1", "unitPrice": "100"]],
            ])
            let pdf = try await api.raw(.get, "/api/v1/invoices/\(invoice.string("id") ?? "")/pdf", token: token)
            #expect(pdf.status == 200)
            #expect(String(decoding: pdf.body, as: UTF8.self).contains("/Subtype /Image /Width 8 /Height 4"))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-logo-\(UUID().uuidString).pdf")
            try pdf.body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file); try? FileManager.default.removeItem(atPath: file.path + ".png") }
            let render = Process()
            render.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
            render.arguments = ["-png", "-r", "30", "-singlefile", file.path, file.path]
            let errors = Pipe()
            render.standardError = errors
            try render.run()
            let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            render.waitUntilExit()
            #expect(render.terminationStatus == 0 && complaints.isEmpty, "\(complaints)")
            #expect(try await api.call(.delete, "/api/v1/settings/logo", token: token).status == 204)
            #expect(try await api.raw(.get, "/api/v1/settings/logo", token: token).status == 404)
        }
    }
}
