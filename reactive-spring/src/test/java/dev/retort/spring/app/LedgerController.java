package dev.retort.spring.app;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux controller whose handler is itself the Spring transaction. */
@RestController
public class LedgerController {

    private final Ledger ledger;

    public LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @PostMapping("/ledger/{name}")
    @Transactional
    public Mono<String> add(@PathVariable("name") String name,
            @RequestParam(name = "fail", defaultValue = "false") boolean fail) {
        return ledger.writeUntransactional(name, fail).thenReturn("added " + name);
    }
}
