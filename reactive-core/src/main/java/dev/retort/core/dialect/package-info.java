/**
 * Server dialects. {@link dev.retort.core.dialect.Dialect} describes a server family and version;
 * {@code dialect.mysql} holds MySQL 8 and MariaDB.
 */
@NullMarked
package dev.retort.core.dialect;

import org.jspecify.annotations.NullMarked;
