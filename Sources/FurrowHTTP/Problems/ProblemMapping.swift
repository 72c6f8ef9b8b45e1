import Foundation
import FurrowCore
import FurrowDomain
import Hummingbird

/// Maps every error the core can throw to its problem, exhaustively per error enum (DESIGN §5).
extension Problem {
    public static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem: return problem
        case let error as ValidationError: return .validation(error.errors)
        case let error as BulkItemError:
            guard var problem = from(error.error) else { return nil }  // unknown: a 500 with an incident id, the error logged
            problem.detail = "items[\(error.index)]: " + problem.detail
            problem.errors = problem.errors?.map { FieldError("items[\(error.index)].\($0.field)", $0.message) }
            return problem
        case let error as QueryError: return .invalidQuery(error.message)
        case let error as CoreError: return from(error)
        case let error as PartyError: return from(error)
        case let error as PipelineError: return from(error)
        case let error as QuoteError: return from(error)
        case let error as OrderError:
            switch error {
            case .cancelled: return Problem(.orderCancelled, 409, "Order cancelled", "The order is cancelled.")
            case .noLines: return Problem(.orderEmpty, 409, "Order has no lines", "An order without lines cannot be confirmed; add its lines first.")
            case .illegalMove(let from, let verb):
                return Problem(.orderIllegalMove, 409, "Not possible now", "An order that is \(from.rawValue) cannot \(verb.rawValue).")
            }
        case let error as InvoiceError: return from(error)
        case let error as LedgerError: return from(error)
        case let error as ActivityError:
            switch error {
            case .notOpen: return Problem(.activityNotOpen, 409, "Activity closed", "The activity is completed or cancelled; reopen it first.")
            case .alreadyOpen: return Problem(.activityOpen, 409, "Activity open", "The activity is open already.")
            }
        case let error as BudgetError: return from(error)
        case ImportJobError.state(_, let status, let wanted):
            return Problem(.importJobState, 409, "Import job \(status.rawValue)", "An import job that is \(status.rawValue) cannot \(wanted).")
        case let error as ContractError:
            switch error {
            case .illegalMove(let from, let to):
                return Problem(.contractIllegalMove, 409, "Not possible now", "A contract that is \(from.rawValue) cannot become \(to.rawValue).")
            case .noTechnicians:
                return Problem(.contractNoTechnicians, 409, "No technicians", "Name at least one technician before activating the contract.")
            case .notBillable(let status):
                return Problem(.contractNotBillable, 409, "Not billable", "A contract that is \(status.rawValue) is not billed.")
            case .allPeriodsBilled:
                return Problem(.periodAlreadyBilled, 409, "Already billed", "Every period of the contract has its invoice already.")
            }
        case let error as CampaignError:
            switch error {
            case .listImmutable(let field):
                return Problem(.marketingListImmutable, 409, "Cannot change", "A saved marketing list's \(field) is fixed; deactivate it and make a new list instead.")
            case .listInactive:
                return Problem(.marketingListInactive, 409, "List inactive", "The marketing list is deactivated; reactivate it first.")
            case .notStatic:
                return Problem(.marketingListNotStatic, 409, "Dynamic list", "A dynamic list's members come from its filter; change the filter, or copy it into a static list.")
            case .campaignInactive:
                return Problem(.campaignInactive, 409, "Campaign inactive", "The campaign is deactivated; reactivate it first.")
            case .illegalMove(let from, let to):
                return Problem(.campaignIllegalMove, 409, "Not possible now", "A campaign that is \(from.rawValue) cannot become \(to.rawValue).")
            case .notReady(let status):
                return Problem(.campaignNotReady, 409, "Campaign not ready", "A campaign is distributed once it is ready to launch or launched, and active; this one is \(status.rawValue).")
            case .responseConverted:
                return Problem(.responseConverted, 409, "Converted already", "The response was converted already; open the lead or opportunity it became.")
            case .noList:
                return Problem(.campaignHasNoList, 409, "No marketing list", "Link an active marketing list to the campaign first: its members are who the campaign reaches.")
            }
        case let error as InboundMessage.Failure:
            switch error {
            case .tooLarge(let limit):
                return Problem(.payloadTooLarge, 413, "Message too large", "An inbound email may be at most \(limit / 1024) KiB.")
            case .malformed(let reason):
                return Problem(.emailRefused, 422, "Email refused", "The email cannot be read: \(reason).")
            }
        case let error as InboundRefusal:
            return Problem(.emailRefused, 422, "Email refused", error.reason)
        case let error as HTTPError: return from(error)
        default: return nil
        }
    }

    public static func from(_ error: CoreError) -> Problem {
        switch error {
        case .notFound(let what): return .notFound(what)
        case .versionConflict(let current):
            var problem = Problem(.versionConflict, 412, "Version conflict",
                                  "The record was changed by someone else; reload it and apply your change again.")
            problem.currentVersion = current
            return problem
        case .versionRequired:
            return Problem(.versionRequired, 428, "Version required",
                           "Send the record's version as If-Match: \"N\" or as `version` in the body.")
        case .forbidden(let detail): return Problem(.forbidden, 403, "Forbidden", detail)
        case .unauthorized: return Problem(.unauthorized, 401, "Not signed in", "The email or password is wrong, or the account is inactive.")
        case .throttled(let seconds):
            var problem = Problem(.tooManyAttempts, 429, "Too many attempts", "Too many failed sign-ins; try again later.")
            problem.retryAfter = seconds
            return problem
        case .alreadySetUp: return Problem(.alreadySetUp, 409, "Already set up", "An administrator exists already.")
        case .storageFull:
            var problem = Problem(.storageFull, 507, "Storage full", "The database has no room for this change; nothing was saved. Try again once space is freed.")
            problem.retryAfter = 60
            return problem
        case .storageUnavailable:
            var problem = Problem(.storageUnavailable, 503, "Storage unavailable", "The database could not save this change just now; nothing was saved.")
            problem.retryAfter = 5
            return problem
        case .emailTaken: return Problem(.emailTaken, 409, "Email taken", "Another user has this email address.")
        }
    }

    public static func from(_ error: PartyError) -> Problem {
        switch error {
        case .hierarchyCycle:
            return Problem(.hierarchyCycle, 409, "Hierarchy cycle", "That parent would make the account its own ancestor.")
        case .mergeWithSelf:
            return Problem(.mergeWithSelf, 409, "Cannot merge", "A record cannot be merged into itself.")
        case .duplicateSuspected(let matches):
            var problem = Problem(.duplicateSuspected, 409, "Possible duplicate",
                                  "Similar records exist. Use one of them, or repeat with ?allowDuplicate=true.")
            problem.matches = matches
            return problem
        case .hasDependents(let detail): return Problem(.hasDependents, 409, "Record in use", detail)
        }
    }

    public static func from(_ error: HTTPError) -> Problem {
        switch error.status.code {
        case 404: return .notFound("resource")
        case 405: return Problem(.methodNotAllowed, 405, "Method not allowed", "This resource does not accept that method.")
        case 413: return Problem(.payloadTooLarge, 413, "Payload too large", "The request body is too large.")
        case 415: return Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send application/json.")
        case 400..<500: return .malformed(error.body ?? "The request could not be read.")
        default: return Problem(.internal, 500, "Internal error", "Something went wrong on our side.")
        }
    }
}

extension Problem {
    public static func from(_ error: PipelineError) -> Problem {
        switch error {
        case .kindHasNoStages: return Problem(.kindHasNoStages, 409, "No stages", "Opportunities of this kind have no stages.")
        case .stageSkipNotAllowed:
            return Problem(.stageSkipNotAllowed, 409, "Stage order", "This kind's stages are passed in order: move only to the next stage.")
        case .stageNotInKind: return Problem(.stageNotInKind, 409, "Stage not in process", "That stage is not part of this kind's process.")
        case .alreadyInStage: return Problem(.alreadyInStage, 409, "Already there", "The opportunity is in that stage already.")
        case .stageRequirementsUnmet(let missing):
            var problem = Problem(.stageRequirementsUnmet, 409, "Stage requirements unmet",
                                  "The stage cannot be entered yet: " + missing.joined(separator: "; ") + ".")
            problem.unmet = missing
            return problem
        case .kindNotAllowed: return Problem(.kindNotAllowed, 422, "Kind not allowed", "That opportunity kind cannot be chosen for new opportunities.")
        case .opportunityClosed:
            return Problem(.opportunityClosed, 409, "Opportunity closed", "The opportunity is closed; a manager can reopen it.")
        case .opportunityNotClosed: return Problem(.opportunityNotClosed, 409, "Not closed", "The opportunity is not closed.")
        case .openQuotes: return Problem(.openQuotes, 409, "Open quotes", "Close or reject the opportunity's draft and active quotes first.")
        case .lostReasonRequired: return .validation([FieldError("lostReasonId", "is required to close an opportunity as lost")])
        case .primaryDemandDisabled:
            return Problem(.primaryDemandDisabled, 422, "Primary demand disabled", "This opportunity kind does not record primary demand.")
        case .leadAlreadyQualified: return Problem(.leadAlreadyQualified, 409, "Already qualified", "The lead was qualified already.")
        case .leadDisqualified: return Problem(.leadDisqualified, 409, "Lead disqualified", "The lead is disqualified; a manager can reactivate it.")
        case .leadNotDisqualified: return Problem(.leadNotDisqualified, 409, "Lead not disqualified", "Only a disqualified lead can be reactivated.")
        case .sourceMismatch(let detail): return .validation([FieldError("sourceRef", detail)])
        }
    }
}

extension Problem {
    public static func from(_ error: BudgetError) -> Problem {
        switch error {
        case .overlap(let other):
            return Problem(.budgetOverlap, 409, "Budget periods overlap",
                           "Another master budget of this record (\(other)) shares a day with this period; a record's budgets may not overlap.")
        case .datesLocked:
            return Problem(.budgetDatesLocked, 409, "Budget dates locked",
                           "The budget locked at the end of the day it was made: its numbers can change (as a correction), its dates cannot.")
        case .locked: return Problem(.budgetLocked, 409, "Budget locked", "It locked at the end of the day it was saved and cannot be deleted.")
        case .notLatest: return Problem(.budgetLocked, 409, "Budget locked", "Only the latest correction can be deleted; the ones before it stay.")
        case .trackingDisabled:
            return Problem(.budgetTrackingDisabled, 409, "Budget tracking is off", "An administrator has switched budget tracking off in Settings.")
        }
    }

    public static func from(_ error: QuoteError) -> Problem {
        switch error {
        case .notDraft: return Problem(.quoteNotDraft, 409, "Quote not a draft", "Only a draft quote can be changed or sent.")
        case .notSent: return Problem(.quoteNotSent, 409, "Quote not sent", "Send the quote first.")
        case .closed: return Problem(.quoteClosed, 409, "Quote closed", "The quote is accepted, rejected or revised already.")
        case .expired: return Problem(.quoteExpired, 409, "Quote expired", "The quote is past its validity; revise it.")
        case .notAccepted: return Problem(.quoteNotAccepted, 409, "Quote not accepted", "Only an accepted quote converts to an order.")
        case .alreadyConverted: return Problem(.quoteConverted, 409, "Already converted", "This quote became a sales order already.")
        case .priceListRequired:
            return Problem(.priceListRequired, 422, "Price list required", "Choose a price list before adding catalog products (write-ins need none).")
        case .priceListNotValid: return Problem(.priceListNotValid, 422, "Price list not valid", "The price list is not valid on the document's date.")
        case .productNotOnPriceList(let name):
            return Problem(.productNotOnPriceList, 422, "Not on the price list", "\(name) has no price on the chosen price list.")
        case .currencyMismatch:
            return Problem(.currencyMismatch, 422, "Currency mismatch", "The price list, the quote and its opportunity must share one currency.")
        }
    }
}

extension Problem {
    public static func from(_ error: InvoiceError) -> Problem {
        switch error {
        case .notDraft: return Problem(.invoiceNotDraft, 409, "Invoice issued", "An issued invoice cannot be changed; cancel it with a credit note.")
        case .noLines: return Problem(.invoiceEmpty, 409, "No lines", "An invoice needs at least one line before it is issued.")
        case .notIssued: return Problem(.invoiceNotIssued, 409, "Invoice not issued", "Only an issued, uncancelled invoice can be sent or credited.")
        case .orderNotInvoiceable:
            return Problem(.orderNotInvoiceable, 409, "Order not invoiceable", "Only a confirmed order that is not cancelled can be invoiced.")
        case .fullyInvoiced: return Problem(.orderFullyInvoiced, 409, "Fully invoiced", "Everything on the order is invoiced already.")
        case .overInvoiced(let line):
            return Problem(.overInvoicing, 422, "More than ordered", "Order line \(line) would be invoiced for more than was ordered.")
        case .orderInvoiced:
            return Problem(.orderInvoiced, 409, "Order invoiced", "An order with an issued invoice cannot be cancelled; credit the invoice first.")
        case .notOpen: return Problem(.invoiceNotOpen, 409, "Invoice not open", "The invoice is not issued and unpaid.")
        }
    }

    public static func from(_ error: LedgerError) -> Problem {
        switch error {
        case .overAllocation:
            return Problem(.overAllocation, 422, "Over-allocation",
                           "Allocations may not exceed an invoice's balance, and together not the payment's unallocated amount.")
        case .currencyMismatch: return Problem(.currencyMismatch, 422, "Currency mismatch", "A payment is allocated only to invoices in its currency.")
        case .notPositive: return .validation([FieldError("allocations", "each amount must be more than 0")])
        case .otherAccount: return .validation([FieldError("allocations", "a payment is allocated only to its own account's invoices")])
        case .invoiceNotOpen: return Problem(.invoiceNotOpen, 409, "Invoice not open", "The invoice is not issued and unpaid.")
        case .paymentReversed: return Problem(.paymentReversed, 409, "Payment reversed", "The payment is reversed.")
        case .lineMatched: return Problem(.lineMatched, 409, "Line matched", "The statement line is matched already; unmatch it first.")
        case .paymentMatched: return Problem(.paymentMatched, 409, "Payment matched", "That payment is matched to another statement line.")
        case .amountMismatch:
            return Problem(.amountMismatch, 422, "Amount mismatch", "The payment's amount and currency must equal the statement line's.")
        case .badStatement(let errors): return Problem.validation(errors)
        }
    }
}
