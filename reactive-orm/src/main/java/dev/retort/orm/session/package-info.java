/**
 * The reactive session: {@link dev.retort.orm.session.SessionFactory} (SQLAlchemy's
 * {@code sessionmaker}), {@link dev.retort.orm.session.Session} with identity map and unit of work,
 * and {@link dev.retort.orm.session.ObjectState}. Every method that may do IO returns a cold
 * {@code Mono}/{@code Flux}; the others are plain, immediate calls.
 */
@NullMarked
package dev.retort.orm.session;

import org.jspecify.annotations.NullMarked;
