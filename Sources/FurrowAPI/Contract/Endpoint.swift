import FurrowCore
import FurrowHTTP
import HTTPTypes
import Hummingbird

/// A route handler of the API.
public typealias Handler = @Sendable (Request, AppContext) async throws -> Response

/// A set of API operations that share their dependencies; made once per server.
protocol RouteSet: Sendable {
    init(env: CoreEnvironment)
}

/// One operation of the API, declared once: the table registers its route, answers 405 with the
/// methods a path takes, and writes the OpenAPI document from it.
public struct Endpoint: Sendable {
    public let method: HTTPRequest.Method
    /// The path under `/api/v1`, OpenAPI style: `/accounts/{id}`.
    public let path: String
    public let operationId: String
    public let tag: String
    public let summary: String
    public var description: String?
    public var parameters: [Parameter]
    public var body: Body?
    public var answers: [Answer]
    /// `[]`: no sign-in needed. `nil`: the document's default (a bearer token).
    public var security: [String]?
    let handler: @Sendable (CoreEnvironment) -> Handler

    init<R: RouteSet>(_ method: HTTPRequest.Method, _ path: String, _ operationId: String, tag: String, _ summary: String,
                      description: String? = nil, parameters: [Parameter] = [], body: Body? = nil, security: [String]? = nil,
                      answers: [Answer], bodyErrors: Bool = false, use handler: @escaping @Sendable (R) -> Handler) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.tag = tag
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.body = body
        // A JSON body can be refused the usual ways, unless the operation says more about one of them.
        let usual = bodyErrors ? Answer.bodyErrors.filter { error in !answers.contains { $0.status == error.status } } : []
        self.answers = (answers + usual).sorted { $0.status < $1.status }
        self.security = security
        self.handler = { env in handler(R(env: env)) }
    }

    /// The Hummingbird form of the path: `accounts/:id`.
    var routerPath: String {
        path.split(separator: "/").map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : String($0) }.joined(separator: "/")
    }

    /// Every problem type the operation can answer with.
    public var problems: [ProblemType] { answers.flatMap(\.problems) }
}

extension Endpoint {
    /// A request or query parameter.
    public struct Parameter: Sendable, Equatable {
        public enum Location: String, Sendable { case path, query, header }
        public let name: String
        public let location: Location
        public let required: Bool
        public let description: String?
        public let schema: Schema
        public let style: Style?
        public let example: String?

        /// How an array travels in a query: the parameter repeated (`style: form, explode: true`) or
        /// its values comma-separated (`explode: false`).
        public enum Style: Sendable { case repeated, commaSeparated }

        public init(_ name: String, in location: Location, required: Bool = false, _ description: String?, _ schema: Schema,
                    style: Style? = nil, example: String? = nil) {
            self.name = name
            self.location = location
            self.required = required
            self.description = description
            self.schema = schema
            self.style = style
            self.example = example
        }

        /// The same parameter described differently.
        public func described(_ text: String) -> Parameter {
            Parameter(name, in: location, required: required, text, schema, style: style, example: example)
        }
    }

    /// A request body: its media types with their schemas.
    public struct Body: Sendable, Equatable {
        public let description: String?
        public let content: [Content]
        public let required: Bool

        public init(_ content: [Content], description: String? = nil, required: Bool = true) {
            self.content = content
            self.description = description
            self.required = required
        }

        /// A JSON body of the component schema `name`.
        public static func json(_ name: String, _ description: String? = nil) -> Body {
            Body([Content("application/json", .ref(name))], description: description)
        }
    }

    /// A media type and its schema.
    public struct Content: Sendable, Equatable {
        public let type: String
        public let schema: Schema
        public init(_ type: String, _ schema: Schema) { self.type = type; self.schema = schema }
    }

    /// A response header.
    public struct Header: Sendable, Equatable {
        public let name: String
        public let description: String
        public let schema: Schema
        public init(_ name: String, _ description: String, _ schema: Schema) {
            self.name = name; self.description = description; self.schema = schema
        }
    }

    /// One status the operation answers with.
    public struct Answer: Sendable, Equatable {
        public let status: Int
        public let description: String
        public let content: [Content]
        public let headers: [Header]
        /// The problem types of an error answer, in order.
        public let problems: [ProblemType]

        public init(_ status: Int, _ description: String, content: [Content] = [], headers: [Header] = [], problems: [ProblemType] = []) {
            self.status = status
            self.description = description
            self.content = content
            self.headers = headers
            self.problems = problems
        }
    }
}
