package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statement kind read from SQL text, as metrics tag it. */
class StatementKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SELECT 1                                                        | SELECT
            select * from t                                                 | SELECT
            "  \\n\\t SELECT 1"                                             | SELECT
            (SELECT a FROM t) UNION (SELECT b FROM u)                       | SELECT
            /* hint */ SELECT 1                                             | SELECT
            "-- comment\\nSELECT 1"                                         | SELECT
            "# comment\\nDELETE FROM t"                                     | DELETE
            "--not a comment"                                               | OTHER
            VALUES ROW(1, 2)                                                | SELECT
            TABLE t                                                         | SELECT
            WITH c AS (SELECT 1 AS x) SELECT x FROM c                       | SELECT
            WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 5) SELECT n FROM s | SELECT
            WITH c AS (SELECT id FROM t) UPDATE t JOIN c USING (id) SET v = 1 | UPDATE
            WITH c AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM c) | DELETE
            WITH `update` AS (SELECT ')' AS x) SELECT * FROM `update`       | SELECT
            INSERT INTO t (a) VALUES (?)                                    | INSERT
            REPLACE INTO t VALUES (1)                                       | INSERT
            UPDATE t SET a = ?                                              | UPDATE
            update_log                                                      | OTHER
            DELETE FROM t                                                   | DELETE
            CREATE TABLE t (id INT)                                         | DDL
            ALTER TABLE t ADD COLUMN b INT                                  | DDL
            DROP TABLE IF EXISTS t                                          | DDL
            TRUNCATE TABLE t                                                | DDL
            RENAME TABLE a TO b                                             | DDL
            SET @a = 1                                                      | OTHER
            SHOW TABLES                                                     | OTHER
            CALL p()                                                        | OTHER
            KILL QUERY 12                                                   | OTHER
            ""                                                              | OTHER
            ;                                                               | OTHER
            """)
    void kindIsReadFromTheLeadingKeyword(String sql, StatementKind expected) {
        assertThat(StatementKind.of(sql.replace("\\n", "\n").replace("\\t", "\t"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SELECT, select", "INSERT, insert", "UPDATE, update", "DELETE, delete", "DDL, ddl", "OTHER, other"})
    void tagIsTheLowerCaseName(StatementKind kind, String tag) {
        assertThat(kind.tag()).isEqualTo(tag);
    }
}
