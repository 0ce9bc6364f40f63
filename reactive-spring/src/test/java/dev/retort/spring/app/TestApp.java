package dev.retort.spring.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A tiny Spring Boot application for the tests: auto-configuration (so Retort's, Spring's
 * transaction and, in a web test, WebFlux's), the {@link Ledger} service and the
 * {@link LedgerController}. Its package is the auto-configuration package, so {@link Note} is the
 * entity the ORM mapping finds.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Ledger.class, LedgerController.class, Transfers.class})
public class TestApp {
}
