import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ContractRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ContractRoutes {
    static let contractId = Endpoint.Parameter.id.described("The contract's id (a malformed id answers 404).")

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/amc-contracts", "listContracts", tag: "Maintenance", "List maintenance contracts",
                 description: "The contracts the caller may see (their owner's, their team's, or those they serve as a technician), newest first (one page of at most 500).",
                 parameters: [Endpoint.Parameter("accountId", in: .query, "Only this account's.", .uuid()),
                              Endpoint.Parameter("limit", in: .query, "At most this many (default 500).", .integer(minimum: 1, maximum: 500))],
                 answers: [.ok("ContractPage"), .problem(400, [.invalidQuery], detail: "An unknown parameter, a malformed accountId or a limit outside 1–500"), .unauthorized],
                 use: ContractRoutes.list),
        Endpoint(.post, "/amc-contracts", "createContract", tag: "Maintenance", "Make a maintenance contract (a draft)",
                 description: "A draft contract numbered `AMC-<year>-<serial>` (gap-free per year): the account, the covered items (sold products or invoice lines of the account), the start date, the duration, the service frequency, the visit length, the value and billing, the SLA and the technicians (active users with the service role). Activate it to plan its visits.",
                 body: .json("ContractCreate"),
                 answers: [.created("Contract", location: "/api/v1/amc-contracts/{id}"), .unauthorized,
                           .writeForbidden("Read-only users cannot create records; only managers and administrators give contracts to others")],
                 bodyErrors: true, use: ContractRoutes.create),
        Endpoint(.get, "/amc-contracts/{id}", "getContract", tag: "Maintenance", "Get a maintenance contract",
                 description: "`status` is `expired` once an active contract is past its end date.",
                 parameters: [contractId],
                 answers: [.ok("Contract"), .unauthorized, .problem(404)],
                 use: ContractRoutes.contract),
        Endpoint(.post, "/amc-contracts/{id}/activate", "activateContract", tag: "Maintenance", "Activate a contract and plan its visits",
                 description: "The draft becomes `active` and its whole schedule is made in the same transaction: one service visit per period from the start date (31 January monthly: 28/29 February, then 31 March), moved to the next working day (setting `workingDays`, and `/holidays`), between 09:00 and 17:00 company time, each given to the contract's technicians in turn so that none has two visits at once. No body is read.",
                 parameters: [contractId],
                 answers: [.ok("Contract"), .unauthorized, .writeForbidden("The caller's role cannot change the contract"), .problem(404),
                           .problem(409, [.contractIllegalMove, .contractNoTechnicians], detail: "It is not a draft, or it names no technician")],
                 use: ContractRoutes.activate),
        Endpoint(.post, "/amc-contracts/{id}/cancel", "cancelContract", tag: "Maintenance", "Cancel a contract",
                 description: "A draft or active contract becomes `cancelled` with the reason; its open visits from now on are cancelled (kept and audited).",
                 parameters: [contractId],
                 body: .json("ContractCancel"),
                 answers: [.ok("Contract"), .unauthorized, .writeForbidden("The caller's role cannot change the contract"), .problem(404),
                           .problem(409, [.contractIllegalMove], detail: "It is renewed, expired or cancelled already")],
                 bodyErrors: true, use: ContractRoutes.cancel),
        Endpoint(.get, "/amc-contracts/{id}/visits", "listContractVisits", tag: "Maintenance", "A contract's visits",
                 description: "Its service visits, by start (one page).",
                 parameters: [contractId],
                 answers: [.ok("ActivityPage"), .unauthorized, .problem(404)],
                 use: ContractRoutes.visits),
        Endpoint(.get, "/holidays", "listHolidays", tag: "Maintenance", "List the company's holidays",
                 description: "Days no maintenance visit is planned on, by date (one page).",
                 answers: [.ok("HolidayPage"), .unauthorized],
                 use: ContractRoutes.holidays),
        Endpoint(.post, "/holidays", "addHoliday", tag: "Maintenance", "Add a holiday",
                 description: "Administrators only. Visits planned before are not moved.",
                 body: .json("HolidayCreate"),
                 answers: [.created("Holiday", location: "/api/v1/holidays/{day}"), .unauthorized, .writeForbidden("Only administrators keep the holidays")],
                 bodyErrors: true, use: ContractRoutes.addHoliday),
        Endpoint(.delete, "/holidays/{day}", "deleteHoliday", tag: "Maintenance", "Remove a holiday",
                 parameters: [Endpoint.Parameter("day", in: .path, required: true, "The day (YYYY-MM-DD); a day that is not a holiday answers 404.", .string(format: "date"))],
                 answers: [.noContent, .unauthorized, .writeForbidden("Only administrators keep the holidays"), .problem(404)],
                 use: ContractRoutes.deleteHoliday),
    ]
}
