import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

/// `furrow mail-gateway`: one received email from standard input (an MTA's pipe alias, as for
/// `replies: "|furrow mail-gateway --database …"`). A reply to a campaign email becomes a
/// campaign response; anything else is refused with the reason on standard error and an exit
/// status the mail server understands (sysexits): 65 not readable, 67 not a campaign reply,
/// 75 try again later.
struct MailGateway: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail-gateway",
                                                    abstract: "Take a received email from standard input: a reply to a campaign email becomes a campaign response.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        var data = Data()
        while let chunk = try FileHandle.standardInput.read(upToCount: 65_536), !chunk.isEmpty {
            data.append(chunk)
            if data.count > InboundMessage.maxBytes { break }
        }
        let message = data
        do {
            let response = try await withEnvironment(db.database) { env in try await CampaignResponseService(env).capture(message) }
            output("Response \(response.id) recorded for campaign \(response.campaignId): \(response.subject)")
        } catch let failure as InboundMessage.Failure {
            switch failure {
            case .tooLarge(let limit): Self.refuse("the message is larger than \(limit / 1024) KiB", code: 65)
            case .malformed(let reason): Self.refuse("the message cannot be read: \(reason)", code: 65)
            }
        } catch let refusal as InboundRefusal {
            Self.refuse(refusal.reason, code: 67)
        } catch let error as FurrowDomain.ValidationError {
            Self.refuse(error.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "), code: 65)
        }
    }

    static func refuse(_ reason: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("furrow mail-gateway: refused: \(reason)\n".utf8))
        Foundation.exit(code)
    }
}
