// Local Neo4j 5.26 server for argmap tests, CI and development -- no Docker.
//
// Runs an embedded Neo4j Community DBMS with the Bolt and HTTP connectors
// switched on, i.e. a real server that drivers (bolt://, neo4j://) and Neo4j
// Browser (http://127.0.0.1:7474/browser/) connect to.
//
// Run it through start.sh, which passes the JVM flags Neo4j needs. By hand:
//   java <flags from start.sh> -cp 'lib/*' Launcher.java [INSTANCE_DIR]
//
// Configuration (environment variables):
//   NEO4J_LOCAL_DATA   instance directory (data/, logs/ live under it); the first
//                      argument wins over it; default ./data
//   NEO4J_BOLT_PORT    Bolt port on 127.0.0.1 (default 7687)
//   NEO4J_HTTP_PORT    HTTP port on 127.0.0.1 (default 7474)
//   NEO4J_PAGECACHE    page cache size (default 256m)
//   NEO4J_TX_MEMORY    cap on memory used by all running transactions (default 512m)
//   NEO4J_BROWSER_POST_CONNECT_CMD  Neo4j Browser commands run after connecting (browser.post_connect_cmd),
//                      without the leading colon, ";"-separated, e.g.
//                      "play http://localhost:8000/neo4j/guide"; default none
//
// Authentication is OFF: both connectors are bound to loopback only.
// Procedures are left at their defaults, so fulltext and vector indexes work.
// Prints "READY ..." once the default database is available, and shuts the
// DBMS down cleanly on SIGTERM/SIGINT (shutdown hook).

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.GraphDatabaseSettings.TransactionStateMemoryAllocation;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.configuration.ServerSettings;

public class Launcher {
    private static final String HOST = "127.0.0.1";

    @SuppressWarnings("removal") // tx_state_memory_allocation: deprecated in 5.x, still honoured
    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        String dirArg = args.length > 0 ? args[0] : env("NEO4J_LOCAL_DATA", "data");
        Path home = Path.of(dirArg).toAbsolutePath().normalize();
        Files.createDirectories(home);

        int boltPort = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        int httpPort = Integer.parseInt(env("NEO4J_HTTP_PORT", "7474"));
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "256m"));
        long txMemory = ByteUnit.parse(env("NEO4J_TX_MEMORY", "512m"));

        log("starting Neo4j in " + home + " (bolt " + HOST + ":" + boltPort
                + ", http " + HOST + ":" + httpPort + ")");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out))
                // Network: loopback only.
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                .setConfig(HttpsConnector.enabled, false)
                // Auth off: safe only because of the loopback binding above.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Small footprint for a shared 2-core machine.
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.tx_state_memory_allocation,
                        TransactionStateMemoryAllocation.ON_HEAP)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt waits a 5 s Netty "quiet period" on shutdown by default; skip it.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                // Neo4j Browser may fetch guides and styles (:play / :style URL) from 127.0.0.1 too
                // (default: guides.neo4j.com and localhost only).
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist,
                        "guides.neo4j.com,localhost,127.0.0.1");
        // Browser commands to run after connecting, without the colon Browser adds itself,
        // e.g. "play http://localhost:8000/neo4j/guide".
        String postConnect = env("NEO4J_BROWSER_POST_CONNECT_CMD", "");
        if (!postConnect.isEmpty()) {
            builder.setConfig(ServerSettings.browser_post_connect_cmd, postConnect);
        }

        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            t.printStackTrace();
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            log("FAILED to start: " + root);
            haltLater(Duration.ofSeconds(15)); // if System.exit hangs in a shutdown hook
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutdown requested, stopping Neo4j");
            try {
                dbms.shutdown();
                log("STOPPED");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        String dbName = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        if (!dbms.database(dbName).isAvailable(Duration.ofMinutes(2).toMillis())) {
            log("database '" + dbName + "' did not become available; giving up");
            System.exit(1); // runs the shutdown hook above
        }
        long ms = Duration.between(started, Instant.now()).toMillis();
        log("READY bolt://" + HOST + ":" + boltPort + " http://" + HOST + ":" + httpPort
                + " (started in " + ms + " ms)");

        stopped.await();
    }

    private static void haltLater(Duration after) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException ignored) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "neo4j-local-halt");
        t.setDaemon(true);
        t.start();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " [neo4j-local] " + msg);
        System.out.flush();
    }
}
