import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The sales schemas of the API's document.
extension Components {
    static let taxRate: Schema = .object("A tax rate of the sales catalog.", required: ["id", "name", "percent", "active"], [
        "id": .uuid(),
        "name": .string(maxLength: 60),
        "percent": .string("The rate in percent, e.g. `19` or `7.5`.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["19", "7.5"]),
        "active": .boolean(),
    ])
    static let taxRateCreate: Schema = .object("A new tax rate, active (managers and administrators only). Unknown fields are refused (422), `id` too.", required: ["name", "percent"], closed: true, [
        "name": .string("The rate's name (trimmed, required).", minLength: 1, maxLength: 60),
        "percent": .string("The rate in percent, from 0 to 100, as a decimal string with at most 6 decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["19", "7.5"]),
    ])
    static let productType: Schema = .enumeration(Product.Kind.self, "`good` or `service`.")
    static let product: Schema = .object("A product or service of the sales catalog. Optional fields are omitted when empty.", required: ["id", "sku", "name", "unit", "type", "active", "serialized", "status", "version"], [
        "id": .uuid(),
        "sku": .string("The unique stock-keeping unit.", maxLength: 64),
        "name": .string(maxLength: 200),
        "shortName": .string(nullable: true, maxLength: 60),
        "unit": .string(maxLength: 20),
        "type": .ref("ProductType"),
        "unitPrice": .string("The list price in `currency`; present with it.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "currency": .string("The currency of unitPrice; present with it.", nullable: true, pattern: "^[A-Z]{3}$"),
        "taxRateId": .uuid(nullable: true),
        "active": .boolean("Inactive products cannot be put on quotes."),
        "serialized": .boolean("A single item, sold once."),
        "serialNumber": .string(nullable: true),
        "status": .enumeration(Product.InventoryStatus.self, "The inventory status: a serialised item becomes `sold` (and inactive) when a quote with it is accepted."),
        "deactivationDate": .string("The day a serialised item was sold.", nullable: true, format: "date"),
        "version": .version,
    ])
    static let productCreate: Schema = .object("A new product (managers and administrators only). Unknown fields are refused (422); `id`, `version`, `status` and `deactivationDate` are accepted and ignored.", required: ["sku", "name"], closed: true, [
        "sku": .string("The stock-keeping unit (trimmed, required); one used by another product answers 422.", minLength: 1, maxLength: 64),
        "name": .string("The product's name (trimmed, required).", minLength: 1, maxLength: 200),
        "shortName": .string("A short name, used to name automatic opportunities; empty or null clears it.", nullable: true, maxLength: 60),
        "unit": .string("The unit of measure, e.g. `unit`, `hour`, `kg`; empty or null sets `unit`.", nullable: true, maxLength: 20),
        "type": .anyOf([.enumeration(Product.Kind.self), .null], "`good` or `service`; absent or null: `good` on create, unchanged on update."),
        "unitPrice": .string("The list price, not negative, as a decimal string with at most the currency's decimals; needs a `currency` (sent, or the current price's). null clears the price.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency of unitPrice (stored upper-case). Sent without unitPrice it re-expresses the current price in that currency.", nullable: true, pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "taxRateId": .uuid("The default tax rate of quote lines for this product (see `GET /tax-rates`); null clears it.", nullable: true),
        "active": .boolean("Inactive products cannot be put on quotes. Absent or null: true on create, unchanged on update.", nullable: true),
        "serialized": .boolean("A serialised product is a single item (a vehicle, a machine) sold once: accepting a quote with it marks it `sold`. Absent or null: false on create, unchanged on update.", nullable: true),
        "serialNumber": .string("The item's serial number, required for serialised products; empty or null clears it.", nullable: true, maxLength: 100),
        "id": .serverOwned,
        "status": Schema().described("Set only when a serialised item is sold; accepted and ignored."),
        "deactivationDate": Schema().described("Set only when a serialised item is sold; accepted and ignored."),
        "version": .serverOwnedOnCreate,
    ])
    static let productPatch: Schema = .object("Changes to a product (managers and administrators only): absent fields are unchanged, null clears a field. Unknown fields are refused (422); `id`, `status` and `deactivationDate` are accepted and ignored.", closed: true, [
        "sku": .string("The stock-keeping unit (trimmed, cannot be cleared); one used by another product answers 422.", minLength: 1, maxLength: 64),
        "name": .string("The product's name (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "shortName": .string("A short name, used to name automatic opportunities; empty or null clears it.", nullable: true, maxLength: 60),
        "unit": .string("The unit of measure, e.g. `unit`, `hour`, `kg`; empty or null sets `unit`.", nullable: true, maxLength: 20),
        "type": .anyOf([.enumeration(Product.Kind.self), .null], "`good` or `service`; absent or null: `good` on create, unchanged on update."),
        "unitPrice": .string("The list price, not negative, as a decimal string with at most the currency's decimals; needs a `currency` (sent, or the current price's). null clears the price.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency of unitPrice (stored upper-case). Sent without unitPrice it re-expresses the current price in that currency.", nullable: true, pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "taxRateId": .uuid("The default tax rate of quote lines for this product (see `GET /tax-rates`); null clears it.", nullable: true),
        "active": .boolean("Inactive products cannot be put on quotes. Absent or null: true on create, unchanged on update.", nullable: true),
        "serialized": .boolean("A serialised product is a single item (a vehicle, a machine) sold once: accepting a quote with it marks it `sold`. Absent or null: false on create, unchanged on update.", nullable: true),
        "serialNumber": .string("The item's serial number, required for serialised products; empty or null clears it.", nullable: true, maxLength: 100),
        "version": .expectedVersion,
        "id": .serverOwned,
        "status": Schema().described("Set only when a serialised item is sold; accepted and ignored."),
        "deactivationDate": Schema().described("Set only when a serialised item is sold; accepted and ignored."),
    ])
    static let priceListItem: Schema = .object("A product's price on a price list.", required: ["productId", "unitPrice"], [
        "productId": .uuid(),
        "unitPrice": .string("The price in the list's currency, up to 6 decimals.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1250.5"]),
    ])
    static let priceListItemInput: Schema = .object("A product's price on a price list. Unknown fields are refused (422).", required: ["productId", "unitPrice"], closed: true, [
        "productId": .uuid("An existing product."),
        "unitPrice": .string("The price in the list's currency, not negative, as a decimal string with at most 6 decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1250.50"]),
    ])
    static let priceList: Schema = .object("Prices in one currency, valid between two dates. Quote lines of catalog products are priced from it. `validTo` is omitted when open-ended.", required: ["id", "name", "currency", "validFrom", "items"], [
        "id": .uuid(),
        "name": .string(maxLength: 200),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "validFrom": .string("The first day the list is valid.", format: "date"),
        "validTo": .string("The last day the list is valid.", nullable: true, format: "date"),
        "items": .array(.ref("PriceListItem"), "By product id."),
    ])
    static let priceListCreate: Schema = .object("A new price list (managers and administrators only). Unknown fields are refused (422); `id` is accepted and ignored.", required: ["name", "currency", "validFrom"], closed: true, [
        "name": .string("The list's name (trimmed, required).", minLength: 1, maxLength: 200),
        "currency": .string("The ISO 4217 currency of the prices (stored upper-case).", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "validFrom": .string("The first day the list is valid (YYYY-MM-DD).", format: "date"),
        "validTo": .string("The last day the list is valid (YYYY-MM-DD), not before validFrom; null: open-ended.", nullable: true, format: "date"),
        "items": .array(.ref("PriceListItemInput"), "The list's prices, one per product (a later entry for the same product wins). Absent or null: none on create, unchanged on update; otherwise it replaces all items.", nullable: true),
        "id": .serverOwned,
    ])
    static let priceListPatch: Schema = .object("Changes to a price list (managers and administrators only): absent fields are unchanged. Price lists carry no version: the last change wins. Unknown fields are refused (422), `version` too; `id` is accepted and ignored.", closed: true, [
        "name": .string("The list's name (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "currency": .string("The ISO 4217 currency of the prices (stored upper-case); cannot be null. The prices are kept as they are.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "validFrom": .string("The first day the list is valid (YYYY-MM-DD); cannot be null.", format: "date"),
        "validTo": .string("The last day the list is valid (YYYY-MM-DD), not before validFrom; null: open-ended.", nullable: true, format: "date"),
        "items": .array(.ref("PriceListItemInput"), "The list's prices, one per product (a later entry for the same product wins). Absent or null: none on create, unchanged on update; otherwise it replaces all items.", nullable: true),
        "id": .serverOwned,
    ])
    static let quoteStatus: Schema = .enumeration(QuoteReading.self, "What a quote reads as: `draft` → `sent` → `negotiation` (optional) → `accepted` or `rejected`; `revised` marks a superseded revision. `expired` is derived, never stored: a `sent` or `negotiation` quote past its `validUntil` (in the company time zone).")
    static let quoteLine: Schema = .object("A priced line of a quote or an opportunity: quantity × unit price less the discount, rounded half-even to the currency's minor unit once; tax on that, rounded once. Amounts are decimal strings in the quote's currency; quantity and percentages are decimal strings with up to 6 decimals.", required: ["description", "quantity", "unitPrice", "discountPercent", "taxPercent", "subtotal", "discountTotal", "taxTotal", "total"], [
        "productId": .uuid("The catalog product; omitted for write-in lines.", nullable: true),
        "description": .string(),
        "quantity": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1", "2.5"]),
        "unitPrice": .string("From the price list for catalog products.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1250.5"]),
        "discountPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0", "10"]),
        "taxPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["19"]),
        "taxRateId": .uuid("The tax rate applied; omitted when none.", nullable: true),
        "subtotal": .string("quantity × unitPrice less the discount.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
    ])
    static let quoteLineInput: Schema = .object("A line of a quote or an opportunity: a catalog product (priced from the document's price list, which is then required) or a write-in with its own description and unit price. Unknown fields are refused (422). Bounds (422 naming the field): quantity more than 0 and at most 1000000000; unit price from 0 to 999999999999.99 (12 whole digits, the currency's decimals); quantity × unit price, each line's total and the document's total at most 999999999999.99 in the document's currency (999999999999 JPY, 999999999999.999 KWD); at most 1000 lines.", required: ["quantity"], closed: true, [
        "productId": .uuid("An active, available product on the quote's price list; absent or null: a write-in line.", nullable: true),
        "description": .string("Required for write-ins; for products it defaults to the product's name.", nullable: true),
        "quantity": .string("More than 0 and at most 1000000000, as a decimal string with at most 6 decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1", "2.5"]),
        "unitPrice": .string("Required for write-ins; ignored for products (the price list's price applies). At most 999999999999.99.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1250.50"]),
        "discountPercent": .string("From 0 to 100; default 0.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["10"]),
        "taxRateId": .uuid("An existing tax rate; default the product's tax rate (none for write-ins).", nullable: true),
    ])
    static let quote: Schema = .object("One revision of a numbered offer, always for an opportunity. Optional fields are omitted when empty. Totals are exact sums of the lines' rounded amounts.", required: ["id", "number", "revision", "name", "status", "opportunityId", "currency", "date", "lines", "subtotal", "discountTotal", "taxTotal", "total", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "number": .string("`Q-<year>-<serial>`, gap-free per year; shared by all revisions.", examples: ["Q-2026-00042"]),
        "revision": .integer("1 for the first revision; each revise adds one.", minimum: 1),
        "name": .string(),
        "status": .ref("QuoteStatus"),
        "accountId": .uuid(nullable: true),
        "contactId": .uuid(nullable: true),
        "opportunityId": .uuid(),
        "leadId": .uuid("The lead the quote was made for, if any.", nullable: true),
        "orderId": .uuid("The sales order an accepted quote was converted into, once converted.", nullable: true),
        "priceListId": .uuid(nullable: true),
        "currency": .string("The opportunity's currency.", pattern: "^[A-Z]{3}$"),
        "date": .string(format: "date"),
        "validUntil": .string(nullable: true, format: "date"),
        "comments": .string(nullable: true),
        "terms": .string(nullable: true),
        "lines": .array(.ref("QuoteLine")),
        "subtotal": .string("The sum of the lines' subtotals (after discounts, before tax).", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "ownerId": .uuid("The opportunity's owner."),
        "teamId": .uuid("The owner's team.", nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "contactName": .referenceName("The contact's full name"),
        "opportunityName": .referenceName("The opportunity's name"),
        "ownerName": .referenceName("The owner's name"),
    ])
    static let quoteCreate: Schema = .object("A new draft quote, revision 1. It is for `opportunityId` (open, visible to the caller); otherwise for a `leadId` or an `accountId`, and then an opportunity of the quote-driven kind is created with it (see the settings `autoCreateOpportunity`, `opportunityNameFromQuote` and `useProductShortNames`). Unknown fields are refused (422); server-owned and computed fields are accepted and ignored.", closed: true, [
        "opportunityId": .uuid("An open opportunity the caller can see.", nullable: true),
        "leadId": .uuid("A lead the caller can see; used without opportunityId (its qualified account and contact are the defaults).", nullable: true),
        "accountId": .uuid("The customer account, one the caller can see. Default: the opportunity's (or the qualified lead's) account.", nullable: true),
        "currency": .string("The ISO 4217 currency; it must be the opportunity's (else 422 `currency-mismatch`). For an automatic opportunity: its currency (default the price list's, else the company's base currency).", nullable: true, pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "contactId": .uuid("The customer contact. Absent or null: on create the opportunity's (or the qualified lead's) contact; on update unchanged (it cannot be cleared).", nullable: true),
        "priceListId": .uuid("The price list catalog products are priced from; it must be in the quote's currency and valid on the quote's date. On update absent keeps it and null removes it.", nullable: true),
        "name": .string("The quote's name (trimmed). Absent, empty or null: the opportunity's name on create, unchanged on update.", nullable: true),
        "date": .string("The quote's date (YYYY-MM-DD). Absent or null: today in the company time zone on create, unchanged on update.", nullable: true, format: "date"),
        "validUntil": .string("The last day the offer holds (YYYY-MM-DD), not before `date`; afterwards a sent quote reads `expired`. null clears it; on update absent keeps it.", nullable: true, format: "date"),
        "comments": .string("Comments (trimmed); empty or null clears them; on update absent keeps them.", nullable: true),
        "terms": .string("Terms and conditions (trimmed); empty or null clears them; on update absent keeps them.", nullable: true),
        "lines": .array(.ref("QuoteLineInput"), "The quote's lines in order. On create absent or null: none; on update absent keeps the lines (their catalog products repriced from the price list) and a list replaces them all.", nullable: true, maxItems: 1000),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "number": .serverOwned,
        "revision": .serverOwned,
        "status": Schema().described("Changed only by the quote's verbs; accepted and ignored."),
        "subtotal": Schema().described("Computed; accepted and ignored."),
        "discountTotal": Schema().described("Computed; accepted and ignored."),
        "taxTotal": Schema().described("Computed; accepted and ignored."),
        "total": Schema().described("Computed; accepted and ignored."),
        "version": .serverOwnedOnCreate,
        "accountName": .readName, "contactName": .readName, "opportunityName": .readName, "ownerName": .readName,
    ])
    static let quotePatch: Schema = .object("Changes to a draft quote. Unknown fields are refused (422); server-owned and computed fields, and `opportunityId`, `leadId`, `accountId` and `currency` (which cannot change), are accepted and ignored.", closed: true, [
        "contactId": .uuid("The customer contact. Absent or null: on create the opportunity's (or the qualified lead's) contact; on update unchanged (it cannot be cleared).", nullable: true),
        "priceListId": .uuid("The price list catalog products are priced from; it must be in the quote's currency and valid on the quote's date. On update absent keeps it and null removes it.", nullable: true),
        "name": .string("The quote's name (trimmed). Absent, empty or null: the opportunity's name on create, unchanged on update.", nullable: true),
        "date": .string("The quote's date (YYYY-MM-DD). Absent or null: today in the company time zone on create, unchanged on update.", nullable: true, format: "date"),
        "validUntil": .string("The last day the offer holds (YYYY-MM-DD), not before `date`; afterwards a sent quote reads `expired`. null clears it; on update absent keeps it.", nullable: true, format: "date"),
        "comments": .string("Comments (trimmed); empty or null clears them; on update absent keeps them.", nullable: true),
        "terms": .string("Terms and conditions (trimmed); empty or null clears them; on update absent keeps them.", nullable: true),
        "lines": .array(.ref("QuoteLineInput"), "The quote's lines in order. On create absent or null: none; on update absent keeps the lines (their catalog products repriced from the price list) and a list replaces them all.", nullable: true, maxItems: 1000),
        "version": .expectedVersion,
        "opportunityId": Schema().described("Cannot change; accepted and ignored (but must be a UUID)."),
        "leadId": Schema().described("Cannot change; accepted and ignored (but must be a UUID)."),
        "accountId": Schema().described("Cannot change; accepted and ignored (but must be a UUID)."),
        "currency": Schema().described("Cannot change; accepted and ignored (but must be a currency code)."),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "number": .serverOwned,
        "revision": .serverOwned,
        "status": Schema().described("Changed only by the quote's verbs; accepted and ignored."),
        "subtotal": Schema().described("Computed; accepted and ignored."),
        "discountTotal": Schema().described("Computed; accepted and ignored."),
        "taxTotal": Schema().described("Computed; accepted and ignored."),
        "total": Schema().described("Computed; accepted and ignored."),
        "accountName": .readName, "contactName": .readName, "opportunityName": .readName, "ownerName": .readName,
    ])
    static let quoteReject: Schema = .object("Optional details of a rejection. Unknown fields are refused (422).", closed: true, [
        "reasonId": .uuid("An active reason for losing (see `GET /lost-reasons`), used when the rejection loses the opportunity. Default: the reason named `Quote rejected`, else the first active one.", nullable: true),
    ])
    static let quoteGetProducts: Schema = .object("The opportunity whose product lines to copy. Unknown fields are refused (422).", required: ["fromOpportunityId"], closed: true, [
        "fromOpportunityId": .uuid("An opportunity the caller can see."),
    ])
    static let order: Schema = .object("A sales order, converted from an accepted quote (its lines copied and frozen) or made directly. Optional fields are omitted when empty.", required: ["id", "number", "status", "currency", "lines", "subtotal", "discountTotal", "taxTotal", "total", "ownerId", "version", "createdAt"], [
        "id": .uuid(),
        "number": .string("`SO-<year>-<serial>`, gap-free per year.", examples: ["SO-2026-00007"]),
        "status": .enumeration(OrderStatus.self, "`draft` → `confirmed` → `inFulfilment` → `delivered` | `installed`, or `cancelled`."),
        "quoteId": .uuid("The quote it was converted from.", nullable: true),
        "opportunityId": .uuid(nullable: true),
        "accountId": .uuid(nullable: true),
        "contactId": .uuid(nullable: true),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "lines": .array(.ref("OrderLine")),
        "subtotal": .string("The sum of the lines' subtotals (after discounts, before tax).", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "ownerId": .uuid("The quote's owner."),
        "version": .version,
        "createdAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "contactName": .referenceName("The contact's full name"),
        "ownerName": .referenceName("The owner's name"),
    ])
    static let opportunityLines: Schema = .object("An opportunity's product lines, in its currency, and the price list they were priced from (omitted when none).", required: ["currency", "lines", "subtotal", "taxTotal", "total"], [
        "priceListId": .uuid(nullable: true),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "lines": .array(.ref("QuoteLine")),
        "subtotal": .string("The sum of the lines' subtotals (after discounts, before tax); the estimated revenue in revenue mode `system`.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
    ])
    static let opportunityLinesPut: Schema = .object("All product lines of an opportunity, replacing the current ones. Unknown fields are refused (422).", required: ["lines"], closed: true, [
        "priceListId": .uuid("The price list catalog products are priced from (in the opportunity's currency, valid today); absent or null: none.", nullable: true),
        "lines": .array(.ref("QuoteLineInput"), "The lines in order; an empty list removes them all.", maxItems: 1000),
    ])
    static let taxRatePage: Schema = .page("TaxRate", "All tax rates, by name (one page).")
    static let productPage: Schema = .page("Product", "A page of products.")
    static let priceListPage: Schema = .page("PriceList", "All price lists, by name (one page).")
    static let quotePage: Schema = .page("Quote", "A page of quotes.")

    static let salesSchemas: [(name: String, schema: Schema)] = [
        ("TaxRate", taxRate),
        ("TaxRateCreate", taxRateCreate),
        ("ProductType", productType),
        ("Product", product),
        ("ProductCreate", productCreate),
        ("ProductPatch", productPatch),
        ("PriceListItem", priceListItem),
        ("PriceListItemInput", priceListItemInput),
        ("PriceList", priceList),
        ("PriceListCreate", priceListCreate),
        ("PriceListPatch", priceListPatch),
        ("QuoteStatus", quoteStatus),
        ("QuoteLine", quoteLine),
        ("QuoteLineInput", quoteLineInput),
        ("Quote", quote),
        ("QuoteCreate", quoteCreate),
        ("QuotePatch", quotePatch),
        ("QuoteReject", quoteReject),
        ("QuoteGetProducts", quoteGetProducts),
        ("Order", order),
        ("OpportunityLines", opportunityLines),
        ("OpportunityLinesPut", opportunityLinesPut),
        ("TaxRatePage", taxRatePage),
        ("ProductPage", productPage),
        ("PriceListPage", priceListPage),
        ("QuotePage", quotePage),
    ]
}
