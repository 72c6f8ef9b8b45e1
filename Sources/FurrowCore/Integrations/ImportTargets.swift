import Foundation
import FurrowDomain

/// The references rows name, as spreadsheets have them, and the targets of the catalog and the
/// pipeline: products (with their price on a price list) and opportunities (with product lines
/// from the rows that follow, and the stage walked to through each gate).
extension ImportRows {
    func ownerId(_ values: [String: String], _ errors: inout [FieldError]) async throws -> User.ID? {
        guard let email = values["ownerEmail"] else { return nil }
        let key = Normalise.email(email)
        if owners[key] == nil {
            let user = try await session.user(email: key)
            owners[key] = user?.active == true ? user?.id : nil
        }
        guard let id = owners[key] ?? nil else {
            errors.append(FieldError("ownerEmail", "is no active user's email: \(email)"))
            return nil
        }
        return id
    }

    func accountId(_ values: [String: String], _ field: String, _ errors: inout [FieldError]) async throws -> Account.ID? {
        guard let name = values[field] else { return nil }
        let key = name.lowercased()
        if accounts[key] == nil {
            accounts[key] = try await session.accountIDs(named: [name], visibleTo: principal.ledger)[key] ?? nil
        }
        guard let id = accounts[key] ?? nil else {
            errors.append(FieldError(field, "is no account you can see: \(name)"))
            return nil
        }
        return id
    }

    func contactId(_ values: [String: String], _ errors: inout [FieldError]) async throws -> Contact.ID? {
        guard let email = values["contactEmail"] else { return nil }
        let key = Normalise.email(email)
        if contacts[key] == nil { contacts[key] = try await session.contactIDs(emails: [key], visibleTo: principal)[key] ?? nil }
        guard let id = contacts[key] ?? nil else {
            errors.append(FieldError("contactEmail", "is no contact you can see: \(email)"))
            return nil
        }
        return id
    }

    func product(sku: String) async throws -> Product? {
        let key = sku.lowercased()
        if products[key] == nil { products[key] = try await session.product(sku: sku) }
        return products[key] ?? nil
    }

    func loadedCatalog() async throws -> Catalog {
        if let catalog { return catalog }
        let loaded = Catalog(kinds: try await session.kinds(), defaultKind: try await session.defaultKind(), stages: try await session.stages(),
                             channels: try await session.channels(), taxRates: try await session.taxRates(), priceLists: try await session.priceLists())
        catalog = loaded
        return loaded
    }

    /// The thing of the catalog a field names (without case), or an error naming the choices.
    func named<T>(_ values: [String: String], _ field: String, in list: KeyPath<Catalog, [T]>, name: (T) -> String,
                           _ errors: inout [FieldError]) async throws -> T? {
        guard let text = values[field] else { return nil }
        let all = try await loadedCatalog()[keyPath: list]
        if let found = all.first(where: { name($0).lowercased() == text.lowercased() }) { return found }
        let choices = all.map(name).prefix(12).joined(separator: ", ")
        errors.append(FieldError(field, "names none of \(choices.isEmpty ? "nothing to choose from" : choices): \(text)"))
        return nil
    }

    func currency(_ values: [String: String], _ errors: inout [FieldError]) -> Currency {
        guard let code = values["currency"] else { return baseCurrency }
        guard let currency = Currency(code.uppercased()) else {
            errors.append(FieldError("currency", "is not an ISO 4217 currency code: \(code)"))
            return baseCurrency
        }
        return currency
    }

    func money(_ values: [String: String], _ field: String, _ currency: Currency, _ errors: inout [FieldError]) -> Money? {
        guard let text = values[field] else { return nil }
        guard let amount = ImportValues.decimal(text, delimiter: delimiter).flatMap({ Money($0, currency: currency) }) else {
            errors.append(FieldError(field, "is not an amount in \(currency.code): \(text)"))
            return nil
        }
        return amount
    }

    func micros(_ values: [String: String], _ field: String, _ errors: inout [FieldError]) -> Micros? {
        guard let text = values[field] else { return nil }
        guard let value = ImportValues.decimal(text, delimiter: delimiter).flatMap(Micros.init) else {
            errors.append(FieldError(field, "is not a number: \(text)"))
            return nil
        }
        return value
    }

    func productTarget(_ values: [String: String], _ errors: inout [FieldError]) async throws -> Target? {
        let taxRate = try await named(values, "taxRateName", in: \.taxRates, name: \.name, &errors)
        let priceList = try await named(values, "priceListName", in: \.priceLists, name: \.name, &errors)
        let price = micros(values, "price", &errors)
        var type: Product.Kind?
        if let text = values["type"] {
            type = Product.Kind(rawValue: text.lowercased())
            if type == nil { errors.append(FieldError("type", "is good or service, not \(text)")) }
        }
        let existing = try await values["sku"].asyncMap { try await self.product(sku: $0) } ?? nil
        func product(_ stored: Product?) -> Product {
            var product = stored ?? Product(id: Product.ID(UUID()), sku: "", name: "")
            product.sku = pick(values, "sku", stored?.sku) ?? ""
            product.name = pick(values, "name", stored?.name) ?? ""
            product.shortName = pick(values, "shortName", stored?.shortName)
            product.unit = pick(values, "unit", stored?.unit) ?? "unit"
            if let type { product.type = type }
            if mapped.contains("taxRateName") { product.taxRateId = taxRate?.id }
            // a price with no price list is the product's own unit price
            if let price, priceList == nil { product.unitPrice = Money.rounding(price, to: stored?.unitPrice?.currency ?? baseCurrency) }
            return product
        }
        /// The product's price on the list, set when the rows are done (one change of each list).
        func priced(_ id: UUID) -> UUID {
            if let priceList, let price { prices[priceList.id, default: [:]][Product.ID(id)] = price }
            return id
        }
        return Target(
            match: { existing?.id.uuid },
            update: { id in
                let current = try await self.writer.transaction.load(Product.self, Product.ID(id))
                return priced(try await self.writer.updateProduct(current.id, product(current), expectedVersion: current.version).id.uuid)
            },
            create: {
                let made = try await self.writer.product(product(nil))
                self.products[made.sku.lowercased()] = made
                return priced(made.id.uuid)
            })
    }

    func opportunityTarget(_ values: [String: String], owner: User.ID?, more: [(line: Int, values: [String: String])],
                           _ errors: inout [FieldError]) async throws -> Target? {
        let account = try await accountId(values, "accountName", &errors)
        let contact = try await contactId(values, &errors)
        let kind = try await named(values, "kindName", in: \.kinds, name: \.name, &errors)
        let stage = try await named(values, "stageName", in: \.stages, name: \.name, &errors)
        let priceList = try await named(values, "priceListName", in: \.priceLists, name: \.name, &errors)
        // without a currency column, a price list's currency, else the company's
        let currency = values["currency"] == nil && priceList != nil ? priceList!.currency : currency(values, &errors)
        let revenue = money(values, "estimatedRevenue", currency, &errors)
        let probability = micros(values, "probability", &errors).map { Int($0.value / Micros.scale) }
        var close: Day?
        if let text = values["expectedCloseDate"] {
            close = ImportValues.day(text)
            if close == nil { errors.append(FieldError("expectedCloseDate", "is not a date (write it as YYYY-MM-DD, or DD.MM.YYYY): \(text)")) }
        }
        // product lines: this row's and those of the rows that follow it
        var lines: [QuoteInput.Line] = []
        for (line, row) in [(0, values)] + more {
            guard let sku = row["productSku"] else {
                if row["quantity"] != nil || row["unitPrice"] != nil { errors.append(FieldError("productSku", "is empty on line \(line) that has a quantity or price")) }
                continue
            }
            let at = line == 0 ? "" : " (line \(line))"
            guard let product = try await self.product(sku: sku) else {
                errors.append(FieldError("productSku", "is no product's SKU: \(sku)\(at)"))
                continue
            }
            var lineErrors: [FieldError] = []
            let quantity = micros(row, "quantity", &lineErrors) ?? Micros(value: Micros.scale)
            let unitPrice = micros(row, "unitPrice", &lineErrors)
            errors += lineErrors.map { FieldError($0.field, $0.message + at) }
            lines.append(QuoteInput.Line(productId: product.id, quantity: quantity, unitPrice: unitPrice))
        }
        let revenueMode: RevenueMode = lines.isEmpty || revenue != nil ? .user : .system
        func fields(_ stored: OpportunityFields?) -> OpportunityFields {
            var fields = stored ?? OpportunityFields(name: "", currency: currency, revenueMode: revenueMode)
            fields.name = pick(values, "name", stored?.name) ?? ""
            if mapped.contains("accountName") { fields.accountId = account }
            if mapped.contains("contactEmail") { fields.contactId = contact }
            if mapped.contains("currency") || stored == nil { fields.currency = currency }
            if mapped.contains("estimatedRevenue") { fields.estimatedRevenue = revenue }
            if mapped.contains("expectedCloseDate") { fields.expectedCloseDate = close }
            return fields
        }
        func input(_ stored: OpportunityFields?) -> OpportunityInput {
            var input = OpportunityInput(fields: fields(stored), kindId: stored == nil ? kind?.id : nil, ownerId: owner, probability: probability)
            if stored == nil && !lines.isEmpty {
                input.productLines = lines
                input.priceListId = priceList?.id
            }
            return input
        }
        let hasLines = !lines.isEmpty
        return Target(
            match: { nil },
            update: { id in
                if hasLines { throw ValidationError([FieldError("productSku", "lines are imported with new opportunities; change a stored one's lines on its page")]) }
                let current = try await self.writer.transaction.loadChangeable(Opportunity.self, Opportunity.ID(id))
                let saved = try await self.writer.updateOpportunity(current.id, input(current.fields), expectedVersion: current.version)
                return try await self.walk(saved, to: stage).id.uuid
            },
            create: {
                let made = try await self.writer.opportunity(input(nil))
                return try await self.walk(made, to: stage).id.uuid
            })
    }

    /// Moves an opportunity stage by stage up to `target`, each stage's gate checked as a move by hand would.
    func walk(_ opportunity: Opportunity, to target: Stage?) async throws -> Opportunity {
        guard let target, target.id != opportunity.stageId else { return opportunity }
        let kinds = try await loadedCatalog().kinds
        guard let kind = kinds.first(where: { $0.id == opportunity.kindId }), let to = kind.stageIds.firstIndex(of: target.id) else {
            throw ValidationError([FieldError("stageName", "\(target.name) is not a stage of the opportunity's kind")])
        }
        let from = opportunity.stageId.flatMap { kind.stageIds.firstIndex(of: $0) } ?? -1
        guard to > from else { throw ValidationError([FieldError("stageName", "\(target.name) is behind the opportunity's stage: an import moves forward only")]) }
        var moved = opportunity
        let service = OpportunityService(run.env)
        for index in (from + 1)...to {
            do {
                moved = try await service.advancing(moved.id, to: kind.stageIds[index], in: writer.transaction)
            } catch let error as PipelineError {
                var name = try await loadedCatalog().stages.first { $0.id == kind.stageIds[index] }?.name ?? "the next stage"
                if index < to { name += " on the way to \(target.name)" }
                if case .stageRequirementsUnmet(let unmet) = error {
                    throw ValidationError([FieldError("stageName", "cannot enter \(name): " + unmet.joined(separator: "; "))])
                }
                throw ValidationError([FieldError("stageName", "cannot enter \(name): " + ImportRows.words(error))])
            }
        }
        return moved
    }
}

extension ImportRows {
    static func words(_ error: PipelineError) -> String {
        switch error {
        case .opportunityClosed: return "the opportunity is closed"
        case .stageSkipNotAllowed: return "stages are passed in order"
        case .kindHasNoStages: return "the kind has no stages"
        case .stageNotInKind: return "it is not a stage of the kind"
        default: return "the kind's rules refuse it"
        }
    }
}

/// Numbers and dates as spreadsheets write them.
enum ImportValues {
    /// `1234.5`, `1,234.50`, `1.234,50`, `1 234,5`; with a `;`-separated file a lone comma is the decimal mark.
    static func decimal(_ text: String, delimiter: Character) -> String? {
        var body = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" && $0 != "'" }
        let comma = body.lastIndex(of: ","), dot = body.lastIndex(of: ".")
        switch (comma, dot) {
        case let (comma?, dot?):
            let decimalMark: Character = comma > dot ? "," : "."
            body = body.filter { $0 != (decimalMark == "," ? "." : ",") }
            if decimalMark == "," { body = body.replacingOccurrences(of: ",", with: ".") }
        case let (comma?, nil):
            let digitsAfter = body.distance(from: body.index(after: comma), to: body.endIndex)
            let thousands = delimiter != ";" && digitsAfter == 3
            body = thousands ? body.replacingOccurrences(of: ",", with: "") : body.replacingOccurrences(of: ",", with: ".")
        default:
            break
        }
        return body.isEmpty ? nil : body
    }

    /// `2026-03-31`, or day first: `31.03.2026`, `31/03/2026`.
    static func day(_ text: String) -> Day? {
        if let day = Day(text) { return day }
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "/" }).map(String.init)
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(String(format: "%04d-%02d-%02d", y, m, d))
    }
}
