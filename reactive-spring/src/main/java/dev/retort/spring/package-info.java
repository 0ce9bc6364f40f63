/**
 * Spring Boot auto-configuration for Retort: the {@link dev.retort.core.engine.Engine} and ORM
 * {@code SessionFactory} beans ({@link dev.retort.spring.RetortAutoConfiguration}, configured by
 * {@link dev.retort.spring.RetortProperties}), and the bridge that lets every Retort call join the
 * transaction of Spring's {@code @Transactional} / {@code TransactionalOperator}
 * ({@link dev.retort.spring.SpringTransactions}).
 */
@NullMarked
package dev.retort.spring;

import org.jspecify.annotations.NullMarked;
