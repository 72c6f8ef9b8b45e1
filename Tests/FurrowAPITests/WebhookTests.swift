import Crypto
import Foundation
import FurrowCore
import FurrowDomain
import FurrowServer
import FurrowStore
import FurrowTestSupport
import Testing

/// Webhooks (SPEC §11) against real loopback HTTP receivers (allow-listed): events recorded with
/// their change, signed as Standard Webhooks sign them, retried with backoff, in order per
/// record, paused after the last attempt, replayed, pinged; the SSRF guard's refusals.
@Suite("Webhooks")
struct WebhookTests {
    /// Standard Webhooks verification, written here from the scheme's description: HMAC-SHA256
    /// keyed with the base64-decoded secret over `id.timestamp.body`, `v1,` and base64.
    static func verify(_ request: WebhookReceiver.Request, secret: String) -> Bool {
        guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
              let signature = request.headers["webhook-signature"], secret.hasPrefix("whsec_"),
              let key = Data(base64Encoded: String(secret.dropFirst(6))) else { return false }
        var signed = Data((id + "." + timestamp + ".").utf8)
        signed.append(request.body)
        let expected = "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))).base64EncodedString()
        return signature.split(separator: " ").contains { $0 == expected }
    }

    static func allowLoopback(_ world: TestWorld) async throws {
        _ = try await SettingsService(world.env).update({ $0.webhookAllowedHosts = "127.0.0.1" }, by: world.admin)
    }

    static func dispatch(_ env: CoreEnvironment) -> WebhookDispatch { WebhookDispatch(env: env, sender: HTTPWebhookSender()) }

    /// Runs one server's dispatch until nothing is due; answers how many it sent. As the server's
    /// worker does, a round the other server's SQLite lock held off (two pools on one file, a
    /// loaded machine) is tried again.
    static func drain(_ env: CoreEnvironment) async throws -> Int {
        var sent = 0
        while true {
            do {
                let batch = try await dispatch(env).run(limit: 5)
                if batch == 0 { return sent }
                sent += batch
            } catch let error where String(describing: error).contains("database is locked") {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test("a change's events reach the receiver signed, in order; a 500 is retried after 5 s; the log shows every attempt",
          arguments: TestWorld.engines)
    func delivery(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        try await Self.allowLoopback(world)
        let receiver = try await WebhookReceiver.start { $0 == 1 ? 500 : 200 }
        defer { receiver.stop() }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let made = try await api.call(.post, "/api/v1/webhooks", token: token,
                                          json: ["url": receiver.url, "events": ["account.created", "account.updated"], "description": "ERP"])
            #expect(made.status == 201, "\(made.text)")
            let secret = try #require(made.string("secret")), id = try #require(made.string("id"))
            #expect(secret.hasPrefix("whsec_"))
            #expect(try await api.call(.get, "/api/v1/webhooks/\(id)", token: token).json["secret"] == nil)
            // when: an account is made and changed; a contact (not subscribed) too
            let account = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Signal Farms"])
            let accountId = try #require(account.string("id"))
            _ = try await api.call(.patch, "/api/v1/accounts/\(accountId)", token: token, json: ["industry": "Dairy", "version": 1])
            _ = try await world.makeContact("Not Subscribed")
            // then: the first attempt gets a 500; the update waits behind the create (same record)
            #expect(try await Self.dispatch(world.env).run() == 1)
            #expect(try await Self.dispatch(world.env).run() == 0, "nothing is due before the 5 s backoff")
            world.clock.advance(by: 5)
            #expect(try await Self.dispatch(world.env).run() == 1)
            #expect(try await Self.dispatch(world.env).run() == 1)
            let received = await receiver.received
            #expect(received.count == 3)
            #expect(received.map { $0.json["type"] as? String } == ["account.created", "account.created", "account.updated"])
            #expect(received.allSatisfy { Self.verify($0, secret: secret) })
            #expect(received[0].headers["webhook-id"] == received[1].headers["webhook-id"], "a retry is the same message")
            let data = try #require(received[2].json["data"] as? [String: Any])
            #expect(data["id"] as? String == accountId && (data["changes"] as? [[String: Any]])?.first?["field"] as? String == "industry")
            // a tampered body fails verification
            var tampered = received[2]
            tampered = WebhookReceiver.Request(headers: tampered.headers, body: Data(String(decoding: tampered.body, as: UTF8.self).replacingOccurrences(of: "Dairy", with: "Beef").utf8))
            #expect(!Self.verify(tampered, secret: secret))
            // the log: newest first, the create with two attempts
            let log = try await api.call(.get, "/api/v1/webhooks/\(id)/deliveries", token: token)
            let items = try #require(log.json["items"] as? [[String: Any]])
            #expect(items.map { $0["status"] as? String } == ["succeeded", "succeeded"])
            let attempts = (items.last?["log"] as? [[String: Any]])?.map { $0["statusCode"] as? Int }
            #expect(attempts == [500, 200])
        }
    }

    @Test("after the 8th failure the subscription pauses and its owner is told; resuming sends what waited; replay and ping",
          arguments: [Engine.sqlite])
    func pauseReplayPing(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        try await Self.allowLoopback(world)
        let failing = LockedFlag(true)
        let receiver = try await WebhookReceiver.start { _ in failing.value ? 503 : 204 }
        defer { receiver.stop() }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let id = try #require(try await api.call(.post, "/api/v1/webhooks", token: token, json: ["url": receiver.url, "events": ["*"]]).string("id"))
            _ = try await world.makeAccount("Failing Farm")
            for wait in WebhookDelivery.backoff {
                #expect(try await Self.dispatch(world.env).run() == 1)
                world.clock.advance(by: wait)
            }
            #expect(try await Self.dispatch(world.env).run() == 1, "the 8th attempt")
            let paused = try await api.call(.get, "/api/v1/webhooks/\(id)", token: token)
            #expect(paused.json["paused"] as? Bool == true && (paused.string("pausedReason") ?? "").contains("8 times"))
            let notes = try await api.call(.get, "/api/v1/me/notifications", token: token)
            #expect(notes.text.contains("paused"))
            // paused: a new event waits
            _ = try await world.makeAccount("Waiting Farm")
            #expect(try await Self.dispatch(world.env).run() == 0)
            failing.value = false
            let resumed = try await api.call(.patch, "/api/v1/webhooks/\(id)", token: token, json: ["active": true])
            #expect(resumed.json["paused"] as? Bool == false)
            #expect(try await Self.dispatch(world.env).run() == 1)
            // the failed one is sent again on request
            let log = try #require(try await api.call(.get, "/api/v1/webhooks/\(id)/deliveries", token: token).json["items"] as? [[String: Any]])
            let failed = try #require(log.first { $0["status"] as? String == "failed" }?["id"] as? String)
            let replay = try await api.call(.post, "/api/v1/webhooks/\(id)/deliveries/\(failed)/replay", token: token)
            #expect(replay.status == 202)
            #expect(try await Self.dispatch(world.env).run() == 1)
            let ping = try await api.call(.post, "/api/v1/webhooks/\(id)/ping", token: token)
            #expect(ping.status == 202)
            #expect(try await Self.dispatch(world.env).run() == 1)
            let types = await receiver.received.suffix(3).map { $0.json["type"] as? String }
            #expect(types == ["account.created", "account.created", "webhook.ping"], "\(types)")
            let again = try #require(try await api.call(.get, "/api/v1/webhooks/\(id)/deliveries", token: token).json["items"] as? [[String: Any]])
            #expect(again.allSatisfy { $0["status"] as? String == "succeeded" })
        }
    }

    @Test("a target that does not answer within 10 s is a failed attempt, retried later", arguments: [Engine.sqlite])
    func timeout(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        try await Self.allowLoopback(world)
        let receiver = try await WebhookReceiver.start(delay: .seconds(12))
        defer { receiver.stop() }
        _ = try await WebhookService(world.env).create({ var i = WebhookService.Input(); i.url = receiver.url; i.events = ["account.created"]; return i }(), by: world.admin)
        _ = try await world.makeAccount("Slow Farm")
        #expect(try await Self.dispatch(world.env).run() == 1)
        let hook = try #require(try await WebhookService(world.env).list(by: world.admin).first)
        let logged = try await WebhookService(world.env).deliveries(of: hook.id, by: world.admin)
        #expect(logged.first?.delivery.status == .pending && logged.first?.delivery.lastError == "no answer within 10 s", "\(String(describing: logged.first?.delivery.lastError))")
    }

    /// On PostgreSQL, where several servers share one database (SQLite is one server's).
    @Test("two servers working the same deliveries send each once", arguments: TestWorld.engines.filter { $0 == .postgres })
    func onceAcrossServers(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        try await Self.allowLoopback(world)
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        var input = WebhookService.Input()
        input.url = receiver.url
        input.events = ["account.created"]
        _ = try await WebhookService(world.env).create(input, by: world.admin)
        _ = try await Batch(world.env, by: world.admin).run { writer in
            for n in 0..<60 { _ = try await writer.account(AccountFields(name: "Parallel Farm \(n)"), allowDuplicate: true) }
        }
        let (second, store) = try await world.secondServer()
        defer { Task { await store.close() } }
        async let a = Self.drain(world.env)
        async let b = Self.drain(second)
        let (first, other) = try await (a, b)
        let received = await receiver.received
        #expect(first + other == 60 && received.count == 60)
        #expect(Set(received.compactMap { $0.headers["webhook-id"] }).count == 60)
    }

    @Test("the SSRF guard refuses private targets however they are spelled, unless the host is allow-listed")
    func ssrf() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let refused = ["http://127.0.0.1/", "http://localhost:8080/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/",
                       "http://127.1/", "http://0/", "http://0.0.0.0/", "http://[::1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
                       "http://[::ffff:7f00:1]/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
                       "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://224.0.0.1/", "http://[fe80::1]/",
                       "http://[fd00::1]/", "http://[fd00:ec2::254]/", "http://[64:ff9b::a9fe:a9fe]/", "ftp://example.com/",
                       "http://user:secret@example.com/", "not a url"]
        try await world.withAPI { api in
            for url in refused {
                let reply = try await api.call(.post, "/api/v1/webhooks", token: token, json: ["url": url, "events": ["*"]])
                #expect(reply.status == 422 && reply.fieldErrors.map(\.field) == ["url"], "\(url): \(reply.status) \(reply.text)")
            }
            let reason = try await api.call(.post, "/api/v1/webhooks", token: token, json: ["url": "http://2130706433/", "events": ["*"]])
            #expect(reason.fieldErrors.first?.message.contains("loopback") == true, "\(reason.text)")
            let unknownEvent = try await api.call(.post, "/api/v1/webhooks", token: token, json: ["url": "http://93.184.215.14/", "events": ["account.exploded"]])
            #expect(unknownEvent.fieldErrors.map(\.field) == ["events[0]"])
            _ = try await SettingsService(world.env).update({ $0.webhookAllowedHosts = "127.0.0.1, localhost" }, by: world.admin)
            let allowed = try await api.call(.post, "/api/v1/webhooks", token: token, json: ["url": "http://localhost:9/", "events": ["*"]])
            #expect(allowed.status == 201, "\(allowed.text)")
            let seller = try await world.token(for: try await world.makeUser(.sales))
            #expect(try await api.call(.get, "/api/v1/webhooks", token: seller).status == 403)
        }
        // the guard itself, for the spellings the resolver turns into addresses
        #expect(TargetGuard.blocked("8.8.8.8") == nil && TargetGuard.blocked("2606:4700:4700::1111") == nil)
        #expect(TargetGuard.resolve("2130706433") == ["127.0.0.1"] && TargetGuard.resolve("0x7f.1") == ["127.0.0.1"])
    }
}

/// A flag a receiver's answer reads while a test changes it.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Bool
    init(_ value: Bool) { current = value }
    var value: Bool {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
