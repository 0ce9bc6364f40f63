/**
 * Loader options: which relationships a query or {@code session.load} loads and how (selectin,
 * joined, raise). Relationships never load on access; see {@link dev.retort.orm.mapping.Relationship}.
 */
@NullMarked
package dev.retort.orm.loading;

import org.jspecify.annotations.NullMarked;
