package dev.retort.examples;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;

/** Day 7's contact, mapped to {@code contacts}: a name, a unique e-mail address and an optional phone number. */
@Entity(table = "contacts")
final class Contact {

    @Id @GeneratedValue Integer id;
    @Column(length = 100, nullable = false) String name;
    @Column(length = 100, nullable = false, unique = true) String email;
    @Column(length = 20) String phone;

    Contact() {
    }

    Contact(String name, String email, String phone) {
        this.name = name;
        this.email = email;
        this.phone = phone;
    }

    @Override
    public String toString() {
        return "Contact(id=" + id + ", name=" + name + ")";
    }
}
