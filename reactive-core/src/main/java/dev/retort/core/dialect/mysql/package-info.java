/** The MySQL 8 / MariaDB dialect. */
@NullMarked
package dev.retort.core.dialect.mysql;

import org.jspecify.annotations.NullMarked;
