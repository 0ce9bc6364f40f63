package dev.retort.examples;

import dev.retort.orm.mapping.*;
import java.time.LocalDateTime;

/** The README's ORM entity, as written there (its own file: its {@code @Column} is the ORM annotation). */
@Entity(table = "customers", indexes = @Index(columns = "city"))
class Customer {
    @Id @GeneratedValue Integer id;                                     // AUTO_INCREMENT, set by the flush
    @Column(length = 50, nullable = false) String name;
    @Column(length = 100, nullable = false, unique = true) String email;
    @Column(length = 50) String city;
    @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime joined;  // read back after the INSERT

    Customer() { }                                                      // required, any visibility
    Customer(String name, String email, String city) { this.name = name; this.email = email; this.city = city; }
}
