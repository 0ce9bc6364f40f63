/**
 * Retort ORM: entity mapping, the session with identity map and unit of work, and relationship
 * loaders. Built on {@code reactive-core}; see issues #5 and #6 for what lands here.
 */
@NullMarked
package dev.retort.orm;

import org.jspecify.annotations.NullMarked;
