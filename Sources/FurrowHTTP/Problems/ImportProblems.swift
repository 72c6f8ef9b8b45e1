import FurrowCore
import FurrowDomain

/// Which errors an import row's own data causes, with the words the API would answer them with:
/// a refusal (403, 404, 409, 422) is the row's; anything else stops the import.
public enum ImportProblems {
    public static let explain: @Sendable (any Error) -> [FieldError]? = { error in
        guard let problem = Problem.from(error), [403, 404, 409, 422].contains(problem.status) else { return nil }
        if let errors = problem.errors, !errors.isEmpty { return errors }
        return [FieldError(problem.status == 404 || problem.status == 403 ? "id" : "row", problem.detail)]
    }
}
