// swift-tools-version:6.1
import PackageDescription

let settings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "furrow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "furrow", targets: ["furrow"]),
        .executable(name: "furrow-bench", targets: ["furrow-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        // Without its default "ExternalLoading" trait: the document is built, never loaded.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    ],
    targets: [
        .target(name: "FurrowDomain", swiftSettings: settings),
        .target(
            name: "FurrowCore",
            dependencies: [
                "FurrowDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowDocuments",
            dependencies: ["FurrowDomain", "FurrowCore"],
            resources: [.copy("Resources/DejaVuSans.ttf"), .copy("Resources/DejaVuSans-LICENSE.txt")],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowStore",
            dependencies: [
                "FurrowDomain", "FurrowCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowHTTP",
            dependencies: [
                "FurrowDomain", "FurrowCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowAPI",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowDocuments", "FurrowHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowWeb",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowOpenAPI",
            dependencies: ["FurrowAPI", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowServer",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowStore", "FurrowHTTP", "FurrowAPI", "FurrowOpenAPI", "FurrowWeb", "FurrowDocuments",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "furrow",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowStore", "FurrowHTTP", "FurrowServer", "FurrowOpenAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "furrow-bench",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowStore", "FurrowServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "FurrowTestSupport",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowStore", "FurrowHTTP", "FurrowAPI", "FurrowWeb", "FurrowServer", "FurrowDocuments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(name: "FurrowDomainTests", dependencies: ["FurrowDomain", "FurrowCore"], swiftSettings: settings),
        .testTarget(name: "FurrowWebTests", dependencies: ["FurrowWeb", "FurrowCore", "FurrowDomain", "FurrowTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")], swiftSettings: settings),
        .testTarget(
            name: "FurrowStoreTests",
            dependencies: ["FurrowDomain", "FurrowCore", "FurrowStore", "FurrowTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: settings
        ),
        .testTarget(
            name: "FurrowAPITests",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowHTTP", "FurrowAPI", "FurrowDocuments", "FurrowOpenAPI", "FurrowServer", "FurrowStore", "FurrowTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "FurrowScenarioTests",
            dependencies: [
                "FurrowDomain", "FurrowCore", "FurrowStore", "FurrowTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
    ]
)
