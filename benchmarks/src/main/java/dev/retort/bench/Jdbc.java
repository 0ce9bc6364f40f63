package dev.retort.bench;

import dev.retort.bench.Model.ItemRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The JDBC baseline: mysql-connector-j through HikariCP, blocking, one thread per statement in flight. */
final class Jdbc {

    private Jdbc() {
    }

    static ItemRow point(DataSource dataSource, int id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return point(connection, id);
        }
    }

    static ItemRow point(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(Queries.POINT_SQL)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Queries.item(rs) : null;
            }
        }
    }

    static List<ItemRow> read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(Queries.READ_SQL);
                ResultSet rs = statement.executeQuery()) {
            List<ItemRow> rows = new ArrayList<>(Model.READ_ROWS);
            while (rs.next()) {
                rows.add(Queries.item(rs));
            }
            return rows;
        }
    }

    /** {@code addBatch} per row, one {@code executeBatch}; {@code rewriteBatchedStatements=true} makes it multi-row INSERTs. */
    static long insertBatch(DataSource dataSource, List<ItemRow> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long inserted = 0;
            try (PreparedStatement statement = connection.prepareStatement(Queries.INSERT_SQL)) {
                for (ItemRow row : rows) {
                    statement.setInt(1, row.id());
                    statement.setString(2, row.name());
                    statement.setInt(3, row.amount());
                    statement.setObject(4, row.created());
                    statement.addBatch();
                }
                for (long count : statement.executeLargeBatch()) {
                    inserted += count;
                }
            }
            connection.commit();
            return inserted;
        }
    }

    /** setAutoCommit(false), one point select, commit (HikariCP restores autocommit at close). */
    static ItemRow transaction(DataSource dataSource, int id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ItemRow item = point(connection, id);
            connection.commit();
            return item;
        }
    }

    static int acquire(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection != null ? 1 : 0;
        }
    }
}
