import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// An SMTP client (RFC 5321) on SwiftNIO: plain, STARTTLS (RFC 3207) or implicit TLS, with
/// AUTH PLAIN when a user is set. Used by the outbox worker.
struct SMTPClient: Sendable {
    enum Security: String, Sendable, CaseIterable { case none, starttls, tls }

    let host: String
    let port: Int
    var username = ""
    var password = ""
    var security: Security = .none
    var verifyCertificates = true
    var timeout: TimeAmount = .seconds(20)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One command line. A CR or LF inside (an address holding `\r\nRCPT TO:…`) would end the
    /// command and start another of the sender's choosing: such a command is refused, never written.
    static func commandLine(_ text: String) throws -> String {
        guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw Failure(description: "refused to write an SMTP command holding a line break")
        }
        return text + "\r\n"
    }

    func send(from: String, to: String, message: String) async throws {
        // Checked before connecting: nothing of a refused message reaches the server.
        let mailFrom = try Self.commandLine("MAIL FROM:<\(from)>"), rcptTo = try Self.commandLine("RCPT TO:<\(to)>")
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verifyCertificates { configuration.certificateVerification = .none }
        let tls = try NIOSSLContext(configuration: configuration)
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let implicit = security == .tls, host = self.host, timeout = self.timeout
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit { try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host)) }
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ReplyReader(continuation: continuation))
                }
            }
            .connect(host: host, port: port).get()
        var replies = lines.makeAsyncIterator()
        do {
            func reply(_ code: Int) async throws {
                while true {
                    guard let line = await replies.next() else { throw Failure(description: "the server closed the connection or did not answer") }
                    guard line.count >= 3, let got = Int(line.prefix(3)) else { throw Failure(description: "bad reply: \(line)") }
                    if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                    guard got == code else { throw Failure(description: "server said: \(line)") }
                    return
                }
            }
            func command(_ text: String, _ code: Int) async throws {
                try await channel.writeAndFlush(ByteBuffer(string: try Self.commandLine(text))).get()
                try await reply(code)
            }
            func raw(_ text: String, _ code: Int) async throws {
                try await channel.writeAndFlush(ByteBuffer(string: text)).get()
                try await reply(code)
            }
            try await reply(220)
            try await command("EHLO furrow.localdomain", 250)
            if security == .starttls {
                try await command("STARTTLS", 220)
                try await channel.pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first).get()
                try await command("EHLO furrow.localdomain", 250)
            }
            if !username.isEmpty {
                try await command("AUTH PLAIN " + Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString(), 235)
            }
            try await raw(mailFrom, 250)
            try await raw(rcptTo, 250)
            try await command("DATA", 354)
            let body = message.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\n")
            // The message itself is many lines; its headers were checked when it was rendered.
            try await raw(body + (body.hasSuffix("\r\n") ? "" : "\r\n") + ".\r\n", 250)
            try? await command("QUIT", 221)
        } catch {
            try? await channel.close().get()
            throw error
        }
        try? await channel.close().get()
    }

    /// Hands each reply line to the client; a read timeout or a closed connection ends the stream.
    // unchecked: NIO calls a handler on its channel's event loop only
    final class ReplyReader: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncStream<String>.Continuation

        init(continuation: AsyncStream<String>.Continuation) { self.continuation = continuation }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            continuation.yield((buffer.readString(length: buffer.readableBytes) ?? "").trimmingCharacters(in: .newlines))
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            continuation.finish()
            context.close(promise: nil)
        }
    }
}
