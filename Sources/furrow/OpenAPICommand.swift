import ArgumentParser
import Foundation
import FurrowOpenAPI

/// Prints the API's OpenAPI document, as the server serves it.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print the OpenAPI 3.1 document of the JSON API (the committed openapi.json is this output).")

    func run() throws {
        FileHandle.standardOutput.write(try OpenAPIDocument.json())
    }
}
