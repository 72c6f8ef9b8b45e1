import Foundation

/// SplitMix64: a small, fast, seedable generator, so every run generates the same data set.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A UUID (version 4 layout) drawn from this generator.
    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i))) }
        for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Names built from syllables, so that a 3–8 character fragment matches a realistic share of
/// the rows: common fragments ("son", "berg") match many, long ones few.
enum Names {
    static let firstNames = [
        "Ada", "Alan", "Alice", "Amara", "Anna", "Arjun", "Beatrix", "Ben", "Carla", "Chen", "Clara", "Daniel", "David", "Elena",
        "Emma", "Eric", "Fatima", "Felix", "Grace", "Hana", "Hugo", "Ines", "Iris", "Ivan", "Jack", "James", "Jana", "Joao",
        "Julia", "Karin", "Kenji", "Lars", "Laura", "Leila", "Liam", "Lucia", "Marco", "Maria", "Mary", "Mateo", "Mia", "Nadia",
        "Nils", "Noah", "Nora", "Olga", "Omar", "Owen", "Paula", "Pedro", "Priya", "Rafael", "Rita", "Ruth", "Sam", "Sara",
        "Simon", "Sofia", "Tariq", "Tess", "Tom", "Ulla", "Vera", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
    ]
    static let starts = [
        "Ash", "Bar", "Bel", "Ber", "Bran", "Car", "Cor", "Dal", "Den", "Eck", "Fal", "Fen", "Gar", "Gold", "Hal", "Har",
        "Hol", "Kel", "Kin", "Lan", "Lind", "Mar", "Mel", "Mor", "Nor", "Oak", "Pen", "Ral", "Ros", "Sal", "Sel", "Stan",
        "Tal", "Thor", "Vel", "Wal", "Wen", "Whit", "Win", "Yar",
    ]
    static let middles = ["a", "e", "i", "o", "ar", "el", "en", "er", "in", "or", "ow", "ing"]
    static let ends = [
        "berg", "bridge", "brook", "by", "dale", "field", "ford", "ham", "holt", "hurst", "ley", "mann", "mere", "mont",
        "ridge", "sen", "shaw", "son", "ston", "ton", "wick", "wood", "worth",
    ]
    static let companySuffixes = [
        "Farms", "Holdings", "Logistics", "Marine", "Manufacturing", "Foods", "Engineering", "Services", "Trading", "Growers",
        "Dairy", "Machinery", "Supplies", "Agritech", "Orchards", "Transport",
    ]
    static let industries = ["Agriculture", "Manufacturing", "Logistics", "Marine", "Food", "Services", "Retail", "Energy"]
    static let titles = ["Owner", "Managing Director", "Purchasing Lead", "Farm Manager", "Fleet Director", "Buyer", "Engineer",
                         "Operations Manager", "Accountant", "Agronomist"]
    static let topics = ["Irrigation controllers", "Grain dryer", "Cold-store racking", "Conveyor line", "Fleet telematics",
                         "Tractor replacement", "Soil sensors", "Milking robot", "Greenhouse climate", "Service contract",
                         "Spare parts framework", "Harvester lease", "Solar pumps", "Feed mixer", "Storage silo"]

    static func surname(_ random: inout SeededRandom) -> String {
        let middle = random.chance(0.35) ? random.pick(middles) : ""
        return random.pick(starts) + middle + random.pick(ends)
    }

    static func company(_ random: inout SeededRandom) -> String {
        "\(surname(&random)) \(random.pick(companySuffixes))"
    }

    static func slug(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    static func phone(_ random: inout SeededRandom) -> String {
        "+44 \(random.int(1000..<2000)) \(random.int(100_000..<1_000_000))"
    }

    /// A fragment of 3–8 letters from one word of `name`, the way someone types part of a name (a
    /// fragment across a space or a digit would match nothing).
    static func fragment(of name: String, _ random: inout SeededRandom) -> String {
        let lower = name.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 3 }
        let word = words.isEmpty ? lower : words[random.int(0..<words.count)]
        let letters = Array(word.filter { $0.isLetter })
        guard letters.count >= 3 else { return String(letters) }
        let length = random.int(3..<(min(8, letters.count) + 1))
        let start = random.int(0..<(letters.count - length + 1))
        return String(letters[start..<(start + length)])
    }
}
