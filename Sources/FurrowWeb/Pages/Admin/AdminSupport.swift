import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// What the administration pages share: the administrator check, the tabs, and a page of
/// sections — each a table of entries (a link, an activate/deactivate or remove button per row)
/// and a short form adding one, whose refused values are said by their fields.
enum Admin {
    static let path = "/admin"
    static let tabs: [(label: String, path: String)] = [
        ("Users", UserAdminPages.path), ("Teams", TeamAdminPages.path), ("Stages", StageAdminPages.path),
        ("Opportunity kinds", KindAdminPages.path), ("Catalogs", CatalogAdminPage.path),
    ]

    static func principal(_ web: Web, _ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators open the administration pages.") }
        return principal
    }

    struct Tab { let label: String, path: String, current: Bool }

    struct Button { let action: String, label: String, danger: Bool, confirm: String? }
    struct Cell {
        let text: String, link: String?
        var label = ""
        init(_ text: String, link: String? = nil) { self.text = text; self.link = link }
    }
    struct Row {
        let cells: [Cell], buttons: [Button], muted: Bool
        init(_ cells: [Cell], buttons: [Button] = [], muted: Bool = false) { self.cells = cells; self.buttons = buttons; self.muted = muted }
    }
    struct AddForm {
        let action: String, submitLabel: String, fields: [Field], message: String?
        var hidden: [FormPage.Hidden] = []
        var formTitle: String?
    }
    struct Section {
        let id: String, title: String, note: String?
        let columns: [String]
        let rows: [Row]
        let hasRows: Bool
        let empty: String
        let form: AddForm?
        var buttons: [Button] = []
        let hasTable: Bool
    }
    struct Page {
        let heading: String, intro: String?
        let tabs: [Tab]
        let actions: [Cell]
        let notice: String?
        let sections: [Section]
    }

    /// A section; each cell learns its column's title (a phone shows the rows as labelled cards).
    static func section(_ id: String, _ title: String, hint: String? = nil, columns: [String], rows: [Row], empty: String, form: AddForm?) -> Section {
        let labelled = rows.map { row in
            Row(zip(row.cells, columns).map { cell, column in var cell = cell; cell.label = column; return cell }, buttons: row.buttons, muted: row.muted)
        }
        return Section(id: id, title: title, note: hint, columns: columns, rows: labelled, hasRows: !rows.isEmpty, empty: empty, form: form,
                       hasTable: !columns.isEmpty)
    }

    static func page(current: String, heading: String, intro: String?, actions: [Cell] = [], notice: String? = nil, sections: [Section]) -> Page {
        Page(heading: heading, intro: intro, tabs: tabs.map { Tab(label: $0.label, path: $0.path, current: $0.path == current) },
             actions: actions, notice: notice, sections: sections)
    }

    /// A section's add form: field ids carry the section's name (several forms share the page),
    /// and only a form with an error takes the focus.
    static func form(_ section: String, action: String, submitLabel: String, _ fields: FormFields, problem: Problem?) -> AddForm {
        let result = fields.result.map { field -> Field in
            var field = field
            field.id = "f-\(section)-" + field.id.dropFirst(2)  // the group's checkboxes keep their own ids
            field.autofocus = problem != nil && field.autofocus
            return field
        }
        let unplaced = fields.unplaced
        let message = problem.map { problem in
            problem.type == .validation ? (["Please correct the fields marked below."] + unplaced).joined(separator: " ") : problem.detail
        }
        return AddForm(action: action, submitLabel: submitLabel, fields: result, message: message)
    }

    static func toggle(_ action: String, active: Bool, name: String) -> Button {
        Button(action: action, label: active ? "Deactivate" : "Activate", danger: false,
               confirm: active ? "Deactivate “\(name)”? It stays on the records that have it, but cannot be chosen any more." : nil)
    }
}
