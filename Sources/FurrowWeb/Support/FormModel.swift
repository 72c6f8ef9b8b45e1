import Foundation
import FurrowHTTP
import FurrowDomain

/// One labelled input of a form, with its error beside it (rendered by `field.mustache`).
struct Field {
    struct Option { let value: String, label: String, selected: Bool }

    let name: String
    var id: String
    let label: String
    var type = "text"
    var value = ""
    var error: String?
    var required = false
    var autofocus = false
    var autocomplete: String?
    var hint: String?
    var isSelect = false
    var isTextarea = false
    var isCheckbox = false
    var checked = false
    var options: [Option] = []
    var list: String?
    /// A select that becomes a type-ahead searching the server (`/pick/<kind>`), and what narrows
    /// it: a customer's id, or `#` and the id of the field holding one.
    var picker: String?
    var pickerAccount: String?
    /// The file types a file input offers first (`.csv,text/csv`).
    var accept: String?
    /// The legend of a group of checkboxes sharing one name, on its first box; `groupEnd` on its last.
    var groupStart: String?
    var groupHint: String?
    var groupEnd = false

    init(_ name: String, _ label: String) {
        self.name = name
        self.id = "f-" + name
        self.label = label
    }
}

/// Builds the fields of a form in tab order; errors come from a 422 problem's field errors.
struct FormFields {
    private(set) var fields: [Field] = []
    let errors: [FieldError]

    init(_ problem: Problem? = nil) { errors = problem?.errors ?? [] }

    mutating func add(_ name: String, _ label: String, _ value: String?, type: String = "text", required: Bool = false,
                      autocomplete: String? = nil, hint: String? = nil, list: String? = nil) {
        var field = Field(name, label)
        field.type = type
        field.value = value ?? ""
        field.required = required
        field.autocomplete = autocomplete
        field.hint = hint
        field.list = list
        field.error = message(for: name)
        fields.append(field)
    }

    mutating func textarea(_ name: String, _ label: String, _ value: String?) {
        var field = Field(name, label)
        field.isTextarea = true
        field.value = value ?? ""
        field.error = message(for: name)
        fields.append(field)
    }

    /// A checkbox sending `true` when ticked (an unticked box sends nothing).
    mutating func checkbox(_ name: String, _ label: String, checked: Bool, hint: String? = nil) {
        var field = Field(name, label)
        field.isCheckbox = true
        field.type = "checkbox"
        field.value = "true"
        field.checked = checked
        field.hint = hint
        field.error = message(for: name)
        fields.append(field)
    }

    /// Checkboxes sharing one name, one per (value, label) option, in a fieldset with `legend`;
    /// the form sends the ticked values. An error on `name` shows beside the first box.
    mutating func checkboxGroup(_ name: String, _ legend: String, _ options: [(String, String)], checked: Set<String>,
                                hint: String? = nil) {
        guard !options.isEmpty else { return }
        for (index, option) in options.enumerated() {
            var field = Field(name, option.1)
            field.id = "f-\(name)-\(index)"
            field.isCheckbox = true
            field.type = "checkbox"
            field.value = option.0
            field.checked = checked.contains(option.0)
            if index == 0 {
                field.groupStart = legend
                field.groupHint = hint
                field.error = message(for: name)
            }
            field.groupEnd = index == options.count - 1
            fields.append(field)
        }
    }

    /// Puts the fields from `start` to the last one in a fieldset with `legend` (a line of a form).
    mutating func group(from start: Int, _ legend: String, hint: String? = nil) {
        guard start < fields.count else { return }
        fields[start].groupStart = legend
        fields[start].groupHint = hint
        fields[fields.count - 1].groupEnd = true
    }

    /// A select; `options` are (value, label) pairs, with an empty choice first unless `required`.
    mutating func select(_ name: String, _ label: String, _ options: [(String, String)], selected: String?,
                         required: Bool = false, empty: String = "— none —", hint: String? = nil,
                         picker: String? = nil, pickerAccount: String? = nil) {
        var field = Field(name, label)
        field.isSelect = true
        field.picker = picker
        field.pickerAccount = pickerAccount
        field.required = required
        field.hint = hint
        let choices = (required ? [] : [("", empty)]) + options
        field.options = choices.map { Field.Option(value: $0.0, label: $0.1, selected: $0.0 == (selected ?? "")) }
        field.error = message(for: name)
        fields.append(field)
    }

    func message(for name: String) -> String? {
        let messages = errors.filter { $0.field == name }.map(\.message)
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }

    /// The fields, the first one with an error (or else the first one) focused.
    var result: [Field] {
        var fields = self.fields
        if let index = fields.firstIndex(where: { $0.error != nil }) ?? fields.indices.first { fields[index].autofocus = true }
        return fields
    }

    /// Field errors that belong to no field of this form, shown above it.
    var unplaced: [String] { unplaced(besides: []) }

    /// Field errors that belong to no field of this form nor to `placed` (inputs the page draws
    /// itself, such as a document's line rows).
    func unplaced(besides placed: Set<String>) -> [String] {
        let names = Set(fields.map(\.name)).union(placed)
        return errors.filter { !names.contains($0.field) }.map { "\($0.field) \($0.message)" }
    }
}

/// A whole form page (`form.mustache`): heading, messages, fields, hidden values and buttons.
struct FormPage {
    struct Hidden { let name: String, value: String }
    struct Match { let name: String, url: String, matchedOn: String }

    let heading: String
    let action: String
    let submitLabel: String
    var fields: [Field] = []
    var hidden: [Hidden] = []
    var message: String?
    var generalErrors: [String] = []
    var hasGeneralErrors = false
    var hasFieldErrors = false
    var duplicates: [Match] = []
    var hasDuplicates = false
    var allowAnywayLabel: String?
    var cancel: String?
    var intro: String?
    var datalists: [Datalist] = []
    /// A second submit button posting the same fields elsewhere (a preview such as Find).
    var secondaryLabel: String?
    var secondaryAction: String?
    /// What the secondary action found, shown under the form.
    var aside: Aside?
    /// Links under the form ("Forgot your password?").
    var links: [Link] = []

    struct Link { let label: String, url: String }

    struct Datalist { let id: String, options: [Field.Option] }
    struct Aside { let title: String, text: String, items: [String], hasItems: Bool }

    init(heading: String, action: String, submitLabel: String, cancel: String? = nil) {
        self.heading = heading
        self.action = action
        self.submitLabel = submitLabel
        self.cancel = cancel
    }

    /// Sets the fields and turns a problem into what the page says about it.
    mutating func apply(_ form: FormFields, problem: Problem?, recordPath: String = "", placed: Set<String> = []) {
        fields = form.result
        generalErrors = form.unplaced(besides: placed)
        hasGeneralErrors = !generalErrors.isEmpty
        hasFieldErrors = fields.contains { $0.error != nil } || !generalErrors.isEmpty || form.errors.contains { placed.contains($0.field) }
        guard let problem, problem.type != .validation else { return }
        switch problem.type {
        case .duplicateSuspected:
            duplicates = (problem.matches ?? []).map {
                Match(name: $0.name, url: recordPath + $0.id, matchedOn: $0.matchedOn.joined(separator: ", "))
            }
            hasDuplicates = true
            allowAnywayLabel = "Create anyway"
        case .versionConflict:
            message = "This record was changed by someone else while you were editing it. Open it again to see their changes, then apply yours."
        default:
            message = problem.detail
        }
    }
}
