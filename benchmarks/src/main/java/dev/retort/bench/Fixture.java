package dev.retort.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates the benchmark tables and the fixed data set (through JDBC: this is set-up code, it may
 * block). Idempotent: a table that already holds the expected rows is left alone, so repeated runs
 * against the same database start fast.
 */
final class Fixture {

    private Fixture() {
    }

    /** What the run found on the server. */
    record ServerInfo(String version, String sinkEngine) {

        boolean blackhole() {
            return "BLACKHOLE".equalsIgnoreCase(sinkEngine);
        }
    }

    /** Creates the database, tables and rows when missing. */
    static ServerInfo prepare(BenchUrl url) throws SQLException {
        try (Connection c = open(url, true); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_item (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                    + " amount INT NOT NULL, created DATETIME NOT NULL) ENGINE=InnoDB");
            if (count(s, "bench_item") != Model.ITEMS) {
                s.execute("TRUNCATE TABLE bench_item");
                insertItems(c);
            }
            s.execute("CREATE TABLE IF NOT EXISTS bench_author (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL)"
                    + " ENGINE=InnoDB");
            s.execute("CREATE TABLE IF NOT EXISTS bench_book (id INT NOT NULL PRIMARY KEY, author_id INT NOT NULL,"
                    + " title VARCHAR(100) NOT NULL, pages INT NOT NULL, KEY ix_bench_book_author (author_id))"
                    + " ENGINE=InnoDB");
            if (count(s, "bench_author") != Model.AUTHORS
                    || count(s, "bench_book") != Model.AUTHORS * Model.BOOKS_PER_AUTHOR) {
                s.execute("TRUNCATE TABLE bench_book");
                s.execute("TRUNCATE TABLE bench_author");
                insertAuthorsAndBooks(c);
            }
            String engine = hasBlackhole(s) ? "BLACKHOLE" : "MEMORY";
            s.execute("DROP TABLE IF EXISTS bench_sink");
            s.execute("CREATE TABLE bench_sink (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                    + " amount INT NOT NULL, created DATETIME NOT NULL) ENGINE=" + engine);
            s.execute("ANALYZE TABLE bench_item, bench_author, bench_book");
            return new ServerInfo(version(s), engine);
        }
    }

    /** The storage engine of the bulk-insert table: BLACKHOLE, or MEMORY (then emptied before each insert). */
    static String sinkEngine(BenchUrl url) throws SQLException {
        try (Connection c = open(url, false); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ENGINE FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'bench_sink'")) {
            if (!rs.next()) {
                throw new IllegalStateException("bench_sink is missing: run the benchmarks through BenchMain");
            }
            return rs.getString(1);
        }
    }

    /** A plain JDBC connection to the benchmark database (set-up work). */
    static Connection open(BenchUrl url) throws SQLException {
        return open(url, false);
    }

    /** The server's version string. */
    static String version(BenchUrl url) throws SQLException {
        try (Connection c = open(url, false); Statement s = c.createStatement()) {
            return version(s);
        }
    }

    private static String version(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean hasBlackhole(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'BLACKHOLE'")) {
            return rs.next() && !"NO".equalsIgnoreCase(rs.getString(1)) && !"DISABLED".equalsIgnoreCase(rs.getString(1));
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertItems(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_item (id, name, amount, created) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= Model.ITEMS; id++) {
                Model.ItemRow row = Model.ItemRow.generated(id);
                ps.setInt(1, row.id());
                ps.setString(2, row.name());
                ps.setInt(3, row.amount());
                ps.setObject(4, row.created());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void insertAuthorsAndBooks(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement authors = c.prepareStatement("INSERT INTO bench_author (id, name) VALUES (?, ?)");
                PreparedStatement books = c.prepareStatement(
                        "INSERT INTO bench_book (id, author_id, title, pages) VALUES (?, ?, ?, ?)")) {
            int bookId = 0;
            for (int author = 1; author <= Model.AUTHORS; author++) {
                authors.setInt(1, author);
                authors.setString(2, "author-" + author);
                authors.addBatch();
                for (int b = 0; b < Model.BOOKS_PER_AUTHOR; b++) {
                    bookId++;
                    books.setInt(1, bookId);
                    books.setInt(2, author);
                    books.setString(3, "book-" + bookId);
                    books.setInt(4, bookPages(bookId));
                    books.addBatch();
                }
            }
            authors.executeBatch();
            books.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** The {@code pages} of book {@code bookId}. */
    static int bookPages(int bookId) {
        return 100 + bookId % 400;
    }

    private static Connection open(BenchUrl url, boolean createDatabase) throws SQLException {
        Properties properties = Stacks.jdbcProperties(url);
        if (createDatabase) {
            properties.setProperty("createDatabaseIfNotExist", "true");
        }
        return DriverManager.getConnection(Stacks.jdbcUrl(url), properties);
    }
}
