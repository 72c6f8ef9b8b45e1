/// Which rule made an activity (`ActivityOrigin`): a stage's task or the follow-up rule; none for
/// one a person made. Closing an opportunity cancels the open ones a rule made.
let m0016ActivityOrigin = Migration(
    version: 16,
    name: "activity origin",
    both: ["ALTER TABLE activities ADD COLUMN origin TEXT"],
    sqlite: [],
    postgres: []
)
