package innograph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community as an embedded DatabaseManagementService with the Bolt connector on loopback,
 * so that the app, notebooks and tests reach it as a real server over Bolt.
 *
 * Configuration comes from system properties (set by neo4j/start-neo4j.ts) and the password from
 * the environment variable INNOGRAPH_NEO4J_PASSWORD (kept off the command line):
 *   innograph.dataDir, innograph.boltPort, innograph.pageCache, innograph.apocJars (class-path style list),
 *   innograph.txTimeout (seconds).
 * Prints "innograph-neo4j: ready bolt://127.0.0.1:PORT" once Bolt accepts connections; a clean
 * shutdown on SIGTERM/SIGINT (the JVM's shutdown hook), so the next start needs no store recovery.
 */
public final class Launcher {
    private static final String PREFIX = "innograph-neo4j: ";

    public static void main(String[] args) {
        Path dataDir = Path.of(prop("innograph.dataDir", ".data/neo4j")).toAbsolutePath();
        int boltPort = Integer.parseInt(prop("innograph.boltPort", "7687"));
        String password = System.getenv().getOrDefault("INNOGRAPH_NEO4J_PASSWORD", prop("innograph.password", ""));
        String pageCache = prop("innograph.pageCache", "512m");
        String apocJars = prop("innograph.apocJars", "");
        long txTimeout = Long.parseLong(prop("innograph.txTimeout", "0"));
        if (password.length() < 8) {
            fail("the password must have at least 8 characters (Neo4j's rule); set NEO4J_PASSWORD");
        }
        DatabaseManagementService dbms;
        try {
            Path plugins = dataDir.resolve("plugins");
            Files.createDirectories(plugins);
            for (String jar : apocJars.split(java.io.File.pathSeparator)) {
                if (jar.isBlank()) continue;
                Path from = Path.of(jar);
                Files.copy(from, plugins.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
            if (txTimeout > 0) {
                builder.setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout));
            }
            dbms = builder.build();
        } catch (IOException | RuntimeException e) {
            fail("could not start Neo4j on " + dataDir + ": " + rootMessage(e));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(PREFIX + "shutting down");
            dbms.shutdown();
            System.out.println(PREFIX + "stopped");
        }, "innograph-neo4j-shutdown"));
        try {
            dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; anything else is a real failure.
            if (!rootMessage(e).contains("cannot be the same")) {
                fail("could not set the password of user neo4j: " + rootMessage(e));
            }
        }
        System.out.println(PREFIX + "ready bolt://127.0.0.1:" + boltPort);
        System.out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private static String prop(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void fail(String message) {
        System.err.println(PREFIX + message);
        System.exit(1);
    }
}
