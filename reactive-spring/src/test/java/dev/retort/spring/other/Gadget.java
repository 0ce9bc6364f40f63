package dev.retort.spring.other;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Id;

/** An entity in a package of its own, found only when {@code retort.orm.packages} names it. */
@Entity(table = "gadgets")
public class Gadget {

    @Id
    public Integer id;

    public String label;
}
