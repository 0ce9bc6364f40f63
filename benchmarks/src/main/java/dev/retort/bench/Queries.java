package dev.retort.bench;

import static dev.retort.core.sql.Sql.bindparam;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.types.Types.INTEGER;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.selectinload;

import dev.retort.bench.Model.Author;
import dev.retort.bench.Model.AuthorEntity;
import dev.retort.bench.Model.Book;
import dev.retort.bench.Model.ItemRow;
import dev.retort.core.result.Row;
import dev.retort.core.sql.Insert;
import dev.retort.core.sql.Select;
import dev.retort.orm.Orm;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.query.EntitySelect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The statements of every suite, as Retort statements and as the SQL text the raw driver and JDBC
 * send. {@link BenchMain} checks before a run that Retort compiles its statements to exactly these
 * strings, so every stack asks the server the same thing.
 */
final class Queries {

    private Queries() {
    }

    private static final Model.Items I = Model.ITEMS_TABLE;
    private static final Model.Items S = Model.SINK_TABLE;
    private static final Model.Authors A = Model.AUTHORS_TABLE;
    private static final Model.Books B = Model.BOOKS_TABLE;

    // ---- Retort Core statements (immutable, built once) --------------------------------------------------

    static final Select POINT = select(I.id, I.name, I.amount, I.created).where(I.id.eq(bindparam("id", INTEGER)));
    static final Select READ = select(I.id, I.name, I.amount, I.created).limit(Model.READ_ROWS);
    static final Insert BULK = dev.retort.core.sql.Sql.insert(S);
    static final Select AUTHORS = select(A.id, A.name).orderBy(A.id);
    static final Select BOOKS_OF = select(B.id, B.authorId, B.title, B.pages)
            .where(B.authorId.eq(bindparam("author", INTEGER))).orderBy(B.id);

    // ---- Retort ORM statements ------------------------------------------------------------------------

    /** Every author, ordered like {@link #AUTHORS} (the same SQL); the ORM N+1 loads each one's books after it. */
    static final EntitySelect<AuthorEntity> ORM_AUTHORS = Orm.select(AuthorEntity.class)
            .orderBy(Metamodel.column(AuthorEntity.class, "id"));
    /** The authors, then their books with one {@code IN (…)} query: 2 statements. */
    static final EntitySelect<AuthorEntity> ORM_AUTHORS_SELECTIN = ORM_AUTHORS.options(selectinload(Model.AUTHOR_BOOKS));
    /** The authors {@code LEFT OUTER JOIN} their books: 1 statement, one row per book. */
    static final EntitySelect<AuthorEntity> ORM_AUTHORS_JOINED = ORM_AUTHORS.options(joinedload(Model.AUTHOR_BOOKS));

    /** The point select built anew for each call, as code that does not keep statements would. */
    static Select pointBuilt(int id) {
        return select(I.id, I.name, I.amount, I.created).where(I.id.eq(id));
    }

    static Select booksOf(Collection<Integer> authorIds) {
        return select(B.id, B.authorId, B.title, B.pages).where(B.authorId.in(authorIds)).orderBy(B.authorId, B.id);
    }

    static ItemRow item(Row row) {
        return new ItemRow(row.get(I.id), row.get(I.name), row.get(I.amount), row.get(I.created));
    }

    static Author author(Row row) {
        return new Author(row.get(A.id), row.get(A.name));
    }

    static Book book(Row row) {
        return new Book(row.get(B.id), row.get(B.authorId), row.get(B.title), row.get(B.pages));
    }

    // ---- SQL text for the raw driver and JDBC -------------------------------------------------------

    static final String POINT_SQL = "SELECT bench_item.id, bench_item.name, bench_item.amount, bench_item.created"
            + " FROM bench_item WHERE bench_item.id = ?";
    static final String READ_SQL = "SELECT bench_item.id, bench_item.name, bench_item.amount, bench_item.created"
            + " FROM bench_item LIMIT " + Model.READ_ROWS;
    static final String INSERT_SQL = "INSERT INTO bench_sink (id, name, amount, created) VALUES (?, ?, ?, ?)";
    static final String AUTHORS_SQL = "SELECT bench_author.id, bench_author.name FROM bench_author"
            + " ORDER BY bench_author.id";
    static final String BOOKS_OF_SQL = "SELECT bench_book.id, bench_book.author_id, bench_book.title, bench_book.pages"
            + " FROM bench_book WHERE bench_book.author_id = ? ORDER BY bench_book.id";

    static String booksInSql(int count) {
        StringBuilder sql = new StringBuilder("SELECT bench_book.id, bench_book.author_id, bench_book.title,"
                + " bench_book.pages FROM bench_book WHERE bench_book.author_id IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(") ORDER BY bench_book.author_id, bench_book.id").toString();
    }

    /** A multi-row INSERT of {@code rows} rows, as Retort's executemany rewrite sends it. */
    static String multiRowInsertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_SQL.length() + rows * 16).append(INSERT_SQL);
        for (int i = 1; i < rows; i++) {
            sql.append(", (?, ?, ?, ?)");
        }
        return sql.toString();
    }

    // ---- row readers ---------------------------------------------------------------------------------

    static ItemRow item(io.r2dbc.spi.Row row) {
        return new ItemRow(row.get(0, Integer.class), row.get(1, String.class), row.get(2, Integer.class),
                row.get(3, LocalDateTime.class));
    }

    static Author author(io.r2dbc.spi.Row row) {
        return new Author(row.get(0, Integer.class), row.get(1, String.class));
    }

    static Book book(io.r2dbc.spi.Row row) {
        return new Book(row.get(0, Integer.class), row.get(1, Integer.class), row.get(2, String.class),
                row.get(3, Integer.class));
    }

    static ItemRow item(ResultSet rs) throws SQLException {
        return new ItemRow(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDateTime.class));
    }

    static List<String> all() {
        return List.of(POINT_SQL, READ_SQL, INSERT_SQL, AUTHORS_SQL, BOOKS_OF_SQL);
    }
}
