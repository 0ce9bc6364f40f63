/**
 * Implementation of the session: object states, identity map, loading, the unit of work's flush
 * and bulk-statement synchronisation. Not API; types here are public only so the API packages can
 * reach them.
 */
@NullMarked
package dev.retort.orm.internal;

import org.jspecify.annotations.NullMarked;
