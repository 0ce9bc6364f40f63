package dev.retort.examples;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import java.time.LocalDateTime;

/**
 * A row of Day 7's {@code logs} table, written in the same transaction as the contact it is about
 * (the tutorial inserts into this table without ever creating it).
 */
@Entity(table = "logs")
final class LogEntry {

    @Id @GeneratedValue Integer id;
    @Column(length = 200, nullable = false) String message;
    @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;

    LogEntry() {
    }

    LogEntry(String message) {
        this.message = message;
    }

    @Override
    public String toString() {
        return "LogEntry(id=" + id + ", message=" + message + ")";
    }
}
