/** Helpers shared inside reactive-core; not public API. */
@NullMarked
package dev.retort.core.internal;

import org.jspecify.annotations.NullMarked;
