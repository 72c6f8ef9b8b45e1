import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// Every keyset list answers as CSV too (SPEC §11): `?format=csv` or an `Accept` that prefers
/// `text/csv`. The file holds **all** the rows the same filters, sort and visibility match, read
/// a thousand at a time and streamed as they are read; the columns are the item schema's fields in
/// document order (an object field such as `sourceRef` as `sourceRef.type`, `sourceRef.id`; lists
/// of lines are left out), each cell through `CSV` so none runs as a formula.
enum ListExport {
    /// Rows read per store query while streaming.
    static let batch = 1000

    /// Whether the caller asked for CSV: `format=csv`, or `text/csv` accepted ahead of JSON.
    static func wanted(_ request: Request) -> Bool {
        if let format = request.uri.queryParameters["format"] { return format == "csv" }
        let accept = (request.headers[.accept] ?? "").lowercased()
        guard let csv = accept.range(of: "text/csv") else { return false }
        guard let json = accept.range(of: "application/json") else { return true }
        return csv.lowerBound < json.lowerBound
    }

    /// The JSON page, or the CSV file of every matching row.
    static func answer(_ request: Request, _ query: ListQuery, _ list: RecordList, env: CoreEnvironment, by principal: Principal) async throws -> Response {
        guard wanted(request) else { return try await list.page(env, principal, query) }
        // The first batch is read before the answer starts, so a refused or bad query is still a problem answer.
        let rest = try await list.csv(env, principal, query)
        let body = ResponseBody { writer in
            try await rest { try await writer.write(ByteBuffer(string: $0)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(list.name).csv\""], body: body)
    }

    /// Reads the first batch, then answers the writer of the whole file: the header and every
    /// matching row, a batch of text at a time.
    static func csv<Record: KeysetItem & Sendable, Item: Encodable & Sendable>(
        _ query: ListQuery, item: String, fetch: @escaping @Sendable (ListQuery) async throws -> [Record],
        dto: @escaping @Sendable (Record) -> Item
    ) async throws -> @Sendable (_ write: (String) async throws -> Void) async throws -> Void {
        var first = query
        first.limit = batch
        first.after = nil
        let rows = try await fetch(first)
        let columns = Self.columns(of: item), start = first
        return { write in
            let encoder = JSONEncoder()
            var page = rows, current = start
            try await write(columns.map { CSV.cell($0.name) }.joined(separator: ",") + "\r\n")
            while true {
                var text = ""
                for record in page { text += try Self.line(dto(record), columns, encoder: encoder) }
                try await write(text)
                guard page.count == current.limit, let last = page.last else { break }
                current.after = last.cursorValues(for: current)
                page = try await fetch(current)
            }
        }
    }

    struct Column: Equatable {
        let path: [String]
        /// JSON booleans decode as numbers: the schema says which columns hold them.
        var boolean = false
        var name: String { path.joined(separator: ".") }
    }

    /// The item schema's fields in order, an object field by its own fields; arrays left out.
    static func columns(of item: String) -> [Column] {
        guard let schema = resolve(.ref(item)) else { return [] }
        var columns: [Column] = []
        for property in schema.properties {
            guard let field = resolve(property.schema), !field.types.contains(.array) else { continue }
            if field.types.contains(.object) || !field.properties.isEmpty {
                columns += field.properties.map { Column(path: [property.name, $0.name], boolean: resolve($0.schema)?.types.contains(.boolean) == true) }
            } else {
                columns.append(Column(path: [property.name], boolean: field.types.contains(.boolean)))
            }
        }
        return columns
    }

    /// A schema with its `$ref` (or a nullable `anyOf` of one) followed to the component.
    static func resolve(_ schema: Schema) -> Schema? {
        if let name = schema.ref { return Components.all.first { $0.name == name }.flatMap { resolve($0.schema) } }
        if schema.types.isEmpty, let inner = schema.anyOf.first(where: { $0.ref != nil }) { return resolve(inner) }
        return schema
    }

    /// One CSV line of a record: its JSON encoding read by the columns' paths.
    static func line(_ item: some Encodable, _ columns: [Column], encoder: JSONEncoder = JSONEncoder()) throws -> String {
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(item)) as? [String: Any] ?? [:]
        return columns.map { column -> String in
            var value: Any? = object
            for key in column.path { value = (value as? [String: Any])?[key] }
            return cell(value, boolean: column.boolean)
        }.joined(separator: ",") + "\r\n"
    }

    /// Text through the formula guard; numbers (and amounts, which the API writes as decimal text) as they are.
    static func cell(_ value: Any?, boolean: Bool = false) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let text as String:
            return isDecimal(text) ? text : CSV.cell(text)
        case let number as NSNumber:
            return boolean ? (number.boolValue ? "true" : "false") : number.stringValue
        default:
            return CSV.cell(String(describing: value!))
        }
    }

    static func isDecimal(_ text: String) -> Bool {
        var digits = 0, dots = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case ".": dots += 1
            case "-" where index == 0: continue
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }
}
