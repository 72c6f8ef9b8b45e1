/// Search results showed the raw status of opportunities and leads (`inProgress · 23900.00 GBP`);
/// entries are now written with its label (`OpportunityStatus.label`), and the saved ones get it
/// here. (Their amounts read grouped once the record is next saved.)
let m0014SearchLabels = Migration(
    version: 14,
    name: "search labels",
    both: [
        "UPDATE search_entries SET subtitle = 'In progress' || SUBSTR(subtitle, 11) WHERE kind = 'opportunity' AND (subtitle = 'inProgress' OR subtitle LIKE 'inProgress · %')",
        "UPDATE search_entries SET subtitle = 'Won' || SUBSTR(subtitle, 4) WHERE kind = 'opportunity' AND (subtitle = 'won' OR subtitle LIKE 'won · %')",
        "UPDATE search_entries SET subtitle = 'Lost' || SUBSTR(subtitle, 5) WHERE kind = 'opportunity' AND (subtitle = 'lost' OR subtitle LIKE 'lost · %')",
        "UPDATE search_entries SET subtitle = SUBSTR(subtitle, 1, LENGTH(subtitle) - 3) || 'New' WHERE kind = 'lead' AND (subtitle = 'new' OR subtitle LIKE '% · new')",
        "UPDATE search_entries SET subtitle = SUBSTR(subtitle, 1, LENGTH(subtitle) - 9) || 'Contacted' WHERE kind = 'lead' AND (subtitle = 'contacted' OR subtitle LIKE '% · contacted')",
        "UPDATE search_entries SET subtitle = SUBSTR(subtitle, 1, LENGTH(subtitle) - 9) || 'Qualified' WHERE kind = 'lead' AND (subtitle = 'qualified' OR subtitle LIKE '% · qualified')",
        "UPDATE search_entries SET subtitle = SUBSTR(subtitle, 1, LENGTH(subtitle) - 12) || 'Disqualified' WHERE kind = 'lead' AND (subtitle = 'disqualified' OR subtitle LIKE '% · disqualified')",
    ],
    sqlite: [],
    postgres: []
)
